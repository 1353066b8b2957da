import type {LogSourceStatus} from '../../logs/log-status.ts';
import {parseLogLine, type LogEntry} from './log-entry.ts';
import {compareOrder, keepWithinBudget, mergeByTime, type LogOrder} from './log-merge.ts';
import {memberForHost, type LogMember} from './log-template.ts';
import {typedText} from '../shared/safe-text.ts';
import {countTroubles, emptyTroubleCounts, type TroubleCounts} from './trouble-counts.ts';

/** Distinct hosts and units remembered, enough to know whether lines need their source shown. */
const maxSourcesRemembered = 64;

/** Which tail lines came from: a member's, the journal, one command. */
export interface LogOriginRef {
	key: string;
	/** The member the tail is for, when it is one member's. */
	member?: string | undefined;
}

/** One tail and where it stands. */
export interface LogTailState {
	key: string;
	member: string | undefined;
	status: LogSourceStatus;
}

/** Lines of one tail, as one delivery brings them. */
export interface LogBatchEvent {
	origin: LogOriginRef;
	lines: readonly string[];
	/** Lines the tail dropped before delivery (a flood beyond the pane's budget). */
	skipped?: number;
}

/**
 * The log pane's state: a bounded buffer of parsed lines (the oldest leave first), where the view
 * stands, its filters, and trouble counts that outlive the lines they came from.
 */
export interface LogViewState {
	capacity: number;
	/** In time order (each line's own time, then arrival), never more than `capacity`, shared fairly among members. */
	entries: readonly LogEntry[];
	nextSeq: number;
	/** Lines that left the buffer to make room, or that a flooding tail skipped. */
	dropped: number;
	/** Following: the newest lines stay in view as more arrive. */
	follow: boolean;
	/** When not following: the bottom line in view, so arrivals do not move it. */
	anchor: LogOrder | undefined;
	warningsOnly: boolean;
	/** Case-insensitive text every shown line contains; '' for none. */
	filter: string;
	/** The filter being typed after `/`; undefined when not typing. */
	draft: string | undefined;
	/** The filter before typing began, restored by Esc. */
	filterBeforeDraft: string;
	counts: TroubleCounts;
	/** The same counts for each member (or host) on its own. */
	memberCounts: Readonly<Record<string, TroubleCounts>>;
	hosts: readonly string[];
	units: readonly string[];
	/** Members (or hosts) lines came from, in the member list's order, then as first seen. */
	labels: readonly string[];
	/** Only this member's lines are shown; undefined: every member's. */
	memberFilter: string | undefined;
	/** The members as the member list has them: their order, and the hosts of a copied journal. */
	members: readonly LogMember[];
	/** Every tail and its state, in the order they were started. */
	tails: readonly LogTailState[];
	/** The tail's state; with several tails, what they are together. */
	status: LogSourceStatus;
	/** The time of the last append or tick: the end of the trouble windows. */
	now: number;
}

export type LogViewEvent =
	| {type: 'append'; lines: readonly string[]; now: number; origin?: LogOriginRef}
	| {type: 'append-batches'; batches: readonly LogBatchEvent[]; now: number}
	| {type: 'status'; status: LogSourceStatus; origin?: LogOriginRef}
	| {type: 'members'; members: readonly LogMember[]}
	/** Undefined: every member. */
	| {type: 'show-member'; member: string | undefined}
	/** The next (or previous) member's lines alone; past the last, every member's again. */
	| {type: 'cycle-member'; step: 1 | -1}
	| {type: 'tick'; now: number}
	| {type: 'toggle-follow'}
	| {type: 'toggle-warnings-only'}
	/** Negative: towards older lines. `pageSize` keeps the oldest page full. */
	| {type: 'scroll'; lines: number; pageSize: number}
	| {type: 'scroll-to'; end: 'oldest' | 'newest'; pageSize: number}
	| {type: 'filter-open'}
	| {type: 'filter-type'; text: string}
	| {type: 'filter-erase'}
	| {type: 'filter-apply'}
	| {type: 'filter-cancel'}
	| {type: 'filter-clear'};

