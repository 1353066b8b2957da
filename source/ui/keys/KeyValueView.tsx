import React from 'react';
import {Text} from '../shared/text.tsx';
import type {OpenKeyState} from '../../model/keys/key-browser-state.ts';
import {escapeKey} from '../../model/shared/key-text.ts';
import {formatBytes} from '../../model/shared/format.ts';
import type {ValueTokenKind, ValueView} from '../../model/keys/value-view.ts';

export interface KeyValueViewProps {
	open: OpenKeyState;
	/** The value laid out for this width, once read. */
	value: ValueView | undefined;
	/** Lines available. */
	rows: number;
}

const tokenColors: Record<ValueTokenKind, string | undefined> = {
	key: 'cyan',
	string: 'green',
	number: 'yellow',
	literal: 'magenta',
	punctuation: undefined,
	text: undefined,
	offset: 'gray',
	hex: undefined,
	printable: 'gray',
};

function Metadata({open}: {open: OpenKeyState}) {
	const record = open.record;
	if (record === undefined) {
		return <Text dimColor>{open.loading ? 'reading…' : open.error === undefined ? 'no such key (deleted, or never written)' : ''}</Text>;
	}

	const change = open.change;
	return (
		<Text wrap="truncate">
			<Text dimColor>{`create rev ${record.createRevision} · mod rev ${record.modRevision} · version ${record.version} · lease ${record.lease ?? 'none'}`}</Text>
			{change === undefined ? null : <Text color={change.kind === 'deleted' ? 'red' : 'yellow'} bold>{`  ${change.kind === 'deleted' ? 'DELETED' : 'CHANGED'} at rev ${change.revision}`}</Text>}
		</Text>
	);
}

/** An opened key: its name, metadata, and its value coloured by kind, scrolled to `open.scroll`. */
export function KeyValueView({open, value, rows}: KeyValueViewProps) {
	const header = value === undefined ? '' : `  ·  ${value.kind} · ${formatBytes(value.totalBytes)}`;
	const bodyRows = Math.max(0, rows - 2 - (value?.truncation === undefined ? 0 : 1) - (open.error === undefined ? 0 : 1) - (open.watchTrouble === undefined ? 0 : 1));
	const lines = value?.lines.slice(open.scroll, open.scroll + bodyRows) ?? [];
	return (
		<>
			<Text wrap="truncate">
				<Text bold>{escapeKey(open.key)}</Text>
				<Text dimColor>{header}</Text>
			</Text>
			<Metadata open={open} />
			{open.error === undefined ? null : <Text color="red" wrap="truncate">{open.error}</Text>}
			{open.watchTrouble === undefined ? null : <Text color="yellow" wrap="truncate">{open.watchTrouble}</Text>}
			{lines.map((line, index) => (
				<Text key={`line-${open.scroll + index}`} wrap="truncate">
					{line.map((token, at) => (
						<Text key={`token-${at}`} color={tokenColors[token.kind]}>{token.text}</Text>
					))}
				</Text>
			))}
			{value?.truncation === undefined ? null : <Text dimColor wrap="truncate">{value.truncation}</Text>}
		</>
	);
}
