import {test} from 'node:test';
import assert from 'node:assert/strict';
import {walkForward, type KeyRangeQuery} from '../../source/cluster/key-browser/level-walker.ts';
import {beforeEnd} from '../../source/cluster/key-range.ts';

/** A sorted key space read as etcd reads it, recording how many keys each request's range held (what etcd walks). */
function keySpace(keys: string[]) {
	const sorted = keys.map(key => Buffer.from(key)).sort((a, b) => Buffer.compare(a, b));
	const walked: number[] = [];
	const read = async (query: KeyRangeQuery): Promise<Buffer[]> => {
		const inRange = sorted.filter(key => Buffer.compare(key, query.start) >= 0 && beforeEnd(key, query.end));
		walked.push(inRange.length);
		return Promise.resolve((query.descending ? inRange.reverse() : inRange).slice(0, query.limit));
	};

	return {read, walked};
}

const separator = Buffer.from('/');
const level = {prefix: Buffer.from('/bench/'), filter: Buffer.alloc(0)};
const names = Array.from({length: 20_000}, (_, index) => `/bench/k${String(index).padStart(7, '0')}`);

void test('without a hint the first page asks for the whole level; the walk above remembers each prefix\'s first key', async () => {
	const space = keySpace([...names, '/other/x']);
	const remembered = new Map<string, string>();
	const top = await walkForward(space.read, {prefix: Buffer.from('/'), filter: Buffer.alloc(0)}, separator, Buffer.from('/'), 10, {remember: (prefix, key) => remembered.set(prefix.toString(), key.toString())});
	assert.deepEqual(top.entries.map(entry => entry.bytes.toString()), ['/bench/', '/other/']);
	assert.deepEqual(Object.fromEntries(remembered), {'/': '/bench/k0000000', '/bench/': '/bench/k0000000', '/other/': '/other/x'});

	const cold = keySpace(names);
	await walkForward(cold.read, level, separator, level.prefix, 100);
	assert.equal(cold.walked[0], names.length);
});

void test('with the level\'s first key as a hint, the first page is the same and no request covers more than a page of keys', async () => {
	const space = keySpace(names);
	const page = await walkForward(space.read, level, separator, level.prefix, 100, {firstKey: Buffer.from(names[0]!)});
	assert.deepEqual(page.entries.map(entry => entry.bytes.toString()), names.slice(0, 100));
	assert.equal(page.more, true);
	assert.equal(space.walked[0], 0, 'first: is anything before the hint');
	assert.ok(Math.max(...space.walked) <= 1000, `ranges walked: ${space.walked.join(', ')}`);
});

void test('keys created before the hinted key since it was seen are on the page', async () => {
	const space = keySpace(['/bench/a0', '/bench/a1', ...names]);
	const page = await walkForward(space.read, level, separator, level.prefix, 5, {firstKey: Buffer.from(names[0]!)});
	assert.deepEqual(page.entries.map(entry => entry.bytes.toString()), ['/bench/a0', '/bench/a1', ...names.slice(0, 3)]);
});

void test('a hinted key deleted since is simply not on the page', async () => {
	const space = keySpace(names.slice(1));
	const page = await walkForward(space.read, level, separator, level.prefix, 3, {firstKey: Buffer.from(names[0]!)});
	assert.deepEqual(page.entries.map(entry => entry.bytes.toString()), names.slice(1, 4));
});
