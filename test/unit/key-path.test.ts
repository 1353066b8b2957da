import {test} from 'node:test';
import assert from 'node:assert/strict';
import {afterEntry, levelEntryOf, prefixEnd, rangeEndForEtcd, rangeStartForEtcd} from '../../source/cluster/key-range.ts';
import {breadcrumb, jumpTarget, parentPrefix} from '../../source/model/keys/key-levels.ts';
import {escapeKey, keyTextProblem, unescapeKey} from '../../source/model/shared/key-text.ts';

const slash = Buffer.from('/');
const text = (bytes: Buffer | undefined) => (bytes === undefined ? undefined : escapeKey(bytes));

void test('the end of a prefix\'s range carries past 0xFF bytes, and is empty (no end) when it cannot', () => {
	assert.equal(text(prefixEnd(Buffer.from('/a/'))), '/a0');
	assert.deepEqual(prefixEnd(Buffer.from([0x61, 0xFF])), Buffer.from('b'));
	assert.deepEqual(prefixEnd(Buffer.from([0xFF, 0xFF])), Buffer.alloc(0));
	assert.deepEqual(prefixEnd(Buffer.alloc(0)), Buffer.alloc(0));
	// etcd refuses an empty key; "\0" to "\0" is the whole key space.
	assert.deepEqual([rangeStartForEtcd(Buffer.alloc(0)), rangeEndForEtcd(prefixEnd(Buffer.alloc(0)))], [Buffer.from([0]), Buffer.from([0])]);
	assert.equal(text(afterEntry({kind: 'key', bytes: Buffer.from('/a/k')})), '/a/k\\x00');
	assert.equal(text(afterEntry({kind: 'prefix', bytes: Buffer.from('/a/b/')})), '/a/b0');
});

void test('a key falls in its level as itself, or as the child prefix that holds it', () => {
	assert.deepEqual(levelEntryOf(Buffer.from('/a/k'), Buffer.from('/a/'), slash), {kind: 'key', bytes: Buffer.from('/a/k')});
	assert.deepEqual(levelEntryOf(Buffer.from('/a/b/c/d'), Buffer.from('/a/'), slash), {kind: 'prefix', bytes: Buffer.from('/a/b/')});
	assert.deepEqual(levelEntryOf(Buffer.from('/a/b/c'), Buffer.alloc(0), slash), {kind: 'prefix', bytes: Buffer.from('/')});
	assert.deepEqual(levelEntryOf(Buffer.from('a::b::c'), Buffer.from('a::'), Buffer.from('::')), {kind: 'prefix', bytes: Buffer.from('a::b::')});
});

void test('going up: "/a/b/" to "/a/" to "/" to the top, and no further', () => {
	assert.equal(text(parentPrefix(Buffer.from('/a/b/'), slash)), '/a/');
	assert.equal(text(parentPrefix(Buffer.from('/a/'), slash)), '/');
	assert.equal(text(parentPrefix(Buffer.from('/'), slash)), '');
	assert.equal(text(parentPrefix(Buffer.from('config/'), slash)), '');
	assert.equal(parentPrefix(Buffer.alloc(0), slash), undefined);
	assert.deepEqual(breadcrumb(Buffer.from('/main/config/'), slash).map(part => part.label), ['/', 'main/', 'config/']);
	assert.deepEqual(breadcrumb(Buffer.alloc(0), slash).map(part => part.label), ['(all keys)']);
});

void test('bytes that are not printable UTF-8 are escaped as \\xNN, a backslash doubled, and unescaping gives the same bytes', () => {
	const samples = [
		Buffer.from('/plain/ascii'),
		Buffer.from('/ünïcødé/日本'),
		Buffer.from([0x2F, 0xFF, 0xFE, 0x00, 0x01, 0x7F]),
		Buffer.from([0xC3, 0x28]),
		Buffer.from([0xE2, 0x82]),
		Buffer.from([0xED, 0xA0, 0x80]),
		Buffer.from([0xC2, 0x85]),
		Buffer.from('back\\slash and \\x41 typed'),
		Buffer.from('\u001B[2J'),
	];
	assert.equal(escapeKey(samples[2]!), '/\\xff\\xfe\\x00\\x01\\x7f');
	assert.equal(escapeKey(samples[3]!), '\\xc3(');
	assert.equal(escapeKey(samples[6]!), '\\xc2\\x85');
	assert.equal(escapeKey(samples[7]!), 'back\\\\slash and \\\\x41 typed');
	assert.equal(escapeKey(samples[8]!), '\\x1b[2J');
	assert.equal(escapeKey(samples[1]!), '/ünïcødé/日本');
	for (const sample of samples) {
		assert.deepEqual(unescapeKey(escapeKey(sample)), sample, escapeKey(sample));
	}
});

void test('typed text jumps from the top when it starts with the separator, else from the current level; after the last separator it filters', () => {
	const here = Buffer.from('/main/');
	const show = (target: {prefix: Buffer; filter: Buffer}) => [text(target.prefix), text(target.filter)];
	assert.deepEqual(show(jumpTarget('/other/x/', here, slash)), ['/other/x/', '']);
	assert.deepEqual(show(jumpTarget('/main/config/pr', here, slash)), ['/main/config/', 'pr']);
	assert.deepEqual(show(jumpTarget('conf', here, slash)), ['/main/', 'conf']);
	assert.deepEqual(show(jumpTarget('config/', here, slash)), ['/main/config/', '']);
	assert.deepEqual(show(jumpTarget('', here, slash)), ['/main/', '']);
	assert.deepEqual(show(jumpTarget('plain', Buffer.alloc(0), slash)), ['', 'plain']);
	assert.deepEqual(jumpTarget('/bin/\\xff', here, slash).filter, Buffer.from([0xFF]));
});

void test('a key with a bidi override, a zero-width character or a C1 control shows their bytes, and reads back the same', () => {
	const key = Buffer.from('/a\u202Eb\u200Bc\u0085d\u2028');
	assert.equal(escapeKey(key), String.raw`/a\xe2\x80\xaeb\xe2\x80\x8bc\xc2\x85d\xe2\x80\xa8`);
	assert.deepEqual(unescapeKey(escapeKey(key)), key);
});

void test('a \\x escape that is not two hex digits is refused with its position; sound escapes and backslashes pass', () => {
	assert.equal(keyTextProblem(String.raw`/a/\x2f\\x\x41`), undefined);
	assert.equal(keyTextProblem('/plain/ünï'), undefined);
	assert.match(keyTextProblem(String.raw`\xZZ`)!, /bad escape "\\xZZ" at position 1: \\x takes two hex digits/);
	assert.match(keyTextProblem(String.raw`/ab/\x4`)!, /bad escape "\\x4" at position 5/);
	assert.match(keyTextProblem(String.raw`日本\x`)!, /at position 3/);
	assert.match(keyTextProblem('\\x\u001B[')!, /"\\x\\x1b\[" at position 1/);
});
