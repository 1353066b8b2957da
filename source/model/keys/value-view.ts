import {formatBytes} from '../shared/format.ts';
import {safeText} from '../shared/safe-text.ts';

/** How a piece of a value line is coloured. */
export type ValueTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'text' | 'offset' | 'hex' | 'printable';

export interface ValueToken {
	kind: ValueTokenKind;
	text: string;
}

export type ValueLine = ValueToken[];

/** A value ready to draw: what it was taken for, its lines, and how much of it they show. */
export interface ValueView {
	kind: 'json' | 'text' | 'binary' | 'empty';
	lines: ValueLine[];
	totalBytes: number;
	/** Set when only part of the value is drawn: says how much, with the full size. */
	truncation: string | undefined;
}

export interface ValueLimits {
	/** Bytes of text or binary drawn at most. */
	maxBytes: number;
	/** Lines drawn at most. */
	maxLines: number;
}

export const defaultValueLimits: ValueLimits = {maxBytes: 64 * 1024, maxLines: 5000};

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

function isControl(codePoint: number): boolean {
	const lineOrTab = codePoint === 0x09 || codePoint === 0x0A || codePoint === 0x0D;
	return !lineOrTab && (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F));
}

function decodeText(value: Buffer): string | undefined {
	try {
		const text = strictUtf8.decode(value);
		// Control characters (other than tab and line ends) would drive the terminal: such a value is binary.
		return [...text].some(char => isControl(char.codePointAt(0)!)) ? undefined : text;
	} catch {
		return undefined;
	}
}

/**
 * Decides how to show a value and lays it out: JSON objects and arrays pretty-printed from their own
 * text (numbers keep every digit: no parse and re-serialise), other UTF-8 as text wrapped at `width`,
 * anything else as a hex dump with the printable side. Large values are cut with their full size said.
 * The view lays out lines itself (newlines and tabs), and every line passes the sanitizer: a bare
 * carriage return, a bidi override or a zero-width character is shown escaped, never acted on.
 */
