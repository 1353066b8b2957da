/**
 * Keys are bytes. Typed and shown, they are text: valid UTF-8 as it is, every other byte as `\xNN`,
 * so the text reads back to the same bytes (--prefix, the Keys pane, messages naming a key).
 */

import {mustEscape, safeText} from './safe-text.ts';

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
