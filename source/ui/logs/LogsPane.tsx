import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {LogLevel} from '../../model/logs/etcd-log-line.ts';
import type {LogEntry} from '../../model/logs/log-entry.ts';
import {formatLogTime, levelLetter, tallyFigures} from '../../model/logs/log-format.ts';
import {describeTrouble} from '../../model/logs/log-trouble.ts';
import {activeFilter, sourceLabel, visibleSlice, type LogViewState} from '../../model/logs/log-view.ts';
import {troubleTallies} from '../../model/logs/trouble-counts.ts';
import {formatCount} from '../../model/shared/format.ts';

export interface LogsPaneProps {
	view: LogViewState;
	width: number;
	/** Rows available to the pane, its strip and status line included. */
	height: number;
	/** Member names by hex ID (as etcd logs them), to name peers in trouble lines. */
	memberNames?: ReadonlyMap<string, string>;
}

/** Rows the pane keeps for itself: the trouble strip above the lines and the status line below. */
const chromeRows = 2;

/** How many log lines the pane shows at `height`: the page PgUp/PgDn move by. */
export function logsPageSize(height: number): number {
	return Math.max(1, height - chromeRows);
}

const levelColor: Record<LogLevel, string | undefined> = {error: 'red', warn: 'yellow', info: undefined, debug: 'gray'};
const severityColor = {ok: undefined, warning: 'yellow', error: 'red'} as const;
const noMembers: ReadonlyMap<string, string> = new Map();

function TroubleStrip({view}: {view: LogViewState}) {
	const tallies = troubleTallies(view.counts, view.now);
	const seen = tallies.filter(tally => tally.total > 0);
	if (seen.length === 0) {
		return <Text dimColor wrap="truncate">no trouble signs seen ({tallies.map(tally => tally.label).join(', ')})</Text>;
	}

	const unseen = tallies.length - seen.length;
	return (
		<Text wrap="truncate">
			<Text dimColor>5m/15m/all </Text>
			{seen.map((tally, index) => (
				<Text key={tally.kind}>
					{index > 0 ? <Text dimColor> · </Text> : null}
					<Text color={tally.shortWindow > 0 ? 'red' : tally.longWindow > 0 ? 'yellow' : undefined} bold={tally.shortWindow > 0}>
						{tally.label} {tallyFigures(tally)}
					</Text>
				</Text>
			))}
			{unseen > 0 ? <Text dimColor> · {unseen} other kinds none</Text> : null}
		</Text>
	);
}

function LogLine({entry, view, memberNames}: {entry: LogEntry; view: LogViewState; memberNames: ReadonlyMap<string, string>}) {
	const source = sourceLabel(view, entry);
	const prefix = `${formatLogTime(entry.time, view.now)} ${levelLetter(entry.level)} ${source === undefined ? '' : `${source} `}`;
	if (entry.trouble !== undefined) {
		return (
			<Text wrap="truncate">
				<Text dimColor>{prefix}</Text>
				<Text color={entry.level === 'error' ? 'red' : 'yellow'} bold inverse>▲ {describeTrouble(entry.trouble, memberNames)}</Text>
				<Text color={levelColor[entry.level]}>  {entry.text}</Text>
			</Text>
		);
	}

	return (
		<Text wrap="truncate">
			<Text dimColor>{prefix}</Text>
			<Text color={levelColor[entry.level]}>{entry.text}</Text>
		</Text>
	);
}

function StatusBar({view, below}: {view: LogViewState; below: number}) {
	if (view.draft !== undefined) {
		return (
			<Text wrap="truncate">
				<Text color="cyan">/{view.draft}</Text>
				<Text inverse> </Text>
				<Text dimColor>  Enter keep · Esc cancel</Text>
			</Text>
		);
	}

	const parts = [
		view.follow ? 'follow on' : `paused${below > 0 ? ` (${formatCount(below)} newer below)` : ''}`,
		view.warningsOnly ? 'warnings only' : undefined,
		view.filter === '' ? undefined : `filter "${view.filter}"`,
		`${formatCount(view.entries.length)} lines${view.dropped > 0 ? ` (${formatCount(view.dropped)} older dropped)` : ''}`,
	].filter(part => part !== undefined);
	// With no lines the body already says where the tail stands.
	return (
		<Text wrap="truncate">
			<Text color={view.follow ? 'green' : 'yellow'}>{parts.join(' · ')}</Text>
			{view.entries.length === 0 ? null : (
				<>
					<Text dimColor> · </Text>
					<Text color={severityColor[view.status.severity]} dimColor={view.status.severity === 'ok'}>{view.status.message}</Text>
				</>
			)}
		</Text>
	);
}

function EmptyBody({view}: {view: LogViewState}) {
	if (view.entries.length === 0) {
		return <Text color={severityColor[view.status.severity]} wrap="wrap">{view.status.severity === 'ok' ? `waiting for lines: ${view.status.message}` : view.status.message}</Text>;
	}

	const filter = activeFilter(view);
	const what = [view.warningsOnly ? 'warnings' : 'lines', filter === '' ? '' : `containing "${filter}"`].filter(part => part !== '').join(' ');
	return <Text dimColor>no {what} among the {formatCount(view.entries.length)} kept</Text>;
}

/** The log tail: trouble counts, the lines in view coloured by level with trouble signs called out, and where the view stands. */
export function LogsPane({view, width, height, memberNames = noMembers}: LogsPaneProps) {
	const rows = logsPageSize(height);
	const slice = visibleSlice(view, rows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<TroubleStrip view={view} />
			<Box flexDirection="column" height={rows}>
				{slice.entries.length === 0 ? <EmptyBody view={view} /> : slice.entries.map(entry => <LogLine key={entry.seq} entry={entry} view={view} memberNames={memberNames} />)}
			</Box>
			<StatusBar view={view} below={slice.below} />
		</Box>
	);
}
