import type {LogSourceStatus} from '../../logs/log-status.ts';
import {parseLogLine, type LogEntry} from './log-entry.ts';
import {typedText} from '../shared/safe-text.ts';
import {countTroubles, emptyTroubleCounts, type TroubleCounts} from './trouble-counts.ts';

/** Distinct hosts and units remembered, enough to know whether lines need their source shown. */
const maxSourcesRemembered = 64;

/**
 * The log pane's state: a bounded buffer of parsed lines (the oldest leave first), where the view
 * stands, its filters, and trouble counts that outlive the lines they came from.
 */
export interface LogViewState {
	capacity: number;
	/** Oldest first, never more than `capacity`. */
	entries: readonly LogEntry[];
	nextSeq: number;
	/** Lines that left the buffer to make room. */
	dropped: number;
	/** Following: the newest lines stay in view as more arrive. */
	follow: boolean;
	/** When not following: the seq of the bottom line in view, so arrivals do not move it. */
	anchorSeq: number | undefined;
	warningsOnly: boolean;
	/** Case-insensitive text every shown line contains; '' for none. */
	filter: string;
	/** The filter being typed after `/`; undefined when not typing. */
	draft: string | undefined;
	/** The filter before typing began, restored by Esc. */
	filterBeforeDraft: string;
	counts: TroubleCounts;
	hosts: readonly string[];
	units: readonly string[];
	status: LogSourceStatus;
	/** The time of the last append or tick: the end of the trouble windows. */
	now: number;
}

export type LogViewEvent =
	| {type: 'append'; lines: readonly string[]; now: number}
	| {type: 'status'; status: LogSourceStatus}
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
		anchorSeq: undefined,
		warningsOnly: false,
		filter: '',
		draft: undefined,
		filterBeforeDraft: '',
		counts: emptyTroubleCounts,
		hosts: [],
		units: [],
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
	return entry => (!state.warningsOnly || isWarningLine(entry))
		&& (needle === '' || [entry.text, entry.host ?? '', entry.unit ?? '', entry.component ?? ''].some(text => text.toLowerCase().includes(needle)));
}

/** The lines that pass the filters, oldest first. */
export function matchingEntries(state: LogViewState): LogEntry[] {
	return state.entries.filter(matcher(state));
}

/** Index in `matching` of the bottom line in view. */
function bottomIndex(state: LogViewState, matching: readonly LogEntry[], pageSize = 1): number {
	if (state.follow || state.anchorSeq === undefined) {
		return matching.length - 1;
	}

	const anchor = state.anchorSeq;
	let index = matching.length - 1;
	while (index >= 0 && matching[index]!.seq > anchor) {
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

/** How lines are labelled with where they came from: only when they come from more than one host or unit. */
export function sourceLabel(state: Pick<LogViewState, 'hosts' | 'units'>, entry: LogEntry): string | undefined {
	const manyHosts = state.hosts.length > 1;
	const manyUnits = state.units.length > 1;
	if (manyHosts && manyUnits) {
		return `${entry.host ?? '?'}/${entry.unit ?? '?'}`;
	}

	if (manyHosts) {
		return entry.host;
	}

	return manyUnits ? entry.unit : undefined;
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

function append(state: LogViewState, lines: readonly string[], now: number): LogViewState {
	const parsed = lines.map((line, index) => parseLogLine(line, state.nextSeq + index, now));
	const all = state.entries.length + parsed.length > state.capacity ? [...state.entries, ...parsed].slice(-state.capacity) : [...state.entries, ...parsed];
	return {
		...state,
		entries: all,
		nextSeq: state.nextSeq + parsed.length,
		dropped: state.dropped + state.entries.length + parsed.length - all.length,
		counts: countTroubles(state.counts, parsed, now),
		hosts: remember(state.hosts, parsed.map(entry => entry.host)),
		units: remember(state.units, parsed.map(entry => entry.unit)),
		now,
	};
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
		return {...state, follow: true, anchorSeq: undefined};
	}

	const oldestPageBottom = Math.min(pageSize, matching.length) - 1;
	return {...state, follow: false, anchorSeq: matching[Math.max(oldestPageBottom, target)]!.seq};
}

/** Pure transitions of the log pane: new lines, the source's state, and the operator's keys. */
export function logViewReducer(state: LogViewState, event: LogViewEvent): LogViewState {
	switch (event.type) {
		case 'append': {
			return event.lines.length === 0 ? state : append(state, event.lines, event.now);
		}

		case 'status': {
			return {...state, status: event.status};
		}

		case 'tick': {
			return {...state, now: event.now, counts: countTroubles(state.counts, [], event.now)};
		}

		case 'toggle-follow': {
			if (state.follow) {
				return {...state, follow: false, anchorSeq: matchingEntries(state).at(-1)?.seq ?? state.nextSeq - 1};
			}

			return {...state, follow: true, anchorSeq: undefined};
		}

		case 'toggle-warnings-only': {
			return {...state, warningsOnly: !state.warningsOnly};
		}

		case 'scroll': {
			return scroll(state, event.lines, event.pageSize);
		}

		case 'scroll-to': {
			if (event.end === 'newest') {
				return {...state, follow: true, anchorSeq: undefined};
			}

			const matching = matchingEntries(state);
			const bottom = matching[Math.min(event.pageSize, matching.length) - 1];
			return bottom === undefined || bottom === matching.at(-1) ? state : {...state, follow: false, anchorSeq: bottom.seq};
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
