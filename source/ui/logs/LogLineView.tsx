import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {LogEntry} from '../../model/logs/log-entry.ts';
import {logEntryDetail} from '../../model/logs/log-entry-detail.ts';
import {wrapWords} from '../shared/wrap-words.ts';

export interface LogLineViewProps {
	/** Undefined when the opened line has left the buffer. */
	entry: LogEntry | undefined;
	memberNames: ReadonlyMap<string, string>;
	width: number;
	height: number;
	/** First row of the line's fields shown. */
	scroll: number;
}

/** Labels are cut to this many cells; a zap field name is rarely longer. */
const maxLabelWidth = 18;
/** The title above the fields and the hint below them. */
const chromeRows = 2;

interface DetailRow {
	label: string;
	text: string;
}

/** The opened line's fields as rows of `width`: each value wrapped whole beside its label. */
export function logLineRows(entry: LogEntry, memberNames: ReadonlyMap<string, string>, width: number): DetailRow[] {
	const fields = logEntryDetail(entry, memberNames);
	const labelWidth = Math.min(maxLabelWidth, Math.max(...fields.map(field => field.label.length)));
	return fields.flatMap(field => wrapWords(field.value, width - labelWidth - 2).map((text, index) => ({
		label: (index === 0 ? field.label.slice(0, labelWidth) : '').padEnd(labelWidth),
		text,
	})));
}

/** How far the opened line's rows scroll at `width` × `height`. */
export function maxLogLineOffset(entry: LogEntry | undefined, memberNames: ReadonlyMap<string, string>, width: number, height: number): number {
	return entry === undefined ? 0 : Math.max(0, logLineRows(entry, memberNames, width).length - Math.max(1, height - chromeRows));
}

/** One log line opened whole (Enter in the Logs pane): every field, wrapped, peers named; Esc goes back. */
export function LogLineView({entry, memberNames, width, height, scroll}: LogLineViewProps) {
	if (entry === undefined) {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<Text wrap="wrap">That line has left the buffer (the oldest lines leave first as new ones arrive).</Text>
				<Text dimColor>Esc back to the lines</Text>
			</Box>
		);
	}

	const rows = logLineRows(entry, memberNames, width);
	const room = Math.max(1, height - chromeRows);
	const first = Math.min(scroll, Math.max(0, rows.length - room));
	const shown = rows.slice(first, first + room);
	const below = rows.length - first - shown.length;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">Log line, whole</Text>
			<Box flexDirection="column" height={room}>
				{shown.map((row, index) => (
					<Text key={first + index} wrap="truncate">
						<Text dimColor>{row.label}  </Text>
						{row.text}
					</Text>
				))}
			</Box>
			<Text dimColor wrap="truncate">{`${first > 0 ? `↑ ${first} more  ` : ''}${below > 0 ? `↓ ${below} more  ` : ''}${first > 0 || below > 0 ? '↑↓ PgUp PgDn scroll · ' : ''}Esc back to the lines`}</Text>
		</Box>
	);
}
