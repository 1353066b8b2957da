/**
 * Keys are bytes. These pure helpers split the key space into levels on a separator, compute the
 * range ends etcd works with, and show keys that are not UTF-8 in an escaped form that reads back
 * to the same bytes.
 */

import {mustEscape, safeText} from '../model/shared/safe-text.ts';

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

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

function utf8SequenceLength(lead: number): number {
	if (lead < 0x80) {
		return 1;
	}

	if (lead >= 0xC2 && lead <= 0xDF) {
		return 2;
	}

	if (lead >= 0xE0 && lead <= 0xEF) {
		return 3;
	}

	return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
}

function hexByte(byte: number): string {
	return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Bytes as text a terminal can show: valid UTF-8 as it is, every other byte and every character the
 * sanitizer escapes (controls, bidi overrides, invisible characters: {@link mustEscape}) as the
 * `\xNN` of its bytes, and a backslash doubled, so {@link unescapeKey} gives the same bytes back.
 */
export function escapeKey(bytes: Buffer): string {
	let text = '';
	let index = 0;
	while (index < bytes.length) {
		const length = utf8SequenceLength(bytes[index]!);
		let decoded: string | undefined;
		if (length > 0 && index + length <= bytes.length) {
			try {
				decoded = strictUtf8.decode(bytes.subarray(index, index + length));
			} catch {
				decoded = undefined;
			}
		}

		if (decoded === undefined || mustEscape(decoded.codePointAt(0)!)) {
			const width = decoded === undefined ? 1 : length;
			for (let byte = index; byte < index + width; byte++) {
				text += hexByte(bytes[byte]!);
			}

			index += width;
			continue;
		}

		text += decoded === '\\' ? '\\\\' : decoded;
		index += length;
	}

	return text;
}

/**
 * Why typed key text (--prefix, the Keys `/` line) cannot be read as bytes: a `\x` not followed by two
 * hex digits, named with its 1-based position. Undefined when every escape is sound.
 */
export function keyTextProblem(text: string): string | undefined {
	const characters = [...text];
	for (let index = 0; index < characters.length; index++) {
		if (characters[index] !== '\\') {
			continue;
		}

		const next = characters[index + 1];
		if (next === '\\') {
			index++;
			continue;
		}

		if (next === 'x' && !/^[\da-fA-F]{2}$/.test(characters.slice(index + 2, index + 4).join(''))) {
			const written = safeText(characters.slice(index, index + 4).join(''));
			return `bad escape "${written}" at position ${index + 1}: \\x takes two hex digits (\\x2f is "/"); write \\\\ for a backslash`;
		}
	}

	return undefined;
}

/** The bytes an escaped key stands for: `\xNN` is one byte, `\\` a backslash, the rest UTF-8. */
export function unescapeKey(text: string): Buffer {
	const parts: Buffer[] = [];
	let plain = '';
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		const hex = char === '\\' && text[index + 1] === 'x' ? /^[\da-fA-F]{2}/.exec(text.slice(index + 2)) : null;
		if (hex !== null) {
			parts.push(Buffer.from(plain), Buffer.from([Number.parseInt(hex[0], 16)]));
			plain = '';
			index += 3;
		} else if (char === '\\' && text[index + 1] === '\\') {
			plain += '\\';
			index += 1;
		} else {
			plain += char;
		}
	}

	parts.push(Buffer.from(plain));
	return Buffer.concat(parts);
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
