import type {LogSourceStatus} from '../../logs/log-status.ts';
import type {LogEntry} from './log-entry.ts';
import type {LogOrder} from './log-merge.ts';
import type {LogMember} from './log-template.ts';
import {emptyTroubleCounts, type TroubleCounts} from './trouble-counts.ts';

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
	/** When not following: how many lines above the anchor the cursor line is (only the oldest page has it above 0). */
	cursorAbove: number;
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
	/** The line Enter opened whole (it stays open while it is kept), and how far its view is scrolled. */
	opened: {order: LogOrder; scroll: number} | undefined;
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
	| {type: 'filter-clear'}
	/** Opens the cursor line whole (the line ↑/↓ move to). */
	| {type: 'open-line'; pageSize: number}
	| {type: 'scroll-line'; lines: number; maxOffset: number}
	| {type: 'close-line'};

export function initialLogViewState(capacity: number, status: LogSourceStatus, now: number): LogViewState {
	return {
		capacity,
		entries: [],
		nextSeq: 1,
		dropped: 0,
		follow: true,
		anchor: undefined,
		cursorAbove: 0,
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
		opened: undefined,
	};
}
