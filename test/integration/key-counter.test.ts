import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createEndpointClient} from '../../source/cluster/etcd-client.ts';
import {countKeysByPrefix, keyCountLimits, keyCountReader} from '../../source/cluster/key-counter.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {deephavenKeys} from '../support/deephaven-keys.ts';
import {seedKeys} from '../support/seed-keys.ts';

const cluster = startClusterForFile({voters: 1});
const separator = Buffer.from('/');

async function counts(revision?: number) {
	const endpoint = cluster().endpoints[0]!;
	const client = createEndpointClient(endpoint, {endpoints: [endpoint], timeoutMs: 5000});
	try {
		const current = Number((await client.kv.range({key: Buffer.from([0]), range_end: Buffer.from([0]), count_only: true})).header.revision);
		const at = revision ?? current;
		return {current, counts: await countKeysByPrefix(keyCountReader(client, {revision: at, serializable: true, timeoutMs: 5000}), separator, at)};
	} finally {
		client.close();
	}
}

test('counts a Deephaven-like key space below its shared root, two levels deep, as of a past revision', {timeout: 120_000}, async () => {
	const {entries, perPrefix} = deephavenKeys(3000);
	const endpoint = cluster().endpoints[0]!;
	await seedKeys(endpoint, entries);
	// Keys that are not printable UTF-8 are recorded escaped, as the Keys pane shows them.
	await seedKeys(endpoint, [[Buffer.from('/main/bin\xff/a', 'latin1'), 'x'], [Buffer.from('/main/bin\xff/b', 'latin1'), 'y'], ['/main/loose-key', 'z']]);
	const before = await counts();
	await seedKeys(endpoint, [['/main/config/props/added-later.prop', 'x'], ['/main/new-prefix/k', 'y']]);
	const {counts: recorded} = await counts(before.current);

	assert.equal(recorded.revision, before.current);
	assert.equal(recorded.root, '/main/');
	assert.equal(recorded.totalKeys, 3003, 'as of the revision given: the later keys are not counted');
	const byPrefix = new Map(recorded.prefixes.map(entry => [entry.prefix, entry]));
	assert.equal(byPrefix.get('/main/config/props/')?.keys, perPrefix.get('/main/config/props/'));
	assert.equal(byPrefix.get('/main/config/props/')?.depth, 2);
	assert.equal(byPrefix.get('/main/config/')?.keys, perPrefix.get('/main/config/'));
	assert.equal(byPrefix.get('/main/schema/')?.keys, perPrefix.get('/main/schema/'));
	assert.equal(byPrefix.get('/main/bin\\xff/')?.keys, 2);
	assert.equal(byPrefix.has('/main/new-prefix/'), false);
	assert.equal(byPrefix.has('/main/loose-key'), false, 'a key is not a prefix');
	assert.deepEqual(recorded.prefixes.map(entry => entry.prefix), [...recorded.prefixes.map(entry => entry.prefix)].sort(), 'in key order');
	// /main/pq/ holds far more persistent queries than are counted one by one.
	assert.equal(recorded.prefixes.filter(entry => entry.prefix.startsWith('/main/pq/') && entry.depth === 2).length, keyCountLimits.perPrefix);
	assert.deepEqual(recorded.cutShort, ['/main/pq/']);
	assert.equal(byPrefix.get('/main/pq/')?.keys, perPrefix.get('/main/pq/'), 'the prefix itself is counted whole');

	const now = await counts();
	assert.equal(now.counts.totalKeys, 3005);
	assert.equal(new Map(now.counts.prefixes.map(entry => [entry.prefix, entry.keys])).get('/main/new-prefix/'), 1);
});
