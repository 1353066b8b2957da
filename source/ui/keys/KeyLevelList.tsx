import React from 'react';
import {Text} from '../shared/text.tsx';
import type {CountState, KeyBrowserState, LevelRow, RowChange} from '../../model/keys/key-browser-state.ts';
import {entryName} from '../../model/keys/key-levels.ts';
import {formatCount} from '../../model/shared/format.ts';
import {truncate} from '../shared/fit-columns.ts';
import {firstShownRow} from './keys-viewport.ts';

export interface KeyLevelListProps {
	state: KeyBrowserState;
	width: number;
	/** Lines available. */
	rows: number;
}

const changeMarks: Record<RowChange['kind'], {mark: string; color: string}> = {
	created: {mark: '+', color: 'green'},
	updated: {mark: '*', color: 'yellow'},
	deleted: {mark: '-', color: 'red'},
};

function countText(count: CountState | undefined): string {
	if (count === undefined || 'loading' in count) {
		return '…';
	}

	return 'error' in count ? 'no count' : `${formatCount(count.value)} ${count.value === 1 ? 'key' : 'keys'}`;
}

function RowLine({row, levelPrefix, selected, width}: {row: LevelRow; levelPrefix: Buffer; selected: boolean; width: number}) {
	const change = row.change === undefined ? undefined : changeMarks[row.change.kind];
	const changeText = row.change === undefined ? '' : `${row.change.kind} r${row.change.revision}`;
	const right = [row.kind === 'prefix' ? countText(row.count) : '', changeText].filter(part => part !== '').join('  ');
	const nameWidth = Math.max(4, width - 4 - right.length - 2);
	const name = truncate(entryName(row, levelPrefix) || '(the prefix itself)', nameWidth);
	return (
		<Text wrap="truncate" inverse={selected} color={change?.color} dimColor={row.change?.kind === 'deleted'}>
			{selected ? '› ' : '  '}
			{change?.mark ?? ' '}
			{' '}
			<Text bold={row.kind === 'prefix'}>{name.padEnd(nameWidth)}</Text>
			{'  '}
			{right}
		</Text>
	);
}

/** A window of the level's rows: child prefixes (bold, with key counts) and keys, in key order; marks on rows a watch saw change. */
export function KeyLevelList({state, width, rows}: KeyLevelListProps) {
	const errorLines = state.error === undefined ? 0 : 1;
	const listRows = Math.max(0, rows - errorLines);
	const first = firstShownRow(state, listRows);
	const shown = state.rows.slice(first, first + listRows);
	const empty = state.rows.length === 0 && state.error === undefined;
	return (
		<>
			{empty ? <Text dimColor>{state.pageLoading === undefined && state.pageWanted === undefined ? 'no keys here' : 'reading…'}</Text> : null}
			{shown.map((row, index) => (
				<RowLine key={row.bytes.toString('hex')} row={row} levelPrefix={state.level.prefix} selected={first + index === state.selected} width={width} />
			))}
			{state.error === undefined ? null : <Text color="red" wrap="truncate">{state.error}</Text>}
		</>
	);
}
