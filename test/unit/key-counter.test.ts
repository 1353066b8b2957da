import {test} from 'node:test';
import assert from 'node:assert/strict';
import {countKeysByPrefix, keyCountLimits, type KeyCountReader} from '../../source/cluster/key-counter.ts';

/** The reads etcd would answer, over keys held in memory: the counting logic without a cluster (integration tests use etcd). */
function memoryReader(keys: readonly string[]): KeyCountReader {
	const sorted = keys.map(key => Buffer.from(key)).sort((a, b) => Buffer.compare(a, b));
	return {
		keys: async ({start, end, limit, descending}) => {
			const inRange = sorted.filter(key => Buffer.compare(key, start) >= 0 && (end.length === 0 || Buffer.compare(key, end) < 0));
			return Promise.resolve((descending ? inRange.reverse() : inRange).slice(0, limit));
		},
		count: async prefix => Promise.resolve(sorted.filter(key => key.subarray(0, prefix.length).equals(prefix)).length),
	};
}

const slash = Buffer.from('/');

test('no shared level: the root is the top, and the top-level prefixes are counted with their children', async () => {
	const counts = await countKeysByPrefix(memoryReader(['/registry/pods/a', '/registry/pods/b', '/registry/svc/c', 'loose', 'other/x']), slash, 9);
	assert.equal(counts.root, '');
	assert.deepEqual(counts.prefixes, [
		{prefix: '/', keys: 3, depth: 1},
		{prefix: '/registry/', keys: 3, depth: 2},
		{prefix: 'other/', keys: 1, depth: 1},
	]);
	assert.equal(counts.totalKeys, 5);
	assert.deepEqual(counts.cutShort, []);
});

test('an empty key space counts nothing and says so', async () => {
	assert.deepEqual(await countKeysByPrefix(memoryReader([]), slash, 1), {revision: 1, separator: '/', root: '', totalKeys: 0, prefixes: [], cutShort: []});
});

test('a key space wider than the limits is counted in part, within the total budget, and the cut levels are named', async () => {
	const keys: string[] = [];
	for (let top = 0; top < 12; top++) {
		for (let child = 0; child < keyCountLimits.perPrefix + 5; child++) {
			keys.push(`/main/t${String(top).padStart(2, '0')}/c${String(child).padStart(3, '0')}/k`);
		}
	}

	const reader = memoryReader(keys);
	const counts = await countKeysByPrefix(reader, slash, 3);
	assert.equal(counts.root, '/main/');
	assert.equal(counts.totalKeys, keys.length);
	assert.equal(counts.prefixes.filter(entry => entry.depth === 1).length, 12, 'every top-level prefix is counted');
	assert.ok(counts.prefixes.length <= keyCountLimits.total, `${counts.prefixes.length} prefixes at most ${keyCountLimits.total}`);
	assert.equal(counts.prefixes.length, keyCountLimits.total);
	assert.equal(counts.prefixes.filter(entry => entry.prefix.startsWith('/main/t00/') && entry.depth === 2).length, keyCountLimits.perPrefix);
	assert.deepEqual(counts.cutShort, Array.from({length: 12}, (_, top) => `/main/t${String(top).padStart(2, '0')}/`));
	assert.ok(counts.prefixes.every(entry => entry.keys === (entry.depth === 1 ? keyCountLimits.perPrefix + 5 : 1)));
});
