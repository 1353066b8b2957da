import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lineText, renderValue} from '../../source/model/keys/value-view.ts';

const linesOf = (value: Buffer | string, width = 80, limits?: Parameters<typeof renderValue>[2]) => {
	const view = renderValue(Buffer.from(value), width, limits);
	return {...view, text: view.lines.map(lineText)};
};

void test('JSON objects and arrays are re-indented from their own text: numbers keep every digit, empty ones stay on one line', () => {
	const view = linesOf('{"id":12345678901234567890,"price":1.50,"list":[1,{"a":null}],"empty":{},"none":[],"s":"a,b:{c}"}');
	assert.equal(view.kind, 'json');
	assert.deepEqual(view.text, [
		'{',
		'  "id": 12345678901234567890,',
		'  "price": 1.50,',
		'  "list": [',
		'    1,',
		'    {',
		'      "a": null',
		'    }',
		'  ],',
		'  "empty": {},',
		'  "none": [],',
		'  "s": "a,b:{c}"',
		'}',
	]);
});

void test('JSON tokens carry their colour kind: keys apart from string values', () => {
	const view = renderValue(Buffer.from('{"k":"v","n":-2e3,"t":true}'), 80);
	const kinds = view.lines.flat().filter(token => token.kind !== 'punctuation').map(token => `${token.kind}:${token.text}`);
	assert.deepEqual(kinds, ['key:"k"', 'string:"v"', 'key:"n"', 'number:-2e3', 'key:"t"', 'literal:true']);
});

void test('text that is not JSON (or a bare JSON scalar) is text, tabs expanded and long lines wrapped at the width', () => {
	assert.deepEqual(linesOf('42').kind, 'text');
	assert.deepEqual(linesOf('{not json').kind, 'text');
	const view = linesOf('a\tb\nline two is long', 8);
	assert.equal(view.kind, 'text');
	assert.deepEqual(view.text, ['a    b', 'line two', ' is long']);
});

void test('bytes that are not UTF-8, or control characters, make a value binary: hex with the printable side', () => {
	const view = linesOf(Buffer.from([0x00, 0x41, 0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x7E, 0x20, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68]));
	assert.equal(view.kind, 'binary');
	assert.deepEqual(view.text, [
		'00000000  00 41 ff 1b 5b 32 4a 7e 20 61 62 63 64 65 66 67  .A..[2J~ abcdefg',
		'00000010  68                                               h',
	]);
	assert.equal(linesOf('text with an escape \u001B[2J').kind, 'binary');
	assert.equal(linesOf(Buffer.from([0x01, 0x02]), 40).text[0], `00000000  ${'01 02'.padEnd(23)}  ..`);
});

void test('large values are cut, saying how much is shown of the full size', () => {
	const text = linesOf('x'.repeat(100_000), 80, {maxBytes: 1000, maxLines: 5000});
	assert.equal(text.truncation, 'showing the first 1 kB of 100 kB');
	assert.equal(text.text.join('').length, 1000);
	const binary = linesOf(Buffer.alloc(50_000, 0xFF), 80, {maxBytes: 160, maxLines: 5000});
	assert.equal(binary.text.length, 10);
	assert.equal(binary.truncation, 'showing the first 160 B of 50 kB');
	const json = linesOf(JSON.stringify(Array.from({length: 100}, (_, index) => index)), 80, {maxBytes: 1000, maxLines: 20});
	assert.equal(json.text.length, 20);
	assert.equal(json.truncation, 'showing the first 20 of 102 lines of 291 B');
	assert.equal(linesOf('').kind, 'empty');
	assert.equal(linesOf('small').truncation, undefined);
});

void test('a bare carriage return, bidi override or zero-width character in a text or JSON value is shown escaped, never acted on', () => {
	assert.deepEqual(linesOf('SAFE-LOOKING-VALUE\rEVIL').text, ['SAFE-LOOKING-VALUE\\rEVIL']);
	assert.equal(linesOf('{"a":1}\r{"zzz":"hidden"}').text.join('\n'), '{"a":1}\\r{"zzz":"hidden"}');
	assert.deepEqual(linesOf('line one\r\nline two\n\tindented').text, ['line one', 'line two', '    indented']);
	const json = linesOf('{"file":"invoice\u202Efdp.exe","z\u200Bw":"a\u2028b"}');
	assert.equal(json.kind, 'json');
	assert.deepEqual(json.text, ['{', '  "file": "invoice\\u202efdp.exe",', '  "z\\u200bw": "a\\u2028b"', '}']);
	// Wrapping counts the escaped text, so no line is wider than asked.
	assert.ok(linesOf(`${'x'.repeat(9)}\r${'y'.repeat(9)}`, 10).text.every(line => [...line].length <= 10));
});