export function renderValue(value: Buffer, width: number, limits: ValueLimits = defaultValueLimits): ValueView {
	if (value.length === 0) {
		return {kind: 'empty', lines: [[{kind: 'text', text: '(empty value)'}]], totalBytes: 0, truncation: undefined};
	}

	const text = decodeText(value);
	if (text !== undefined && /^\s*[[{]/.test(text) && isJson(text)) {
		return cut('json', prettyJson(text), value.length, value.length, limits);
	}

	if (text !== undefined) {
		const shown = value.length > limits.maxBytes ? decodePrefix(value.subarray(0, limits.maxBytes)) : text;
		return cut('text', wrapText(shown, width), value.length, Buffer.byteLength(shown), limits);
	}

	const shown = value.subarray(0, limits.maxBytes);
	return cut('binary', hexDump(shown, width), value.length, shown.length, limits);
}

function cut(kind: ValueView['kind'], lines: ValueLine[], totalBytes: number, shownBytes: number, limits: ValueLimits): ValueView {
	const kept = lines.slice(0, limits.maxLines);
	const linesCut = kept.length < lines.length;
	const truncation = linesCut
		? `showing the first ${kept.length.toLocaleString('en-US')} of ${lines.length.toLocaleString('en-US')} lines of ${formatBytes(totalBytes)}`
		: shownBytes < totalBytes
			? `showing the first ${formatBytes(shownBytes)} of ${formatBytes(totalBytes)}`
			: undefined;
	return {kind, lines: kept, totalBytes, truncation};
}

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** A UTF-8 prefix cut at a byte count may end inside a character: drop that partial character. */
function decodePrefix(bytes: Buffer): string {
	return bytes.toString('utf8').replace(/\uFFFD$/, '');
}

function wrapText(text: string, width: number): ValueLine[] {
	const columns = Math.max(1, width);
	return text.replaceAll('\t', '    ').split(/\r?\n/).flatMap(raw => {
		const line = safeText(raw);
		const chars = [...line];
		if (chars.length <= columns) {
			return [[{kind: 'text' as const, text: line}]];
		}

		const pieces: ValueLine[] = [];
		for (let start = 0; start < chars.length; start += columns) {
			pieces.push([{kind: 'text', text: chars.slice(start, start + columns).join('')}]);
		}

		return pieces;
	});
}

/** 16 bytes a line when they fit (offset, hex, printable side), else 8. */
function hexDump(bytes: Buffer, width: number): ValueLine[] {
	const perLine = width >= 10 + (16 * 3) + 1 + 16 ? 16 : 8;
	const lines: ValueLine[] = [];
	for (let offset = 0; offset < bytes.length; offset += perLine) {
		const chunk = bytes.subarray(offset, offset + perLine);
		const hex = [...chunk].map(byte => byte.toString(16).padStart(2, '0')).join(' ').padEnd((perLine * 3) - 1);
		const printable = [...chunk].map(byte => (byte >= 0x20 && byte < 0x7F ? String.fromCharCode(byte) : '.')).join('');
		lines.push([
			{kind: 'offset', text: `${offset.toString(16).padStart(8, '0')}  `},
			{kind: 'hex', text: `${hex}  `},
			{kind: 'printable', text: printable},
		]);
	}

	return lines;
}

type JsonLexeme = {kind: 'string' | 'number' | 'literal'; text: string} | {kind: 'punctuation'; text: '{' | '}' | '[' | ']' | ',' | ':'};

/** The lexemes of valid JSON text, whitespace dropped. */
function lexJson(text: string): JsonLexeme[] {
	const lexemes: JsonLexeme[] = [];
	const pattern = /\s+|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])/gy;
	for (let match = pattern.exec(text); match !== null && match[0] !== ''; match = pattern.exec(text)) {
		if (match[1] !== undefined) {
			lexemes.push({kind: 'string', text: match[1]});
		} else if (match[2] !== undefined) {
			lexemes.push({kind: 'number', text: match[2]});
		} else if (match[3] !== undefined) {
			lexemes.push({kind: 'literal', text: match[3]});
		} else if (match[4] !== undefined) {
			lexemes.push({kind: 'punctuation', text: match[4] as '{'});
		}
	}

	return lexemes;
}

/** Two-space indentation, a member or element a line, `{}` and `[]` kept together; object keys coloured apart from string values. */
export function prettyJson(text: string): ValueLine[] {
	const lexemes = lexJson(text);
	const lines: ValueLine[] = [];
	let line: ValueLine = [];
	let depth = 0;
	const newLine = () => {
		lines.push(line);
		line = [{kind: 'punctuation', text: '  '.repeat(depth)}];
	};

	for (let index = 0; index < lexemes.length; index++) {
		const lexeme = lexemes[index]!;
		const next = lexemes[index + 1];
		if (lexeme.kind !== 'punctuation') {
			const isKey = lexeme.kind === 'string' && next?.text === ':';
			// A JSON string may hold bidi overrides, zero-width characters or U+2028 unescaped.
			line.push({kind: isKey ? 'key' : lexeme.kind, text: safeText(lexeme.text)});
			continue;
		}

		switch (lexeme.text) {
			case '{':
			case '[': {
				const closer = lexeme.text === '{' ? '}' : ']';
				if (next?.text === closer) {
					line.push({kind: 'punctuation', text: `${lexeme.text}${closer}`});
					index++;
					break;
				}

				line.push({kind: 'punctuation', text: lexeme.text});
				depth++;
				newLine();
				break;
			}

			case '}':
			case ']': {
				depth--;
				newLine();
				line.push({kind: 'punctuation', text: lexeme.text});
				break;
			}

			case ',': {
				line.push({kind: 'punctuation', text: ','});
				newLine();
				break;
			}

			case ':': {
				line.push({kind: 'punctuation', text: ': '});
				break;
			}
		}
	}

	lines.push(line);
	// Indentation tokens start every line after the first: merge empty ones away for tidy output.
	return lines.map(tokens => tokens.filter(token => token.text !== ''));
}

/** A line as plain text (for tests and width checks). */
export function lineText(line: ValueLine): string {
	return line.map(token => token.text).join('');
}
