import type {KeyChange, KeyRecord, PageRequest, ReadConsistency} from '../../cluster/key-browser/key-types.ts';
import type {LevelAddress, LevelEntry} from '../../cluster/key-range.ts';


/** A child prefix's key count: being read, read, or refused. */
export type CountState = {loading: true} | {value: number} | {error: string};

/** What a watch saw happen to a row (or, for a prefix, to a key under it) since the level was read. */
export interface RowChange {
	kind: 'created' | 'updated' | 'deleted';
	revision: string;
}

export interface LevelRow extends LevelEntry {
	/** Child prefixes only. */
	count?: CountState;
	change?: RowChange;
}

/** Which page of the level a read fills: the first, the last, the next below or the next above the rows. */
export type PageDirection = 'start' | 'end' | 'forward' | 'backward';

/** The key opened with Enter: its value and metadata once read, and what a watch saw since. */
export interface OpenKeyState {
	key: Buffer;
	/** The read has not answered yet. */
	loading: boolean;
	requested: boolean;
	/** Undefined before the read, or when the key does not exist. */
	record: KeyRecord | undefined;
	error: string | undefined;
	change: RowChange | undefined;
	/** Revision of the read: the watch on the key starts after it. */
	revision: string | undefined;
	/** First line of the value shown. */
	scroll: number;
	watchTrouble: string | undefined;
}

/** Rows dropped from the top of the window while scrolling down: read again from `from` to scroll back. */
export interface Anchor {
	from: Buffer;
	rows: number;
	hadBefore: boolean;
}

/**
 * The Keys pane's state: where it stands (a level and a filter on it), a window of the level's rows
 * (never the whole level: at most {@link windowCap} rows), the selection, an opened key and the `/` line.
 */
export interface KeyBrowserState {
	separator: Buffer;
	level: LevelAddress;
	/** Bumped on every change of level and reload: answers for an older one are dropped. */
	generation: number;
	rows: LevelRow[];
	hasBefore: boolean;
	hasAfter: boolean;
	anchors: Anchor[];
	/**
	 * Rows of the level before the window's first: 0 from the start on; unknown after a jump to the
	 * end until a read backward reaches the start (or a change before the window cannot be placed).
	 */
	offset: number | undefined;
	pageWanted: PageDirection | undefined;
	pageLoading: PageDirection | undefined;
	/** The child prefix to select once the level is read (the one just left by going up). */
	reselect: Buffer | undefined;
	/** The last page read failed: why (shown under the rows). */
	error: string | undefined;
	/** Keys in the whole level (prefix and filter). */
	total: CountState | undefined;
	selected: number;
	/** First row shown (a hint: the view keeps the selection in sight whatever it says). */
	top: number;
	/** Revision of the level's first read: its watch starts after it. */
	watchFrom: string | undefined;
	watchTrouble: string | undefined;
	/** How the latest read was served (linearizable, or serializable and possibly stale). */
	read: ReadConsistency | undefined;
	open: OpenKeyState | undefined;
	/** The `/` line being typed, or undefined. */
	prompt: string | undefined;
	/** Why Enter did not take the `/` line (a bad `\x` escape), until the next key. */
	promptProblem: string | undefined;
}

/** Rows kept at most: scrolling 200,000 keys keeps memory flat. */
export const windowCap = 600;
/** Rows a page read asks for. */
export const pageSize = 100;
/** Child prefixes counted at once. */
export const countBatch = 8;

export function initialKeyBrowserState(start: Buffer, separator: Buffer): KeyBrowserState {
	return {
		separator,
		level: {prefix: start, filter: Buffer.alloc(0)},
		generation: 1,
		rows: [],
		hasBefore: false,
		hasAfter: false,
		anchors: [],
		offset: 0,
		pageWanted: 'start',
		pageLoading: undefined,
		reselect: undefined,
		error: undefined,
		total: undefined,
		selected: 0,
		top: 0,
		watchFrom: undefined,
		watchTrouble: undefined,
		read: undefined,
		open: undefined,
		prompt: undefined,
		promptProblem: undefined,
	};
}

/** A read the state asks for; the hook runs it and dispatches `load-started`, then its answer. */
export type KeyBrowserLoad =
	| {type: 'page'; generation: number; direction: PageDirection; level: LevelAddress; request: PageRequest; limit: number}
	| {type: 'total'; generation: number; prefix: Buffer}
	| {type: 'counts'; generation: number; prefixes: Buffer[]}
	| {type: 'value'; key: Buffer};

export type KeyBrowserEvent =
	| {type: 'go'; level: LevelAddress}
	| {type: 'reload'}
	/** The cluster's quorum came or went: the level's count is read again, so the read label follows it. */
	| {type: 'quorum-changed'}
	| {type: 'enter'}
	| {type: 'up'}
	| {type: 'move'; step: number; viewRows: number}
	| {type: 'home'}
	| {type: 'end'; viewRows: number}
	| {type: 'scroll-value'; step: number; maxOffset: number}
	| {type: 'load-started'; load: KeyBrowserLoad}
	| {type: 'page-loaded'; generation: number; direction: PageDirection; entries: LevelEntry[]; more: boolean; read: ReadConsistency; revision: string | undefined}
	| {type: 'page-failed'; generation: number; error: string}
	| {type: 'total-loaded'; generation: number; count: CountState; read?: ReadConsistency}
	| {type: 'count-loaded'; generation: number; prefix: Buffer; count: CountState}
	| {type: 'value-loaded'; key: Buffer; record: KeyRecord | undefined; read: ReadConsistency; revision: string | undefined}
	| {type: 'value-failed'; key: Buffer; error: string}
	/** `entry`: the row of the level the changed key falls in (the etcd layer splits keys into entries). */
	| {type: 'level-changed'; generation: number; change: KeyChange; entry: LevelEntry}
	| {type: 'open-key-changed'; change: KeyChange}
	| {type: 'watch-trouble'; target: 'level' | 'open'; message: string | undefined}
	| {type: 'prompt-open'}
	| {type: 'prompt-type'; text: string}
	| {type: 'prompt-erase'}
	| {type: 'prompt-apply'}
	| {type: 'prompt-cancel'};
