import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {Binding, CommandTable} from './binding.ts';
import {chordsLabel} from './key-chord.ts';
import {commandUsage} from './command-usage.ts';
import {wrapWords} from '../shared/wrap-words.ts';

export interface HelpOverlayProps {
	table: CommandTable;
	width: number;
	height: number;
	/** First line shown when the help is taller than the screen. */
	offset: number;
	/** A short tag for a binding that does nothing in this run ("off" in read-only mode), if it does not. */
	unavailableReason: (binding: Binding) => string | undefined;
	/** Lines under the title explaining the tags, e.g. "(off): not bound in --read-only mode". */
	legend?: readonly string[];
}

type HelpLine = {kind: 'title'; text: string} | {kind: 'binding'; binding: Binding; keys: string; command: string} | {kind: 'note'; text: string};

const columnGap = 3;
const minimumColumnWidth = 36;

/** Notes are broken to fit the narrowest column. */
const noteWidth = minimumColumnWidth - 2;

/** The help's lines: a title per scope, then its bindings, in keymap order; then the notes. */
export function helpLines({keymap, scopeTitles, notes: helpNotes}: CommandTable): HelpLine[] {
	const bindings = keymap.filter(binding => binding.chords.length > 0 || binding.name !== undefined);
	const scopes = [...new Set(bindings.map(binding => binding.scope))];
	const keys = scopes.flatMap((scope): HelpLine[] => [{kind: 'title', text: scopeTitles[scope] ?? scope}, ...bindings.filter(binding => binding.scope === scope).map((binding): HelpLine => ({kind: 'binding', binding, keys: chordsLabel(binding.chords), command: binding.name === undefined ? '' : `  ${commandUsage(binding)}`}))]);
	const notes = helpNotes.flatMap(note => wrapWords(note, noteWidth).map((text, index): HelpLine => ({kind: 'note', text: index === 0 ? text : `  ${text}`})));
	return [...keys, {kind: 'title', text: 'Notes'}, ...notes];
}

/** Lines that fit in the overlay's body, and how many columns it uses at this width. */
export function helpLayout(table: CommandTable, width: number, height: number, legendLines = 0): {columns: number; rowsPerColumn: number; capacity: number} {
	const innerWidth = width - 4;
	const rowsPerColumn = Math.max(1, height - 4 - legendLines);
	const columns = helpLines(table).length <= rowsPerColumn ? 1 : Math.max(1, Math.min(2, Math.floor((innerWidth + columnGap) / (minimumColumnWidth + columnGap))));
	return {columns, rowsPerColumn, capacity: columns * rowsPerColumn};
}

/**
 * The columns shown from line `first` on, each `rows` tall. A column never starts inside a group
 * without its heading: a continued group's heading comes again, "(cont.)"; nor ends on a heading.
 * Also returns the index just past the last line shown.
 */
function helpColumns(lines: readonly HelpLine[], first: number, columns: number, rows: number): {chunks: HelpLine[][]; end: number} {
	const chunks: HelpLine[][] = [];
	let next = first;
	for (let column = 0; column < columns && next < lines.length; column++) {
		const chunk: HelpLine[] = [];
		if (lines[next]!.kind !== 'title' && rows > 1) {
			const heading = lines.slice(0, next).filter(line => line.kind === 'title').at(-1);
			if (heading?.kind === 'title') {
				chunk.push({kind: 'title', text: `${heading.text} (cont.)`});
			}
		}

		while (chunk.length < rows && next < lines.length) {
			// A heading as a column's last row would head nothing there: it starts the next column.
			if (lines[next]!.kind === 'title' && chunk.length === rows - 1 && chunk.length > 0) {
				break;
			}

			chunk.push(lines[next]!);
			next++;
		}

		chunks.push(chunk);
	}

	return {chunks, end: next};
}

