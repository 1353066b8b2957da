import React from 'react';
import {Box, Text} from 'ink';
import {keymap, scopeTitles, type KeyBinding} from './keymap.ts';

export interface HelpOverlayProps {
	width: number;
	height: number;
	/** First line shown when the help is taller than the screen. */
	offset: number;
	/** Why a binding does nothing in this run (a pane not built, read-only mode), if it does not. */
	unavailableReason: (binding: KeyBinding) => string | undefined;
}

type HelpLine = {kind: 'title'; text: string} | {kind: 'binding'; binding: KeyBinding};

const columnGap = 3;
const minimumColumnWidth = 36;

/** The help's lines: a title per scope, then its bindings, in keymap order. */
export function helpLines(bindings: readonly KeyBinding[] = keymap): HelpLine[] {
	const scopes = [...new Set(bindings.map(binding => binding.scope))];
	return scopes.flatMap((scope): HelpLine[] => [{kind: 'title', text: scopeTitles[scope]}, ...bindings.filter(binding => binding.scope === scope).map((binding): HelpLine => ({kind: 'binding', binding}))]);
}

/** Lines that fit in the overlay's body, and how many columns it uses at this width. */
export function helpLayout(width: number, height: number): {columns: number; rowsPerColumn: number; capacity: number} {
	const innerWidth = width - 4;
	const rowsPerColumn = Math.max(1, height - 4);
	const columns = helpLines().length <= rowsPerColumn ? 1 : Math.max(1, Math.min(2, Math.floor((innerWidth + columnGap) / (minimumColumnWidth + columnGap))));
	return {columns, rowsPerColumn, capacity: columns * rowsPerColumn};
}

/** The largest useful scroll offset. */
export function maxHelpOffset(width: number, height: number): number {
	return Math.max(0, helpLines().length - helpLayout(width, height).capacity);
}

function LineView({line, keyWidth, unavailableReason}: {line: HelpLine; keyWidth: number; unavailableReason: HelpOverlayProps['unavailableReason']}) {
	if (line.kind === 'title') {
		return <Text bold wrap="truncate">{line.text}</Text>;
	}

	const reason = unavailableReason(line.binding);
	return (
		<Text wrap="truncate" dimColor={reason !== undefined}>
			<Text color="cyan">{line.binding.keys.padEnd(keyWidth)}</Text>
			{line.binding.description}
			{reason === undefined ? '' : ` (${reason})`}
		</Text>
	);
}

/** Every key binding, rendered from the keymap itself; two columns when one does not fit, scrolling when two do not. */
export function HelpOverlay({width, height, offset, unavailableReason}: HelpOverlayProps) {
	const lines = helpLines();
	const {columns, rowsPerColumn, capacity} = helpLayout(width, height);
	const first = Math.min(Math.max(0, offset), Math.max(0, lines.length - capacity));
	const shown = lines.slice(first, first + capacity);
	const keyWidth = Math.max(...keymap.map(binding => binding.keys.length)) + 2;
	const columnWidth = Math.floor((width - 4 - columnGap * (columns - 1)) / columns);
	const chunks = Array.from({length: columns}, (_, index) => shown.slice(index * rowsPerColumn, (index + 1) * rowsPerColumn));
	const hiddenAfter = lines.length - first - shown.length;
	const scrollHint = first > 0 || hiddenAfter > 0 ? `${first > 0 ? `↑ ${first} more  ` : ''}${hiddenAfter > 0 ? `↓ ${hiddenAfter} more  ` : ''}↑↓ scroll  ` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan" wrap="truncate">
				etcdeck keys
			</Text>
			<Box flexDirection="row" height={rowsPerColumn}>
				{chunks.map((chunk, index) => (
					<Box key={`column-${index}`} flexDirection="column" width={columnWidth} marginLeft={index === 0 ? 0 : columnGap}>
						{chunk.map(line => (
							<LineView key={line.kind === 'title' ? `title-${line.text}` : `${line.binding.scope}-${line.binding.keys}-${line.binding.description}`} line={line} keyWidth={keyWidth} unavailableReason={unavailableReason} />
						))}
					</Box>
				))}
			</Box>
			<Text dimColor wrap="truncate">
				{scrollHint}Esc close
			</Text>
		</Box>
	);
}
