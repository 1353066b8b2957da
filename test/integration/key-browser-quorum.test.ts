import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';

let started: LocalCluster | undefined;
const separator = Buffer.from('/');

before(async () => {
	started = await LocalCluster.start({voters: 3});
	await started.putKeys([['/app/a', '1'], ['/app/b', '2']]);
}, {timeout: 90_000});

after(async () => {
	await started?.stop();
});

void test('without quorum, reads fall back to serializable ones from a member still up, labelled with why; with quorum back, linearizable again', async () => {
	assert.ok(started);
	const cluster = started;
	const survivor = cluster.member('m3').clientUrl;
	// Seeded with a dead member first: it is skipped for the next one.
	const browser = new KeyBrowserService({endpoints: [cluster.member('m1').clientUrl, survivor], timeoutMs: 1500}, {linearizableRetryMs: 0});
	try {
		const healthy = await browser.page({prefix: Buffer.from('/app/'), filter: Buffer.alloc(0)}, separator, {from: 'start'}, 10);
		assert.ok(healthy.ok && healthy.read.mode === 'linearizable');

		await cluster.kill('m1');
		await cluster.kill('m2');
		const stale = await browser.page({prefix: Buffer.from('/app/'), filter: Buffer.alloc(0)}, separator, {from: 'start'}, 10);
		assert.ok(stale.ok, stale.ok ? '' : stale.error);
		assert.deepEqual(stale.value.entries.map(entry => entry.bytes.toString()), ['/app/a', '/app/b']);
		assert.equal(stale.read.mode, 'serializable');
		assert.equal(stale.read.endpoint, survivor);
		assert.match(stale.read.mode === 'serializable' ? stale.read.reason : '', /^linearizable reads need quorum and failed \(.+no answer within 1500 ms.+\): serializable reads from http:\/\/127\.0\.0\.1:\d+, possibly stale$/);

		await cluster.ensureRunning('m1', 'm2');
		// A leader has to be elected first: until then reads stay serializable.
		const back = await waitFor('a linearizable read again', async () => {
			const read = await browser.count(Buffer.from('/app/'));
			return read.ok && read.read.mode === 'linearizable' ? read : undefined;
		}, {timeoutMs: 30_000, intervalMs: 200});
		assert.equal(back.value, 2);
	} finally {
		browser.close();
		await cluster.ensureRunning('m1', 'm2');
	}
});

void test('told that quorum is back, the browser reads linearizable at once instead of after its retry interval', async () => {
	assert.ok(started);
	const cluster = started;
	const survivor = cluster.member('m3').clientUrl;
	// Retried only every ten minutes by itself: only quorumRestored() can make the next read linearizable.
	const browser = new KeyBrowserService({endpoints: [survivor], timeoutMs: 1500}, {linearizableRetryMs: 600_000});
	const probe = new KeyBrowserService({endpoints: [survivor], timeoutMs: 1500}, {linearizableRetryMs: 0});
	try {
		await cluster.kill('m1');
		await cluster.kill('m2');
		const stale = await browser.count(Buffer.from('/app/'));
		assert.ok(stale.ok && stale.read.mode === 'serializable', JSON.stringify(stale));

		await cluster.ensureRunning('m1', 'm2');
		await waitFor('a leader again', async () => {
			const read = await probe.count(Buffer.from('/app/'));
			return read.ok && read.read.mode === 'linearizable' ? read : undefined;
		}, {timeoutMs: 30_000, intervalMs: 200});
		const remembered = await browser.count(Buffer.from('/app/'));
		assert.ok(remembered.ok && remembered.read.mode === 'serializable', 'without being told, it still reads serializable');

		browser.quorumRestored();
		const back = await browser.count(Buffer.from('/app/'));
		assert.ok(back.ok && back.read.mode === 'linearizable', JSON.stringify(back));
		assert.equal(back.value, 2);
	} finally {
		browser.close();
		probe.close();
		await cluster.ensureRunning('m1', 'm2');
	}
});
