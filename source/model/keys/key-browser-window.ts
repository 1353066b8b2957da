import type {PageRequest} from '../../cluster/key-browser/key-types.ts';
import {levelStart} from './key-levels.ts';
import {type Anchor, type KeyBrowserEvent, type KeyBrowserLoad, type KeyBrowserState, type LevelRow, type PageDirection, countBatch, pageSize, windowCap} from './key-browser-types.ts';

/** Rows of margin: a page is read ahead when the selection comes this near the window's edge. */
const prefetchMargin = 40;

// The window of rows the Keys pane holds: which pages to read next, where the selection goes, what to drop.

export function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), Math.max(low, high));
}

/** Moves the selection and keeps it inside the `viewRows` shown from `top`. */
export function select(state: KeyBrowserState, index: number, viewRows: number): KeyBrowserState {
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
		offset: state.offset === undefined ? undefined : state.offset + excess,
		anchors: [...state.anchors, anchor],
		selected: Math.max(0, state.selected - excess),
		top: Math.max(0, state.top - excess),
	};
}

export function pageLoaded(state: KeyBrowserState, event: Extract<KeyBrowserEvent, {type: 'page-loaded'}>): KeyBrowserState {
	const rows: LevelRow[] = event.entries.map(entry => ({...entry}));
	const pageWanted = state.pageWanted === event.direction ? undefined : state.pageWanted;
	const base = {...state, pageLoading: undefined, pageWanted, error: undefined, read: event.read, watchFrom: state.watchFrom ?? event.revision};
	switch (event.direction) {
		case 'start': {
			const reselected = state.reselect === undefined ? -1 : rows.findIndex(row => row.bytes.equals(state.reselect!));
			const selected = Math.max(0, reselected);
			return {...base, rows, hasBefore: false, hasAfter: event.more, anchors: [], offset: 0, selected, top: selected, reselect: undefined};
		}

		case 'end': {
			return {...base, rows, hasBefore: event.more, hasAfter: false, anchors: [], offset: event.more ? undefined : 0, selected: Math.max(0, rows.length - 1), top: Math.max(0, rows.length - 1)};
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
			const offset = !hasBefore ? 0 : state.offset === undefined ? undefined : state.offset - fresh.length;
			return trim({...base, rows: [...fresh, ...state.rows], hasBefore, anchors, offset, selected: state.selected + fresh.length, top: state.top + fresh.length}, 'back');
		}
	}
}

export function neededLoads(state: KeyBrowserState, viewRows: number): KeyBrowserLoad[] {
	const loads: KeyBrowserLoad[] = [];
	const {generation, level} = state;
	const page = state.pageLoading === undefined && state.prompt === undefined ? nextPage(state) : undefined;
	if (page !== undefined) {
		loads.push({type: 'page', generation, level, ...page});
	}

	// etcd walks the whole level to count it, and would do so beside the first page's reads: the count
	// waits for that page, which must not wait for it.
	const firstPagePending = state.pageWanted === 'start' || state.pageWanted === 'end' || state.pageLoading === 'start' || state.pageLoading === 'end';
	if (state.total === undefined && !firstPagePending) {
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
	// Just after a jump to the end, one page above is read too: a level of a page or two then knows
	// where its rows stand (row 120 of 120, not of the 100 read).
	const placing = state.offset === undefined && state.anchors.length === 0 && state.rows.length <= pageSize;
	if (state.hasBefore && first !== undefined && (state.selected < prefetchMargin || placing)) {
		const anchor = state.anchors.at(-1);
		// Rows dropped while scrolling down are read again forward from where they started: cheaper for
		// etcd than a descending read, which sorts the whole range it covers.
		return anchor === undefined
			? {direction: 'backward', request: {from: 'before', cursor: first.bytes}, limit: pageSize}
			: {direction: 'backward', request: {from: 'at', cursor: anchor.from}, limit: anchor.rows};
	}

	return undefined;
}