export function initialLogViewState(capacity: number, status: LogSourceStatus, now: number): LogViewState {
	return {
		capacity,
		entries: [],
		nextSeq: 1,
		dropped: 0,
		follow: true,
		anchor: undefined,
		warningsOnly: false,
		filter: '',
		draft: undefined,
		filterBeforeDraft: '',
		counts: emptyTroubleCounts,
		memberCounts: {},
		hosts: [],
		units: [],
		labels: [],
		memberFilter: undefined,
		members: [],
		tails: [],
		status,
		now,
	};
}

/** The filter in force: the draft while it is typed, so the view narrows with each key. */
export function activeFilter(state: LogViewState): string {
	return state.draft ?? state.filter;
}

export function isWarningLine(entry: LogEntry): boolean {
	return entry.trouble !== undefined || entry.level === 'warn' || entry.level === 'error';
}

function matcher(state: LogViewState): (entry: LogEntry) => boolean {
	const needle = activeFilter(state).toLowerCase();
	const member = state.memberFilter;
	return entry => (member === undefined || entry.label === member)
		&& (!state.warningsOnly || isWarningLine(entry))
		&& (needle === '' || [entry.text, entry.host ?? '', entry.unit ?? '', entry.component ?? '', entry.label ?? ''].some(text => text.toLowerCase().includes(needle)));
}

/** The lines that pass the filters, oldest first. */
export function matchingEntries(state: LogViewState): LogEntry[] {
	return state.entries.filter(matcher(state));
}

/** Index in `matching` of the bottom line in view. */
function bottomIndex(state: LogViewState, matching: readonly LogEntry[], pageSize = 1): number {
	if (state.follow || state.anchor === undefined) {
		return matching.length - 1;
	}

	const {anchor} = state;
	let index = matching.length - 1;
	while (index >= 0 && compareOrder(matching[index]!, anchor) > 0) {
		index--;
	}

	// The anchor left the buffer: show the oldest page.
	return index >= 0 ? index : Math.min(pageSize, matching.length) - 1;
}

export interface LogSlice {
	entries: LogEntry[];
	/** Matching lines above and below the slice. */
	above: number;
	below: number;
	matching: number;
}

/** The lines to draw in `height` rows. */
export function visibleSlice(state: LogViewState, height: number): LogSlice {
	const matching = matchingEntries(state);
	const bottom = bottomIndex(state, matching, height);
	const top = Math.max(0, bottom - height + 1);
	const entries = matching.slice(top, bottom + 1);
	return {entries, above: top, below: matching.length - 1 - bottom, matching: matching.length};
}

/**
 * How lines are labelled with where they came from: by member when lines come from more than one
 * (or from several tails), else by host or unit when there are several.
 */
export function sourceLabel(state: Pick<LogViewState, 'hosts' | 'units' | 'labels' | 'tails'>, entry: LogEntry): string | undefined {
	const manyUnits = state.units.length > 1;
	if (state.labels.length > 1 || state.tails.length > 1) {
		const member = entry.label ?? entry.host ?? '?';
		return manyUnits ? `${member}/${entry.unit ?? '?'}` : member;
	}

	const manyHosts = state.hosts.length > 1;
	if (manyHosts && manyUnits) {
		return `${entry.host ?? '?'}/${entry.unit ?? '?'}`;
	}

	if (manyHosts) {
		return entry.host;
	}

	return manyUnits ? entry.unit : undefined;
}

/** The members `f` steps through: those with lines, in the member list's order. */
export function memberChoices(state: Pick<LogViewState, 'labels'>): readonly string[] {
	return state.labels;
}

function remember(known: readonly string[], values: ReadonlyArray<string | undefined>): readonly string[] {
	let result = known;
	for (const value of values) {
		if (value !== undefined && result.length < maxSourcesRemembered && !result.includes(value)) {
			result = [...result, value];
		}
	}

	return result;
}

