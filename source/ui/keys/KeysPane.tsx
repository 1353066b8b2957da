import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {KeyBrowserState} from '../../model/keys/key-browser-state.ts';
import {breadcrumb} from '../../model/keys/key-levels.ts';
import {escapeKey} from '../../model/shared/key-text.ts';
import {plural} from '../../model/shared/format.ts';
import {levelPosition} from '../../model/keys/key-position.ts';
import {KeyLevelList} from './KeyLevelList.tsx';
import {KeyValueView} from './KeyValueView.tsx';
import {keysViewport, openValueView} from './keys-viewport.ts';

export interface KeysPaneProps {
	/** Undefined while the start prefix is being found. */
	state: KeyBrowserState | undefined;
	/** Why browsing could not start, if it could not. */
	startError?: string;
	width: number;
	height: number;
}

function Breadcrumb({state}: {state: KeyBrowserState}) {
	const parts = breadcrumb(state.level.prefix, state.separator);
	return (
		<Text wrap="truncate">
			{parts.map((part, index) => (
				<Text key={part.prefix.toString('hex')} bold={index === parts.length - 1}>
					{index === 0 ? '' : ' › '}
					{part.label}
				</Text>
			))}
			{state.level.filter.length > 0 ? <Text color="cyan">{`  names starting ${escapeKey(state.level.filter)}`}</Text> : null}
		</Text>
	);
}

function StatusLine({state}: {state: KeyBrowserState}) {
	const total = state.total;
	const count = total === undefined || 'loading' in total ? 'counting keys…' : 'error' in total ? `count: ${total.error}` : plural(total.value, 'key');
	const read = state.read;
	return (
		<Text wrap="truncate">
			<Text dimColor>{count}</Text>
			{read === undefined ? null : read.mode === 'linearizable' ? <Text dimColor>{'  ·  linearizable reads'}</Text> : <Text color="yellow" bold>{`  ·  STALE: ${read.reason}`}</Text>}
			{state.watchTrouble === undefined ? null : <Text color="yellow">{`  ·  ${state.watchTrouble}`}</Text>}
		</Text>
	);
}

function Footer({state, listRows}: {state: KeyBrowserState; listRows: number}) {
	if (state.open !== undefined) {
		return <Text dimColor wrap="truncate">↑↓ PgUp PgDn scroll · Backspace/Esc back to the list · / jump</Text>;
	}

	const loading = state.pageLoading === undefined && state.pageWanted === undefined ? '' : 'reading… ';
	const where = levelPosition(state);
	const position = where === '' ? '' : `${where} · `;
	return (
		<Text dimColor wrap="truncate">
			{loading}
			{position}
			{listRows > 0 ? 'Enter open · Backspace up · / jump or filter' : ''}
		</Text>
	);
}

/** The Keys pane: breadcrumb and status, the level's rows or the opened key, the `/` line, errors where they happen. */
export function KeysPane({state, startError, width, height}: KeysPaneProps) {
	if (state === undefined) {
		return <Text color={startError === undefined ? undefined : 'red'} wrap="wrap">{startError ?? 'finding where the keys start…'}</Text>;
	}

	const value = openValueView(state, width);
	const view = keysViewport(state, width, height, value);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Breadcrumb state={state} />
			<StatusLine state={state} />
			<Box flexDirection="column" height={view.listRows}>
				{state.open === undefined ? <KeyLevelList state={state} width={width} rows={view.listRows} /> : <KeyValueView open={state.open} value={value} rows={view.listRows} />}
			</Box>
			{state.prompt === undefined ? null : (
				<Text wrap="truncate">
					<Text color="cyan" bold>/ </Text>
					{state.prompt}
					<Text inverse> </Text>
					{state.promptProblem === undefined
						? <Text dimColor>{'  Enter go · Esc cancel · /a/b/ from the top, name relative to here, \\xNN for a byte'}</Text>
						: <Text color="red">{`  ${state.promptProblem}`}</Text>}
				</Text>
			)}
			<Footer state={state} listRows={view.listRows} />
		</Box>
	);
}
