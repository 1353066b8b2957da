import {afterEntry, beforeEnd, levelEntryOf, levelRange, prefixEnd, type LevelAddress, type LevelEntry} from '../key-range.ts';

/** One keys-only Range: [start, end) (an empty end has no bound), at most `limit` keys, in key order or reversed. */
export interface KeyRangeQuery {
	start: Buffer;
	end: Buffer;
	limit: number;
	descending: boolean;
}

/** The keys a {@link KeyRangeQuery} found. */
export type KeyRangeReader = (query: KeyRangeQuery) => Promise<Buffer[]>;

/** Rows of a level next to a cursor, and whether the level goes on past the last of them. */
export interface LevelPage {
	/** In key order, whichever way the page was read. */
	entries: LevelEntry[];
	more: boolean;
}

/**
 * The cuts of `key` to try as the bound of a narrow range, widening: all but the last byte, then one
 * byte fewer each time for eight bytes, then twice as many each time, down to `floor` bytes.
 */
function cutLengths(key: Buffer, floor: number): number[] {
	const cuts: number[] = [];
	for (let drop = 1; key.length - drop > floor; drop = drop < 8 ? drop + 1 : drop * 2) {
		cuts.push(key.length - drop);
	}

	return cuts;
}

/** What a forward walk may know before it starts, and what it tells of the keys it finds. */
export interface WalkHints {
	/** A key of the level that was its first one lately: nothing before it is read past unseen. */
	firstKey?: Buffer;
	/** Called with each prefix (the level's own, and each child's) whose first key the walk found. */
	remember?: (prefix: Buffer, firstKey: Buffer) => void;
}

/**
 * The first keys of the level at or after `cursor`. etcd 3.4 and 3.5 count the whole range of every
 * Range request in their index, limit or not, so a request over the rest of a 1,000,000-key level costs
 * far more than one over a few keys. The narrowest ranges come first: the keys sharing all but the
 * cursor's last byte, then fewer and fewer of its bytes, and the level's own end last. With a hint of
 * the level's first key ahead of the cursor, [cursor, hint) is read first (empty unless keys came
 * before it since) and the narrow ranges are cut from the hint.
 */
async function keysFrom(read: KeyRangeReader, from: Buffer, level: {start: Buffer; end: Buffer}, limit: number, hint?: Buffer): Promise<Buffer[]> {
	let cursor = from;
	if (hint !== undefined && Buffer.compare(cursor, hint) < 0 && beforeEnd(hint, level.end)) {
		const before = await read({start: cursor, end: hint, limit, descending: false});
		if (before.length > 0) {
			return before;
		}

		cursor = hint;
	}

	for (const cut of cutLengths(cursor, level.start.length)) {
		const bound = prefixEnd(cursor.subarray(0, cut));
		if (bound.length === 0 || !beforeEnd(bound, level.end)) {
			break;
		}

		const keys = await read({start: cursor, end: bound, limit, descending: false});
		if (keys.length > 0) {
			return keys;
		}
	}

	return read({start: cursor, end: level.end, limit, descending: false});
}

/** The last keys of the level before `cursor` (exclusive), highest first; narrow ranges first as in keysFrom. */
async function keysBefore(read: KeyRangeReader, cursor: Buffer, level: {start: Buffer; end: Buffer}, limit: number): Promise<Buffer[]> {
	for (const cut of cutLengths(cursor, level.start.length)) {
		const keys = await read({start: cursor.subarray(0, cut), end: cursor, limit, descending: true});
		if (keys.length > 0) {
			return keys;
		}
	}

	return read({start: level.start, end: cursor, limit, descending: true});
}

/**
 * Up to `want` rows of the level from `from` on. A child prefix costs one request however many keys it
 * holds: after its first key the walk goes on from the prefix's end. Keys directly in the level come a
 * batch a request. One row more than wanted is looked for, to know whether the level goes on.
 */
export async function walkForward(read: KeyRangeReader, level: LevelAddress, separator: Buffer, from: Buffer, want: number, hints: WalkHints = {}): Promise<LevelPage> {
	const range = levelRange(level);
	const entries: LevelEntry[] = [];
	let cursor: Buffer | undefined = Buffer.compare(from, range.start) < 0 ? range.start : from;
	const hint = hints.firstKey !== undefined && hints.firstKey.subarray(0, range.start.length).equals(range.start) ? hints.firstKey : undefined;
	let firstOfLevel = cursor.equals(range.start);
	while (cursor !== undefined && entries.length <= want && beforeEnd(cursor, range.end)) {
		const keys: Buffer[] = await keysFrom(read, cursor, range, want + 1 - entries.length, hint);
		if (keys.length === 0) {
			break;
		}

		for (const key of keys) {
			if (cursor === undefined || Buffer.compare(key, cursor) < 0) {
				// Under a child prefix already listed: the rest of its keys came in the same batch.
				continue;
			}

			if (firstOfLevel) {
				hints.remember?.(range.start, key);
				firstOfLevel = false;
			}

			const entry = levelEntryOf(key, level.prefix, separator);
			// Keys come in order from the cursor, which is at or before the prefix: this is its first key.
			if (entry.kind === 'prefix' && Buffer.compare(cursor, entry.bytes) <= 0) {
				hints.remember?.(entry.bytes, key);
			}

			entries.push(entry);
			const next = afterEntry(entry);
			// A prefix of only 0xFF bytes has no end: nothing can follow it.
			cursor = next.length === 0 ? undefined : next;
			if (entries.length > want) {
				break;
			}
		}
	}

	return {entries: entries.slice(0, want), more: entries.length > want};
}

/**
 * Up to `want` rows of the level before `before` (exclusive; empty for the level's end), returned in key
 * order. Walking down, a child prefix shows first through its last key; the walk goes on below the prefix.
 */
export async function walkBackward(read: KeyRangeReader, level: LevelAddress, separator: Buffer, before: Buffer, want: number): Promise<LevelPage> {
	const range = levelRange(level);
	const entries: LevelEntry[] = [];
	let cursor = before.length === 0 || !beforeEnd(before, range.end) ? range.end : before;
	while (entries.length <= want && (cursor.length === 0 || Buffer.compare(cursor, range.start) > 0)) {
		// From the level's very end there is no cursor to cut: one request over the whole level.
		const keys: Buffer[] = cursor.length === 0 || cursor.equals(range.end)
			? await read({start: range.start, end: range.end, limit: want + 1 - entries.length, descending: true})
			: await keysBefore(read, cursor, range, want + 1 - entries.length);
		if (keys.length === 0) {
			break;
		}

		for (const key of keys) {
			if (!(cursor.length === 0 || Buffer.compare(key, cursor) < 0)) {
				continue;
			}

			const entry = levelEntryOf(key, level.prefix, separator);
			entries.push(entry);
			cursor = entry.bytes;
			if (entries.length > want) {
				break;
			}
		}
	}

	return {entries: entries.slice(0, want).reverse(), more: entries.length > want};
}
