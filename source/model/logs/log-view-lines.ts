import type {LogEntry} from './log-entry.ts';
import {compareOrder, type LogOrder} from './log-merge.ts';
import type {LogViewState} from './log-view-state.ts';

// Which kept lines the pane shows, and where it stands among them.

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
	/** Index in `entries` of the cursor line while paused (following: undefined, the newest line is it). */
	cursor: number | undefined;
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
	const cursor = state.follow || entries.length === 0 ? undefined : Math.max(0, entries.length - 1 - state.cursorAbove);
	return {entries, cursor, above: top, below: matching.length - 1 - bottom, matching: matching.length};
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


export function cycleMember(state: LogViewState, step: 1 | -1): LogViewState {
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

/** The cursor line, which Enter opens. */
export function cursorEntry(state: LogViewState, pageSize: number): LogEntry | undefined {
	const matching = matchingEntries(state);
	return matching[cursorIndex(state, matching, pageSize)];
}

/** The line opened whole, while the buffer still keeps it. */
export function openedEntry(state: Pick<LogViewState, 'entries' | 'opened'>): LogEntry | undefined {
	const seq = state.opened?.order.seq;
	return seq === undefined ? undefined : state.entries.find(entry => entry.seq === seq);
}

/**
 * Moves the cursor line by `lines` (negative: older). The view's bottom line is the cursor, except on
 * the oldest page, which stays full: there the cursor climbs the page (`cursorAbove` lines above its bottom).
 */
export function scroll(state: LogViewState, lines: number, pageSize: number): LogViewState {
	if (state.follow && lines >= 0) {
		return state;
	}

	const matching = matchingEntries(state);
	if (matching.length === 0) {
		return state;
	}

	const target = cursorIndex(state, matching, pageSize) + lines;
	if (target >= matching.length - 1) {
		return {...state, follow: true, anchor: undefined, cursorAbove: 0};
	}

	const oldestPageBottom = Math.min(pageSize, matching.length) - 1;
	const bottom = Math.max(oldestPageBottom, target);
	return {...state, follow: false, anchor: orderOf(matching[bottom]!), cursorAbove: bottom - Math.max(0, target)};
}

/** Index in `matching` of the cursor line: Enter opens it. */
function cursorIndex(state: LogViewState, matching: readonly LogEntry[], pageSize: number): number {
	const bottom = bottomIndex(state, matching, pageSize);
	return state.follow ? bottom : Math.max(0, bottom - state.cursorAbove);
}

export function orderOf(entry: LogEntry): LogOrder {
	return {time: entry.time, seq: entry.seq};
}
