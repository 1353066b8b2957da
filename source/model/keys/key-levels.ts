/** A key space split into levels on a separator: where a level's parent is, where typed text leads, how it is named. */

import type {LevelAddress, LevelEntry} from '../../cluster/key-range.ts';
import {escapeKey, unescapeKey} from '../shared/key-text.ts';

const emptyBytes = Buffer.alloc(0);

/** The level above `prefix` ("/a/b/" → "/a/", "/" → ""), or undefined at the top. */
export function parentPrefix(prefix: Buffer, separator: Buffer): Buffer | undefined {
	if (prefix.length === 0) {
		return undefined;
	}

	const body = separator.length > 0 && prefix.length >= separator.length && prefix.subarray(prefix.length - separator.length).equals(separator)
		? prefix.subarray(0, prefix.length - separator.length)
		: prefix;
	const at = separator.length === 0 ? -1 : body.lastIndexOf(separator);
	return at < 0 ? emptyBytes : Buffer.from(body.subarray(0, at + separator.length));
}

/**
 * Where typed text leads. Text starting with the separator is a prefix from the top, anything else is
 * relative to the current level. Up to its last separator it names a level; the rest filters that
 * level's names ("/main/config/pr" → level "/main/config/", names starting "pr").
 */
export function jumpTarget(text: string, current: Buffer, separator: Buffer): LevelAddress {
	const typed = unescapeKey(text);
	const absolute = separator.length > 0 && typed.subarray(0, separator.length).equals(separator);
	const full = absolute ? typed : Buffer.concat([current, typed]);
	const at = separator.length === 0 ? -1 : full.lastIndexOf(separator);
	if (at < 0) {
		return {prefix: emptyBytes, filter: full};
	}

	return {prefix: Buffer.from(full.subarray(0, at + separator.length)), filter: Buffer.from(full.subarray(at + separator.length))};
}

/** The levels from the top down to `prefix`, each with its own part of the path as label. */
export function breadcrumb(prefix: Buffer, separator: Buffer): Array<{prefix: Buffer; label: string}> {
	const chain: Buffer[] = [prefix];
	for (let parent = parentPrefix(prefix, separator); parent !== undefined && parent.length > 0; parent = parentPrefix(parent, separator)) {
		chain.unshift(parent);
	}

	return chain.map((level, index) => {
		const above = index === 0 ? emptyBytes : chain[index - 1]!;
		return {prefix: level, label: level.length === 0 ? '(all keys)' : escapeKey(level.subarray(above.length))};
	});
}

/** The name of an entry within its level: the bytes after the level's prefix, escaped. */
export function entryName(entry: LevelEntry, levelPrefix: Buffer): string {
	return escapeKey(entry.bytes.subarray(levelPrefix.length));
}

/** The first key a level can hold: its prefix and filter together (every key of the level starts with it). */
export function levelStart(level: LevelAddress): Buffer {
	return Buffer.concat([level.prefix, level.filter]);
}