function orderLabels(labels: readonly string[], members: readonly LogMember[]): readonly string[] {
	const order = new Map(members.map((member, index) => [member.name, index]));
	const rank = (label: string) => order.get(label) ?? members.length;
	// Stable: labels no member has keep the order they were first seen in.
	return [...labels].sort((a, b) => rank(a) - rank(b));
}

function append(state: LogViewState, batches: readonly LogBatchEvent[], now: number): LogViewState {
	let nextSeq = state.nextSeq;
	let skipped = 0;
	const parsed: LogEntry[] = [];
	for (const batch of batches) {
		skipped += batch.skipped ?? 0;
		for (const line of batch.lines) {
			const entry = parseLogLine(line, nextSeq++, now, batch.origin);
			// A copied journal holds several hosts: its lines are named by the member of their _HOSTNAME.
			if (entry.label === undefined && entry.host !== undefined) {
				entry.label = memberForHost(entry.host, state.members) ?? entry.host;
			}

			parsed.push(entry);
		}
	}

	const merged = mergeByTime(state.entries, parsed);
	const kept = keepWithinBudget(merged, state.capacity);
	const memberCounts = {...state.memberCounts};
	const byLabel = new Map<string, LogEntry[]>();
	for (const entry of parsed) {
		if (entry.label !== undefined && entry.trouble !== undefined) {
			byLabel.set(entry.label, [...(byLabel.get(entry.label) ?? []), entry]);
		}
	}

	const labels = remember(state.labels, parsed.map(entry => entry.label));
	for (const label of labels) {
		if (memberCounts[label] === undefined || byLabel.has(label)) {
			memberCounts[label] = countTroubles(memberCounts[label] ?? emptyTroubleCounts, byLabel.get(label) ?? [], now);
		}
	}

	return {
		...state,
		entries: kept,
		nextSeq,
		dropped: state.dropped + merged.length - kept.length + skipped,
		counts: countTroubles(state.counts, parsed, now),
		memberCounts,
		hosts: remember(state.hosts, parsed.map(entry => entry.host)),
		units: remember(state.units, parsed.map(entry => entry.unit)),
		labels: labels === state.labels ? labels : orderLabels(labels, state.members),
		now,
	};
}

/** What several tails are together: the one's own state, or how many stream and which failed. */
function combinedStatus(tails: readonly LogTailState[], fallback: LogSourceStatus): LogSourceStatus {
	if (tails.length === 0) {
		return fallback;
	}

	if (tails.length === 1) {
		return tails[0]!.status;
	}

	const failing = tails.filter(tail => tail.status.severity === 'error');
	const waiting = tails.filter(tail => tail.status.severity === 'warning');
	const streaming = tails.filter(tail => tail.status.state === 'streaming').length;
	const names = (some: readonly LogTailState[]) => some.map(tail => tail.member ?? tail.key).join(', ');
	const parts = [
		`${streaming} of ${tails.length} tails streaming`,
		failing.length === 0 ? undefined : `failed: ${names(failing)}`,
		waiting.length === 0 ? undefined : `waiting: ${names(waiting)}`,
	].filter(part => part !== undefined);
	const severity = failing.length === tails.length ? 'error' : failing.length > 0 || waiting.length > 0 ? 'warning' : 'ok';
	return {state: failing.length === tails.length ? failing[0]!.status.state : streaming > 0 ? 'streaming' : 'starting', message: parts.join('; '), severity};
}

function tailStatus(state: LogViewState, status: LogSourceStatus, origin: LogOriginRef | undefined): LogViewState {
	if (origin === undefined) {
		return {...state, status};
	}

	const known = state.tails.some(tail => tail.key === origin.key);
	const tails = known
		? state.tails.map(tail => tail.key === origin.key ? {key: tail.key, member: origin.member ?? tail.member, status} : tail)
		: [...state.tails, {key: origin.key, member: origin.member, status}];
	return {...state, tails, status: combinedStatus(tails, state.status)};
}

