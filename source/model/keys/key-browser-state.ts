import type {KeyChange, KeyRecord, PageRequest, ReadConsistency} from '../../cluster/key-browser/key-types.ts';
import type {LevelAddress, LevelEntry} from '../../cluster/key-range.ts';
import {jumpTarget, levelStart, parentPrefix} from './key-levels.ts';
import {keyTextProblem} from '../shared/key-text.ts';
import {typedText} from '../shared/safe-text.ts';

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
interface Anchor {
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
/** Rows of margin: a page is read ahead when the selection comes this near the window's edge. */
const prefetchMargin = 40;
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

function goTo(state: KeyBrowserState, level: LevelAddress, reselect?: Buffer): KeyBrowserState {
	return {
		...initialKeyBrowserState(level.prefix, state.separator),
		level,
		generation: state.generation + 1,
		read: state.read,
		reselect,
	};
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), Math.max(low, high));
}

/** Moves the selection and keeps it inside the `viewRows` shown from `top`. */
function select(state: KeyBrowserState, index: number, viewRows: number): KeyBrowserState {
	const selected = clamp(index, 0, state.rows.length - 1);
	const top = selected < state.top ? selected : selected >= state.top + viewRows ? selected - viewRows + 1 : state.top;
	return {...state, selected, top};
}

/** Drops rows beyond the window cap from the side away from the selection. */
function trim(state: KeyBrowserState, side: 'front' | 'back'): KeyBrowserState {
	const excess = state.rows.length - windowCap;
	if (excess <= 0) {
		return state;
	}

	if (side === 'back') {
		return {...state, rows: state.rows.slice(0, windowCap), hasAfter: true};
	}

	const anchor: Anchor = {from: state.rows[0]!.bytes, rows: excess, hadBefore: state.hasBefore};
	return {
		...state,
		rows: state.rows.slice(excess),
		hasBefore: true,
		anchors: [...state.anchors, anchor],
		selected: Math.max(0, state.selected - excess),
		top: Math.max(0, state.top - excess),
	};
}

function pageLoaded(state: KeyBrowserState, event: Extract<KeyBrowserEvent, {type: 'page-loaded'}>): KeyBrowserState {
	const rows: LevelRow[] = event.entries.map(entry => ({...entry}));
	const pageWanted = state.pageWanted === event.direction ? undefined : state.pageWanted;
	const base = {...state, pageLoading: undefined, pageWanted, error: undefined, read: event.read, watchFrom: state.watchFrom ?? event.revision};
	switch (event.direction) {
		case 'start': {
			const reselected = state.reselect === undefined ? -1 : rows.findIndex(row => row.bytes.equals(state.reselect!));
			const selected = Math.max(0, reselected);
			return {...base, rows, hasBefore: false, hasAfter: event.more, anchors: [], selected, top: selected, reselect: undefined};
		}

		case 'end': {
			return {...base, rows, hasBefore: event.more, hasAfter: false, anchors: [], selected: Math.max(0, rows.length - 1), top: Math.max(0, rows.length - 1)};
		}

		case 'forward': {
			const last = state.rows.at(-1);
			const fresh = last === undefined ? rows : rows.filter(row => Buffer.compare(row.bytes, last.bytes) > 0);
			return trim({...base, rows: [...state.rows, ...fresh], hasAfter: event.more}, 'front');
		}

		case 'backward': {
			const first = state.rows[0];
			const fresh = first === undefined ? rows : rows.filter(row => Buffer.compare(row.bytes, first.bytes) < 0);
			const anchor = state.anchors.at(-1);
			const hasBefore = anchor === undefined ? event.more : anchor.hadBefore;
			const anchors = anchor === undefined ? state.anchors : state.anchors.slice(0, -1);
			return trim({...base, rows: [...fresh, ...state.rows], hasBefore, anchors, selected: state.selected + fresh.length, top: state.top + fresh.length}, 'back');
		}
	}
}

function changeOf(change: KeyChange): RowChange {
	return {kind: change.kind === 'delete' ? 'deleted' : change.created ? 'created' : 'updated', revision: change.revision};
}

function adjustCount(count: CountState | undefined, delta: number): CountState | undefined {
	return count !== undefined && 'value' in count ? {value: Math.max(0, count.value + delta)} : count;
}

