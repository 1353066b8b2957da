import type {KeyChange} from '../../cluster/key-browser/key-types.ts';
import type {LevelEntry} from '../../cluster/key-range.ts';
import {levelStart} from './key-levels.ts';
import {type CountState, type KeyBrowserState, type LevelRow, type RowChange} from './key-browser-types.ts';

// Watched changes applied to the open level and the open key.

function changeOf(change: KeyChange): RowChange {
	return {kind: change.kind === 'delete' ? 'deleted' : change.created ? 'created' : 'updated', revision: change.revision};
}

function adjustCount(count: CountState | undefined, delta: number): CountState | undefined {
	return count !== undefined && 'value' in count ? {value: Math.max(0, count.value + delta)} : count;
}

/** A watched change in the level: marks its row (or the prefix holding it), inserts a new row, keeps counts. */
export function levelChanged(state: KeyBrowserState, change: KeyChange, entry: LevelEntry): KeyBrowserState {
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
	const before = first !== undefined && Buffer.compare(entry.bytes, first.bytes) < 0;
	if (change.kind === 'delete' || before || (last !== undefined && Buffer.compare(entry.bytes, last.bytes) > 0)) {
		return {...state, total, offset: before ? offsetAfter(state.offset, entry, mark) : state.offset};
	}

	const row: LevelRow = {...entry, change: {kind: 'created', revision: mark.revision}, ...(entry.kind === 'prefix' ? {count: {value: 1}} : {})};
	const at = state.rows.findIndex(existing => Buffer.compare(existing.bytes, entry.bytes) > 0);
	const insertAt = at < 0 ? state.rows.length : at;
	const shift = state.rows.length > 0 && insertAt <= state.selected ? 1 : 0;
	return {...state, rows: [...state.rows.slice(0, insertAt), row, ...state.rows.slice(insertAt)], total, selected: state.selected + shift, top: state.top + shift};
}

/**
 * The rows before the window after a change there: a key is a row of its own (one more when created,
 * one fewer when deleted); a prefix may or may not be new, or emptied, so the count is no longer known.
 */
function offsetAfter(offset: number | undefined, entry: LevelEntry, mark: RowChange): number | undefined {
	if (offset === undefined || mark.kind === 'updated') {
		return offset;
	}

	if (entry.kind === 'prefix') {
		return undefined;
	}

	return offset + (mark.kind === 'created' ? 1 : -1);
}

export function openKeyChanged(state: KeyBrowserState, change: KeyChange): KeyBrowserState {
	const open = state.open;
	if (open === undefined || !open.key.equals(change.key)) {
		return state;
	}

	return {...state, open: {...open, change: changeOf(change), record: change.kind === 'put' ? change.record : open.record}};
}
