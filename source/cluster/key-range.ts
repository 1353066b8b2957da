/**
 * etcd's key ranges: [start, end) over bytes, with etcd's conventions for "no end" and "from the
 * first key", and the ranges of a level's entries (a child prefix covers every key under it).
 */

/** One row of a level: a child prefix (ends with the separator) or a key directly in the level. */
export interface LevelEntry {
	kind: 'prefix' | 'key';
	/** The child prefix or the whole key, from the first byte of the key space. */
	bytes: Buffer;
}

/** Where the browser stands: the level's prefix, and a filter on the names in it (a range, not a scan). */
export interface LevelAddress {
	prefix: Buffer;
	filter: Buffer;
}

const emptyBytes = Buffer.alloc(0);

/**
 * The end of the range holding every key that starts with `prefix` ("aa" → "ab", "a\xff" → "b").
 * Empty when there is none (an empty prefix or only 0xFF bytes): etcd reads `range_end` "\0" as "to the
 * end of the key space", which {@link rangeEndForEtcd} gives.
 */
export function prefixEnd(prefix: Buffer): Buffer {
	for (let index = prefix.length - 1; index >= 0; index--) {
		if (prefix[index]! < 0xFF) {
			const end = Buffer.from(prefix.subarray(0, index + 1));
			end[index]! += 1;
			return end;
		}
	}

	return emptyBytes;
}

/** The range end as etcd takes it: "\0" for "no end". */
export function rangeEndForEtcd(end: Buffer): Buffer {
	return end.length === 0 ? Buffer.from([0]) : end;
}

/** The range start as etcd takes it: etcd refuses an empty key, and "\0" starts at the first key there can be. */
export function rangeStartForEtcd(start: Buffer): Buffer {
	return start.length === 0 ? Buffer.from([0]) : start;
}

/** Whether `key` comes before the exclusive range end `end` (an empty end has no bound). */
export function beforeEnd(key: Buffer, end: Buffer): boolean {
	return end.length === 0 || Buffer.compare(key, end) < 0;
}

/** The smallest key after `key`: etcd ranges are [start, end), so this starts a range just past it. */
export function keyAfter(key: Buffer): Buffer {
	return Buffer.concat([key, Buffer.from([0])]);
}

/** The first key of the range after everything `entry` stands for. */
export function afterEntry(entry: LevelEntry): Buffer {
	return entry.kind === 'prefix' ? prefixEnd(entry.bytes) : keyAfter(entry.bytes);
}

/** The whole range of a level: every key starting with its prefix and filter. */
export function levelRange(level: LevelAddress): {start: Buffer; end: Buffer} {
	const start = Buffer.concat([level.prefix, level.filter]);
	return {start, end: prefixEnd(start)};
}

/** The row `key` falls in, in the level at `levelPrefix`: the child prefix holding it, or the key itself. */
export function levelEntryOf(key: Buffer, levelPrefix: Buffer, separator: Buffer): LevelEntry {
	const at = separator.length === 0 ? -1 : key.indexOf(separator, levelPrefix.length);
	if (at < 0) {
		return {kind: 'key', bytes: key};
	}

	return {kind: 'prefix', bytes: Buffer.from(key.subarray(0, at + separator.length))};
}
