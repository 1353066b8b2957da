import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mustEscape, safeJson, safeSgrText, safeText, typedText} from '../../source/model/shared/safe-text.ts';

/** Every code point a terminal could act on or hide, each with the escape it must be shown as. */
const hostile: ReadonlyArray<[string, string]> = [
	['\r', '\\r'],
	['\n', '\\n'],
	['\t', '\\t'],
	['\u0000', '\\x00'],
	['\u0007', '\\x07'],
	['\u0008', '\\x08'],
	['\u001B', '\\x1b'],
	['\u007F', '\\x7f'],
	['\u0085', '\\x85'],
	['\u009B', '\\x9b'],
	['\u009D', '\\x9d'],
	['\u200B', '\\u200b'],
	['\u200C', '\\u200c'],
	['\u200D', '\\u200d'],
	['\u200E', '\\u200e'],
	['\u200F', '\\u200f'],
	['\u2028', '\\u2028'],
	['\u2029', '\\u2029'],
	['\u202A', '\\u202a'],
	['\u202B', '\\u202b'],
	['\u202C', '\\u202c'],
	['\u202D', '\\u202d'],
	['\u202E', '\\u202e'],
	['\u2066', '\\u2066'],
	['\u2067', '\\u2067'],
	['\u2068', '\\u2068'],
	['\u2069', '\\u2069'],
	['\uFEFF', '\\ufeff'],
	['\u{E0041}', '\\u{e0041}'],
	['\uD800', '\\ud800'],
];

void test('every C0 and C1 control, DEL, bidi override, zero-width and separator character is shown escaped', () => {
	for (const [character, escaped] of hostile) {
		assert.equal(safeText(`a${character}b`), `a${escaped}b`, `U+${character.codePointAt(0)!.toString(16)}`);
		assert.ok(mustEscape(character.codePointAt(0)!));
	}

	for (let codePoint = 0; codePoint < 0x20; codePoint++) {
		assert.ok(mustEscape(codePoint), `C0 ${codePoint}`);
	}

	for (let codePoint = 0x7F; codePoint <= 0x9F; codePoint++) {
		assert.ok(mustEscape(codePoint), `DEL/C1 ${codePoint}`);
	}
});

void test('the attacks of issue 15 come out as plain text: nothing overwrites, colours, retitles or rings', () => {
	assert.equal(safeText('SAFE-LOOKING-VALUE\rEVIL'), 'SAFE-LOOKING-VALUE\\rEVIL');
	assert.equal(safeText('evil\u001B]0;PWN\u0007\u001B[41mRED\rX'), 'evil\\x1b]0;PWN\\x07\\x1b[41mRED\\rX');
	assert.equal(safeText('invoice\u202Efdp.exe'), 'invoice\\u202efdp.exe');
	// What the sanitizer writes is printable ASCII and plain UTF-8 only.
	const shown = safeText(hostile.map(([character]) => character).join(''));
	assert.match(shown, /^[\u0020-\u007E]*$/);
});

void test('ordinary text, UTF-8 and a backslash pass unchanged, and escaping twice changes nothing more', () => {
	for (const text of ['', 'm1', 'http://127.0.0.1:2379', 'ünïcødé 日本 😀', String.raw`C:\path\x1b`, 'a "quoted" {json}']) {
		assert.equal(safeText(text), text);
	}

	const once = safeText('x\u001B[31m\r\u202E\u0085');
	assert.equal(safeText(once), once);
});

void test('typed or pasted text keeps what is printable and drops the rest', () => {
	assert.equal(typedText('ab\u001B[31mc\r\n\td\u202Ee\u0085'), 'ab[31mcde');
	assert.equal(typedText('/main/ünï'), '/main/ünï');
});

void test('JSON output is JSON: the same value parses back, and no unsafe character is left raw', () => {
	const value = {name: 'evil\u001B]0;PWN\u0007\r\u009B\u202E\u2028\u200B\uFEFF\u007F\u{E0041}', n: 1, list: ['\n']};
	for (const indent of [undefined, 2]) {
		const json = safeJson(value, indent);
		assert.deepEqual(JSON.parse(json), value);
		const outsideIndentation = indent === undefined ? json : json.replaceAll('\n', '');
		assert.match(outsideIndentation, /^[\u0020-\u007E]*$/, json);
	}

	assert.equal(safeJson(undefined), 'null');
});

void test('etcdeck\'s own coloured lines keep their SGR colours and nothing else', () => {
	assert.equal(safeSgrText('\u001B[36m─╮\u001B[0m 12'), '\u001B[36m─╮\u001B[0m 12');
	assert.equal(safeSgrText('\u001B[36mx\u001B]0;T\u0007\u001B[2J\r'), '\u001B[36mx\\x1b]0;T\\x07\\x1b[2J\\r');
});
