import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {LogLevel} from '../../model/logs/etcd-log-line.ts';
import type {LogEntry} from '../../model/logs/log-entry.ts';
import {formatLogTime, levelLetter, tallyFigures} from '../../model/logs/log-format.ts';
import {describeTrouble} from '../../model/logs/log-trouble.ts';
import {activeFilter, sourceLabel, visibleSlice, type LogTailState, type LogViewState} from '../../model/logs/log-view.ts';
import {nameMemberIds} from '../../model/logs/member-ids.ts';
import {emptyTroubleCounts, troubleTallies} from '../../model/logs/trouble-counts.ts';
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

/** At most this many tails' problems get a row of their own; the status line counts the rest. */
const maxProblemRows = 3;

/** The tails whose trouble gets a row of its own: with several tails, each that is not streaming well. */
function troubledTails(view: Pick<LogViewState, 'tails'>): LogTailState[] {
	return view.tails.length > 1 ? view.tails.filter(tail => tail.status.severity !== 'ok') : [];
}

/** Rows above the lines: the trouble strip, the per-member counts when there are several members, the tails in trouble. */
function headRows(view: Pick<LogViewState, 'tails' | 'labels'> | undefined): number {
	if (view === undefined) {
		return 1;
	}

	return 1 + (view.labels.length > 1 ? 1 : 0) + Math.min(maxProblemRows, troubledTails(view).length);
}

/** How many log lines the pane shows at `height`: the page PgUp/PgDn move by. */
export function logsPageSize(height: number, view?: Pick<LogViewState, 'tails' | 'labels'>): number {
	return Math.max(1, height - chromeRows + 1 - headRows(view));
}

/** Each member's colour, by its place in the member list; red and yellow stay the levels'. */
const memberPalette = ['cyan', 'magenta', 'blue', 'green', 'cyanBright', 'magentaBright', 'blueBright', 'greenBright'] as const;

export function memberColor(view: Pick<LogViewState, 'labels'>, label: string | undefined): string | undefined {
	const index = label === undefined ? -1 : view.labels.indexOf(label);
	return index === -1 ? undefined : memberPalette[index % memberPalette.length];
}

const levelColor: Record<LogLevel, string | undefined> = {error: 'red', warn: 'yellow', info: undefined, debug: 'gray'};
const severityColor = {ok: undefined, warning: 'yellow', error: 'red'} as const;
const noMembers: ReadonlyMap<string, string> = new Map();

function TroubleStrip({view}: {view: LogViewState}) {
	const member = view.memberFilter;
	const counts = member === undefined ? view.counts : view.memberCounts[member] ?? emptyTroubleCounts;
	const tallies = troubleTallies(counts, view.now);
	const seen = tallies.filter(tally => tally.total > 0);
	const whose = member === undefined ? '' : `${member}: `;
	if (seen.length === 0) {
		return <Text dimColor wrap="truncate">{whose}no trouble signs seen ({tallies.map(tally => tally.label).join(', ')})</Text>;
	}

	const unseen = tallies.length - seen.length;
	return (
		<Text wrap="truncate">
			{member === undefined ? null : <Text color={memberColor(view, member)} bold>{whose}</Text>}
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

/** Trouble totals of each member over the last 15 minutes and since the tail began. */
function MemberStrip({view}: {view: LogViewState}) {
	return (
		<Text wrap="truncate">
			<Text dimColor>by member 15m/all </Text>
			{view.labels.map((label, index) => {
				const tallies = troubleTallies(view.memberCounts[label] ?? emptyTroubleCounts, view.now);
				const recent = tallies.reduce((sum, tally) => sum + tally.longWindow, 0);
				const total = tallies.reduce((sum, tally) => sum + tally.total, 0);
				return (
					<Text key={label}>
						{index > 0 ? <Text dimColor> · </Text> : null}
						<Text color={memberColor(view, label)} bold={label === view.memberFilter} underline={label === view.memberFilter}>{label}</Text>
						<Text color={recent > 0 ? 'yellow' : undefined} dimColor={total === 0}> {formatCount(recent)}/{formatCount(total)}</Text>
					</Text>
				);
			})}
		</Text>
	);
}

/** A tail that failed or waits, in a row of its own: the others go on below. */
function TailProblem({tail}: {tail: LogTailState}) {
	return (
		<Text wrap="truncate" color={severityColor[tail.status.severity]}>
			{tail.status.severity === 'error' ? '✖ ' : '… '}
			<Text bold>{tail.member ?? tail.key}</Text>: {tail.status.message}
		</Text>
	);
}

/** One line, cut at the edge; the cursor line (paused: the one ↑/↓ reach and Enter opens) drawn inverse. */
function LogLine({entry, view, memberNames, cursor}: {entry: LogEntry; view: LogViewState; memberNames: ReadonlyMap<string, string>; cursor: boolean}) {
	const source = sourceLabel(view, entry);
	const time = `${formatLogTime(entry.time, view.now)} ${levelLetter(entry.level)} `;
	const from = source === undefined ? null : <Text color={memberColor(view, entry.label)} bold>{source} </Text>;
	const text = nameMemberIds(entry.text, memberNames);
	if (entry.trouble !== undefined) {
		return (
			<Text wrap="truncate" inverse={cursor}>
				<Text dimColor>{time}</Text>
				{from}
				<Text color={entry.level === 'error' ? 'red' : 'yellow'} bold inverse>▲ {describeTrouble(entry.trouble, memberNames)}</Text>
				<Text color={levelColor[entry.level]}>  {text}</Text>
			</Text>
		);
	}

	return (
		<Text wrap="truncate" inverse={cursor}>
			<Text dimColor>{time}</Text>
			{from}
			<Text color={levelColor[entry.level]}>{text}</Text>
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
		view.memberFilter === undefined ? undefined : `${view.memberFilter} only (f next, F all)`,
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
	const what = [view.warningsOnly ? 'warnings' : 'lines', view.memberFilter === undefined ? '' : `of ${view.memberFilter}`, filter === '' ? '' : `containing "${filter}"`].filter(part => part !== '').join(' ');
	return <Text dimColor>no {what} among the {formatCount(view.entries.length)} kept</Text>;
}

/** The log tail: trouble counts, the lines in view coloured by level with trouble signs called out, and where the view stands. */
export function LogsPane({view, width, height, memberNames = noMembers}: LogsPaneProps) {
	const rows = logsPageSize(height, view);
	const slice = visibleSlice(view, rows);
	const problems = troubledTails(view);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<TroubleStrip view={view} />
			{view.labels.length > 1 ? <MemberStrip view={view} /> : null}
			{problems.slice(0, maxProblemRows).map(tail => <TailProblem key={tail.key} tail={tail} />)}
			<Box flexDirection="column" height={rows}>
				{slice.entries.length === 0 ? <EmptyBody view={view} /> : slice.entries.map((entry, index) => <LogLine key={entry.seq} entry={entry} view={view} memberNames={memberNames} cursor={index === slice.cursor} />)}
			</Box>
			<StatusBar view={view} below={slice.below} />
		</Box>
	);
}