/** The largest useful scroll offset: the first one from which every line to the end is shown. */
export function maxHelpOffset(table: CommandTable, width: number, height: number, legendLines = 0): number {
	const lines = helpLines(table);
	const {columns, rowsPerColumn} = helpLayout(table, width, height, legendLines);
	let offset = 0;
	while (offset < lines.length - 1 && helpColumns(lines, offset, columns, rowsPerColumn).end < lines.length) {
		offset++;
	}

	return offset;
}

/** Each column as wide as its longest line, the widest giving way first when they do not all fit. */
/** The keys column of one help column: as wide as its widest keys, and a gap. */
function keyWidthOf(chunk: readonly HelpLine[]): number {
	return Math.max(0, ...chunk.map(line => (line.kind === 'binding' ? line.keys.length : 0))) + 2;
}

function columnWidths(chunks: readonly HelpLine[][], innerWidth: number, reasonOf: HelpOverlayProps['unavailableReason']): number[] {
	const natural = chunks.map(chunk => Math.max(1, ...chunk.map(line => (line.kind !== 'binding' ? line.text.length : keyWidthOf(chunk) + line.binding.description.length + line.command.length + (reasonOf(line.binding) === undefined ? 0 : reasonOf(line.binding)!.length + 3)))));
	const widths = [...natural];
	const room = innerWidth - (columnGap * (chunks.length - 1));
	while (widths.reduce((sum, each) => sum + each, 0) > room) {
		const widest = widths.indexOf(Math.max(...widths));
		widths[widest]! -= 1;
	}

	return widths;
}

function LineView({line, keyWidth, unavailableReason}: {line: HelpLine; keyWidth: number; unavailableReason: HelpOverlayProps['unavailableReason']}) {
	if (line.kind === 'title') {
		return <Text bold wrap="truncate">{line.text}</Text>;
	}

	if (line.kind === 'note') {
		return <Text wrap="truncate">{line.text}</Text>;
	}

	const reason = unavailableReason(line.binding);
	return (
		<Text wrap="truncate" dimColor={reason !== undefined}>
			<Text color="cyan">{line.keys.padEnd(keyWidth)}</Text>
			{line.binding.description}
			{reason === undefined ? '' : ` (${reason})`}
			{line.command === '' ? '' : <Text color="cyan">{line.command}</Text>}
		</Text>
	);
}

/** Every key binding, rendered from the keymap itself; two columns when one does not fit, scrolling when two do not. */
export function HelpOverlay({table, width, height, offset, unavailableReason, legend = []}: HelpOverlayProps) {
	const lines = helpLines(table);
	const {columns, rowsPerColumn} = helpLayout(table, width, height, legend.length);
	const first = Math.min(Math.max(0, offset), maxHelpOffset(table, width, height, legend.length));
	const {chunks, end} = helpColumns(lines, first, columns, rowsPerColumn);
	const widths = columnWidths(chunks, width - 4, unavailableReason);
	const hiddenAfter = lines.length - end;
	const scrollHint = first > 0 || hiddenAfter > 0 ? `${first > 0 ? `↑ ${first} more  ` : ''}${hiddenAfter > 0 ? `↓ ${hiddenAfter} more  ` : ''}↑↓ scroll  ` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold color="cyan" wrap="truncate">
				etcdeck keys
			</Text>
			{legend.map(line => (
				<Text key={line} dimColor wrap="truncate">
					{line}
				</Text>
			))}
			<Box flexDirection="row" height={rowsPerColumn}>
				{chunks.map((chunk, index) => (
					<Box key={`column-${index}`} flexDirection="column" width={widths[index]} marginLeft={index === 0 ? 0 : columnGap}>
						{chunk.map(line => (
							<LineView key={line.kind === 'binding' ? `${line.binding.scope}-${line.keys}-${line.binding.description}` : `${line.kind}-${line.text}`} line={line} keyWidth={keyWidthOf(chunk)} unavailableReason={unavailableReason} />
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