/** A watched change in the level: marks its row (or the prefix holding it), inserts a new row, keeps counts. */
function levelChanged(state: KeyBrowserState, change: KeyChange, entry: LevelEntry): KeyBrowserState {
	const start = levelStart(state.level);
	if (!change.key.subarray(0, start.length).equals(start)) {
		return state;
	}

	const mark = changeOf(change);
	const delta = mark.kind === 'created' ? 1 : mark.kind === 'deleted' ? -1 : 0;
	const total = adjustCount(state.total, delta);
	const index = state.rows.findIndex(row => row.bytes.equals(entry.bytes));
	if (index >= 0) {
		const row = state.rows[index]!;
		const count = row.kind === 'prefix' ? adjustCount(row.count, delta) : undefined;
		const emptied = count !== undefined && 'value' in count && count.value === 0;
		const rowChange: RowChange = row.kind === 'key' ? mark : {kind: emptied ? 'deleted' : 'updated', revision: mark.revision};
		const rows = state.rows.map((existing, at) => (at === index ? {...row, ...(row.kind === 'prefix' ? {count} : {}), change: rowChange} : existing));
		return {...state, rows, total};
	}

	// Entries of a level do not overlap: one past the rows loaded (before the first, after the last) is not shown yet.
	const first = state.hasBefore ? state.rows[0] : undefined;
	const last = state.hasAfter ? state.rows.at(-1) : undefined;
	if (change.kind === 'delete' || (first !== undefined && Buffer.compare(entry.bytes, first.bytes) < 0) || (last !== undefined && Buffer.compare(entry.bytes, last.bytes) > 0)) {
		return {...state, total};
	}

	const row: LevelRow = {...entry, change: {kind: 'created', revision: mark.revision}, ...(entry.kind === 'prefix' ? {count: {value: 1}} : {})};
	const at = state.rows.findIndex(existing => Buffer.compare(existing.bytes, entry.bytes) > 0);
	const insertAt = at < 0 ? state.rows.length : at;
	const shift = state.rows.length > 0 && insertAt <= state.selected ? 1 : 0;
	return {...state, rows: [...state.rows.slice(0, insertAt), row, ...state.rows.slice(insertAt)], total, selected: state.selected + shift, top: state.top + shift};
}

function openKeyChanged(state: KeyBrowserState, change: KeyChange): KeyBrowserState {
	const open = state.open;
	if (open === undefined || !open.key.equals(change.key)) {
		return state;
	}

	return {...state, open: {...open, change: changeOf(change), record: change.kind === 'put' ? change.record : open.record}};
}

function forGeneration(state: KeyBrowserState, generation: number, next: () => KeyBrowserState): KeyBrowserState {
	return generation === state.generation ? next() : state;
}

function loadStarted(state: KeyBrowserState, load: KeyBrowserLoad): KeyBrowserState {
	switch (load.type) {
		case 'page': {
			return forGeneration(state, load.generation, () => ({...state, pageWanted: undefined, pageLoading: load.direction}));
		}

		case 'total': {
			return forGeneration(state, load.generation, () => ({...state, total: {loading: true}}));
		}

		case 'counts': {
			return forGeneration(state, load.generation, () => ({
				...state,
				rows: state.rows.map(row => (load.prefixes.some(prefix => prefix.equals(row.bytes)) && row.kind === 'prefix' ? {...row, count: {loading: true}} : row)),
			}));
		}

		case 'value': {
			return state.open?.key.equals(load.key) ? {...state, open: {...state.open, requested: true}} : state;
		}
	}
}

function openSelected(state: KeyBrowserState): KeyBrowserState {
	const row = state.rows[state.selected];
	if (row === undefined) {
		return state;
	}

	if (row.kind === 'prefix') {
		return goTo(state, {prefix: row.bytes, filter: Buffer.alloc(0)});
	}

	return {
		...state,
		open: {key: row.bytes, loading: true, requested: false, record: undefined, error: undefined, change: undefined, revision: undefined, scroll: 0, watchTrouble: undefined},
	};
}

function goUp(state: KeyBrowserState): KeyBrowserState {
	if (state.open !== undefined) {
		return {...state, open: undefined};
	}

	if (state.level.filter.length > 0) {
		return goTo(state, {prefix: state.level.prefix, filter: Buffer.alloc(0)});
	}

	const parent = parentPrefix(state.level.prefix, state.separator);
	return parent === undefined ? state : goTo(state, {prefix: parent, filter: Buffer.alloc(0)}, state.level.prefix);
}