function cycleMember(state: LogViewState, step: 1 | -1): LogViewState {
	const choices = memberChoices(state);
	if (choices.length === 0) {
		return state;
	}

	// Every member's lines sit before the first member and after the last.
	const index = state.memberFilter === undefined ? -1 : choices.indexOf(state.memberFilter);
	const next = index + step;
	const wrapped = next < -1 ? choices.length - 1 : next >= choices.length ? -1 : next;
	return {...state, memberFilter: wrapped === -1 ? undefined : choices[wrapped], follow: true, anchor: undefined};
}

function scroll(state: LogViewState, lines: number, pageSize: number): LogViewState {
	if (state.follow && lines >= 0) {
		return state;
	}

	const matching = matchingEntries(state);
	if (matching.length === 0) {
		return state;
	}

	const target = bottomIndex(state, matching, pageSize) + lines;
	if (target >= matching.length - 1) {
		return {...state, follow: true, anchor: undefined};
	}

	const oldestPageBottom = Math.min(pageSize, matching.length) - 1;
	return {...state, follow: false, anchor: orderOf(matching[Math.max(oldestPageBottom, target)]!)};
}

/** Pure transitions of the log pane: new lines, the source's state, and the operator's keys. */
export function logViewReducer(state: LogViewState, event: LogViewEvent): LogViewState {
	switch (event.type) {
		case 'append': {
			return event.lines.length === 0 ? state : append(state, [{origin: event.origin ?? {key: ''}, lines: event.lines}], event.now);
		}

		case 'append-batches': {
			return event.batches.every(batch => batch.lines.length === 0 && (batch.skipped ?? 0) === 0) ? state : append(state, event.batches, event.now);
		}

		case 'status': {
			return tailStatus(state, event.status, event.origin);
		}

		case 'members': {
			return {...state, members: event.members, labels: orderLabels(state.labels, event.members)};
		}

		case 'show-member': {
			return {...state, memberFilter: event.member, follow: true, anchor: undefined};
		}

		case 'cycle-member': {
			return cycleMember(state, event.step);
		}

		case 'tick': {
			const memberCounts = Object.fromEntries(Object.entries(state.memberCounts).map(([label, counts]) => [label, countTroubles(counts, [], event.now)]));
			return {...state, now: event.now, counts: countTroubles(state.counts, [], event.now), memberCounts};
		}

		case 'toggle-follow': {
			if (state.follow) {
				const bottom = matchingEntries(state).at(-1);
				return {...state, follow: false, anchor: bottom === undefined ? {time: Number.NEGATIVE_INFINITY, seq: 0} : orderOf(bottom)};
			}

			return {...state, follow: true, anchor: undefined};
		}

		case 'toggle-warnings-only': {
			return {...state, warningsOnly: !state.warningsOnly};
		}

		case 'scroll': {
			return scroll(state, event.lines, event.pageSize);
		}

		case 'scroll-to': {
			if (event.end === 'newest') {
				return {...state, follow: true, anchor: undefined};
			}

			const matching = matchingEntries(state);
			const bottom = matching[Math.min(event.pageSize, matching.length) - 1];
			return bottom === undefined || bottom === matching.at(-1) ? state : {...state, follow: false, anchor: orderOf(bottom)};
		}

		case 'filter-open': {
			return {...state, draft: state.filter, filterBeforeDraft: state.filter};
		}

		case 'filter-type': {
			// Pasted text may bring newlines or escapes; the filter is one line of plain text.
			const text = typedText(event.text);
			return state.draft === undefined || text === '' ? state : {...state, draft: state.draft + text};
		}

		case 'filter-erase': {
			return state.draft === undefined ? state : {...state, draft: [...state.draft].slice(0, -1).join('')};
		}

		case 'filter-apply': {
			return state.draft === undefined ? state : {...state, filter: state.draft.trim(), draft: undefined};
		}

		case 'filter-cancel': {
			return state.draft === undefined ? state : {...state, filter: state.filterBeforeDraft, draft: undefined};
		}

		case 'filter-clear': {
			return state.filter === '' && state.draft === undefined ? state : {...state, filter: '', draft: undefined};
		}
	}
}

function orderOf(entry: LogEntry): LogOrder {
	return {time: entry.time, seq: entry.seq};
}