export function keyBrowserReducer(state: KeyBrowserState, event: KeyBrowserEvent): KeyBrowserState {
	switch (event.type) {
		case 'go': {
			return goTo(state, event.level);
		}

		case 'reload': {
			return goTo(state, state.level);
		}

		case 'enter': {
			return openSelected(state);
		}

		case 'up': {
			return goUp(state);
		}

		case 'move': {
			return select(state, state.selected + event.step, event.viewRows);
		}

		case 'home': {
			return state.hasBefore ? {...state, pageWanted: 'start'} : {...state, selected: 0, top: 0};
		}

		case 'end': {
			return state.hasAfter ? {...state, pageWanted: 'end'} : select(state, state.rows.length - 1, event.viewRows);
		}

		case 'scroll-value': {
			return state.open === undefined ? state : {...state, open: {...state.open, scroll: clamp(state.open.scroll + event.step, 0, event.maxOffset)}};
		}

		case 'load-started': {
			return loadStarted(state, event.load);
		}

		case 'page-loaded': {
			return forGeneration(state, event.generation, () => pageLoaded(state, event));
		}

		case 'page-failed': {
			return forGeneration(state, event.generation, () => ({...state, pageLoading: undefined, pageWanted: undefined, error: event.error}));
		}

		case 'total-loaded': {
			return forGeneration(state, event.generation, () => ({...state, total: event.count, read: event.read ?? state.read}));
		}

		case 'count-loaded': {
			return forGeneration(state, event.generation, () => ({
				...state,
				rows: state.rows.map(row => (row.kind === 'prefix' && row.bytes.equals(event.prefix) ? {...row, count: event.count} : row)),
			}));
		}

		case 'value-loaded': {
			const open = state.open;
			return open?.key.equals(event.key) ? {...state, read: event.read, open: {...open, loading: false, record: event.record, revision: event.revision, error: undefined}} : state;
		}

		case 'value-failed': {
			const open = state.open;
			return open?.key.equals(event.key) ? {...state, open: {...open, loading: false, error: event.error}} : state;
		}

		case 'level-changed': {
			return forGeneration(state, event.generation, () => levelChanged(state, event.change, event.entry));
		}

		case 'open-key-changed': {
			return openKeyChanged(state, event.change);
		}

		case 'watch-trouble': {
			if (event.target === 'level') {
				return {...state, watchTrouble: event.message};
			}

			return state.open === undefined ? state : {...state, open: {...state.open, watchTrouble: event.message}};
		}

		case 'prompt-open': {
			return {...state, prompt: '', promptProblem: undefined};
		}

		case 'prompt-type': {
			// A paste may bring escapes or line ends: the line keeps what is printable.
			const text = typedText(event.text);
			return state.prompt === undefined || text === '' ? state : {...state, prompt: state.prompt + text, promptProblem: undefined};
		}

		case 'prompt-erase': {
			return state.prompt === undefined ? state : {...state, prompt: [...state.prompt].slice(0, -1).join(''), promptProblem: undefined};
		}

		case 'prompt-cancel': {
			return {...state, prompt: undefined, promptProblem: undefined};
		}

		case 'prompt-apply': {
			if (state.prompt === undefined) {
				return state;
			}

			const problem = keyTextProblem(state.prompt);
			if (problem !== undefined) {
				return {...state, promptProblem: problem};
			}

			return goTo({...state, prompt: undefined, promptProblem: undefined}, jumpTarget(state.prompt, state.level.prefix, state.separator));
		}
	}
}

/**
 * The reads the state needs now and has not started: the page asked for, or the next one when the
 * selection nears the window's edge; the level's key count; counts of the child prefixes in and
 * around the view; the opened key's value.
 */
export function neededLoads(state: KeyBrowserState, viewRows: number): KeyBrowserLoad[] {
	const loads: KeyBrowserLoad[] = [];
	const {generation, level} = state;
	const page = state.pageLoading === undefined && state.prompt === undefined ? nextPage(state) : undefined;
	if (page !== undefined) {
		loads.push({type: 'page', generation, level, ...page});
	}

	if (state.total === undefined) {
		loads.push({type: 'total', generation, prefix: levelStart(level)});
	}

	const from = Math.max(0, state.top - viewRows);
	const prefixes = state.rows.slice(from, state.top + (2 * viewRows)).filter(row => row.kind === 'prefix' && row.count === undefined).slice(0, countBatch).map(row => row.bytes);
	const countsRunning = state.rows.filter(row => row.count !== undefined && 'loading' in row.count).length;
	if (prefixes.length > 0 && countsRunning === 0) {
		loads.push({type: 'counts', generation, prefixes});
	}

	if (state.open !== undefined && state.open.loading && !state.open.requested) {
		loads.push({type: 'value', key: state.open.key});
	}

	return loads;
}

function nextPage(state: KeyBrowserState): {direction: PageDirection; request: PageRequest; limit: number} | undefined {
	if (state.pageWanted === 'start' || state.pageWanted === 'end') {
		return {direction: state.pageWanted, request: {from: state.pageWanted}, limit: pageSize};
	}

	if (state.error !== undefined) {
		return undefined;
	}

	const last = state.rows.at(-1);
	if (state.hasAfter && last !== undefined && state.selected >= state.rows.length - prefetchMargin) {
		return {direction: 'forward', request: {from: 'after', entry: last}, limit: pageSize};
	}

	const first = state.rows[0];
	if (state.hasBefore && first !== undefined && state.selected < prefetchMargin) {
		const anchor = state.anchors.at(-1);
		// Rows dropped while scrolling down are read again forward from where they started: cheaper for
		// etcd than a descending read, which sorts the whole range it covers.
		return anchor === undefined
			? {direction: 'backward', request: {from: 'before', cursor: first.bytes}, limit: pageSize}
			: {direction: 'backward', request: {from: 'at', cursor: anchor.from}, limit: anchor.rows};
	}

	return undefined;
}
