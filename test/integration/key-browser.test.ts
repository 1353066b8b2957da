import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import type {KeyChange} from '../../source/cluster/key-browser/key-types.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {afterEntry, type LevelAddress, type LevelEntry} from '../../source/cluster/key-range.ts';
import {escapeKey, unescapeKey} from '../../source/model/shared/key-text.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {parseEtcdJson} from '../support/etcd-json.ts';
import {seedKeys} from '../support/seed-keys.ts';

let started: LocalCluster | undefined;
function cluster(): LocalCluster {
	assert.ok(started, 'the test cluster has not started');
	return started;
}

const separator = Buffer.from('/');
const leafCount = 100_000;
const groupCount = 40;
const groupedCount = 100_000;
/** Not UTF-8: 0xFF never appears in UTF-8, 0xC3 0x28 is a broken sequence, and 0x01 is a control byte. */
const oddKey = Buffer.concat([Buffer.from('/app/bin/'), Buffer.from([0xFF, 0xC3, 0x28, 0x01]), Buffer.from('\\end')]);
const oddValue = Buffer.from([0x00, 0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x80, 0x7F]);

function level(prefix: string, filter = ''): LevelAddress {
	return {prefix: Buffer.from(prefix), filter: Buffer.from(filter)};
}

function leafName(index: number): string {
	return `/app/leaves/k${String(index).padStart(6, '0')}`;
}

function groupedName(index: number): string {
	return `/app/groups/g${String(index % groupCount).padStart(2, '0')}/s${index % 7}/k${index}`;
}

/** `etcdctl get --prefix --keys-only -w json`'s count (etcdctl 3.4 has no --count-only). */
async function etcdctlCount(prefix: string): Promise<number> {
	const output = await cluster().etcdctl(['get', prefix, '--prefix', '--keys-only', '-w', 'json']);
	return parseEtcdJson<{count?: number}>(output).count ?? 0;
}

function withService<T>(work: (service: KeyBrowserService) => Promise<T>): Promise<T> {
	const service = new KeyBrowserService({endpoints: cluster().endpoints, timeoutMs: 5000});
	return work(service).finally(() => {
		service.close();
	});
}

async function pageOf(service: KeyBrowserService, at: LevelAddress, request: Parameters<KeyBrowserService['page']>[2], limit: number) {
	const result = await service.page(at, separator, request, limit);
	assert.ok(result.ok, result.ok ? '' : result.error);
	return result;
}

// One hook starts and seeds: node:test does not wait for one root-level before hook to end before the next.
before(async () => {
	started = await LocalCluster.start({voters: 1});
	const entries: Array<[string | Buffer, string | Buffer]> = [];
	for (let index = 0; index < leafCount; index++) {
		entries.push([leafName(index), `{"n":${index}}`]);
	}

	for (let index = 0; index < groupedCount; index++) {
		entries.push([groupedName(index), 'v']);
	}

	entries.push(
		['/app/config/props', '{"name":"deephaven","queries":[1,2],"id":12345678901234567890,"nested":{"ok":true,"none":null}}'],
		[oddKey, oddValue],
		['plain-key', 'x'],
	);
	await seedKeys(cluster().endpoints[0]!, entries);
}, {timeout: 180_000});

after(async () => {
	await started?.stop();
});

void test('counts from count-only ranges match etcdctl get --prefix --keys-only -w json, at every level tried', async () => {
	await withService(async service => {
		for (const prefix of ['/app/', '/app/leaves/', '/app/groups/', '/app/groups/g07/', '/app/groups/g07/s3/', '/nothing/']) {
			const counted = await service.count(Buffer.from(prefix));
			assert.ok(counted.ok, counted.ok ? '' : counted.error);
			assert.equal(counted.value, await etcdctlCount(prefix), `count of ${prefix}`);
			assert.equal(counted.read.mode, 'linearizable');
		}
	});
});

void test('a level lists its child prefixes once each, with counts that add up, in key order', async (t) => {
	await withService(async service => {
		const started = performance.now();
		const top = await pageOf(service, level('/app/'), {from: 'start'}, 100);
		t.diagnostic(`first page of /app/ (200,002 keys under it): ${(performance.now() - started).toFixed(0)} ms`);
		assert.deepEqual(top.value.entries.map(entry => `${entry.kind}:${escapeKey(entry.bytes)}`), [
			'prefix:/app/bin/', 'prefix:/app/config/', 'prefix:/app/groups/', 'prefix:/app/leaves/',
		]);
		assert.equal(top.value.more, false);

		const groups = await pageOf(service, level('/app/groups/'), {from: 'start'}, 100);
		assert.equal(groups.value.entries.length, groupCount);
		assert.ok(groups.value.entries.every(entry => entry.kind === 'prefix'));
		let sum = 0;
		for (const entry of groups.value.entries) {
			const counted = await service.count(entry.bytes);
			assert.ok(counted.ok);
			sum += counted.value;
		}

		assert.equal(sum, await etcdctlCount('/app/groups/'));
		const filtered = await pageOf(service, level('/app/groups/', 'g1'), {from: 'start'}, 100);
		assert.deepEqual(filtered.value.entries.map(entry => escapeKey(entry.bytes)), Array.from({length: 10}, (_, index) => `/app/groups/g1${index}/`));
	});
});

void test('paging 100,000 keys of one level reaches the last key, a page at a time; the last page and the page before a key read back the same rows', async (t) => {
	await withService(async service => {
		const at = level('/app/leaves/');
		const started = performance.now();
		let page = await pageOf(service, at, {from: 'start'}, 100);
		t.diagnostic(`first page of /app/leaves/ (100,000 keys): ${(performance.now() - started).toFixed(0)} ms`);
		let seen = page.value.entries.length;
		let last: LevelEntry = page.value.entries.at(-1)!;
		while (page.value.more) {
			page = await pageOf(service, at, {from: 'at', cursor: afterEntry(last)}, 500);
			seen += page.value.entries.length;
			last = page.value.entries.at(-1)!;
		}

		t.diagnostic(`paged through 100,000 keys in ${(performance.now() - started).toFixed(0)} ms`);
		assert.equal(seen, leafCount);
		assert.equal(escapeKey(last.bytes), leafName(leafCount - 1));

		const end = await pageOf(service, at, {from: 'end'}, 100);
		assert.equal(escapeKey(end.value.entries.at(-1)!.bytes), leafName(leafCount - 1));
		assert.equal(escapeKey(end.value.entries[0]!.bytes), leafName(leafCount - 100));
		assert.equal(end.value.more, true);
		const before = await pageOf(service, at, {from: 'before', cursor: end.value.entries[0]!.bytes}, 3);
		assert.deepEqual(before.value.entries.map(entry => escapeKey(entry.bytes)), [leafName(leafCount - 103), leafName(leafCount - 102), leafName(leafCount - 101)]);
	});
});

void test('a key that is not UTF-8 is listed escaped, and its escaped name opens the same bytes with the binary value intact', async () => {
	await withService(async service => {
		const page = await pageOf(service, level('/app/bin/'), {from: 'start'}, 10);
		assert.equal(page.value.entries.length, 1);
		const shown = escapeKey(page.value.entries[0]!.bytes);
		assert.equal(shown, '/app/bin/\\xff\\xc3(\\x01\\\\end');
		assert.deepEqual(unescapeKey(shown), oddKey);
		const opened = await service.get(unescapeKey(shown));
		assert.ok(opened.ok && opened.value !== undefined);
		assert.deepEqual(opened.value.value, oddValue);
		assert.deepEqual(opened.value.key, oddKey);
		assert.equal(opened.value.version, '1');
	});
});

void test('the start prefix is the top of the key space when some keys do not start with the separator', async () => {
	await withService(async service => {
		assert.deepEqual(await service.defaultStartPrefix(separator), Buffer.alloc(0));
		const top = await pageOf(service, level(''), {from: 'start'}, 10);
		assert.deepEqual(top.value.entries.map(entry => `${entry.kind}:${escapeKey(entry.bytes)}`), ['prefix:/', 'key:plain-key']);
	});
});

void test('a watch on an opened key and one on its level see a change etcdctl makes after the read, with revision and value', async () => {
	await withService(async service => {
		const key = Buffer.from('/app/config/props');
		const opened = await service.get(key);
		assert.ok(opened.ok && opened.value !== undefined);
		const keyChanges: KeyChange[] = [];
		const levelChanges: KeyChange[] = [];
		const troubles: Array<string | undefined> = [];
		const stopKey = service.watch(key, undefined, opened.revision, {onChange: change => keyChanges.push(change), onTrouble: message => troubles.push(message)});
		const stopLevel = service.watch(Buffer.from('/app/config/'), Buffer.from('/app/config0'), opened.revision, {onChange: change => levelChanges.push(change), onTrouble: message => troubles.push(message)});
		try {
			await cluster().etcdctl(['put', '/app/config/props', '{"name":"changed"}']);
			await cluster().etcdctl(['put', '/app/config/new-key', 'x']);
			const change = await waitFor('the key watch to see the put', () => keyChanges[0], {timeoutMs: 10_000});
			assert.equal(change.kind, 'put');
			assert.equal(change.created, false);
			assert.equal(change.record?.value.toString(), '{"name":"changed"}');
			assert.equal(BigInt(change.revision) > BigInt(opened.value.modRevision), true);
			await waitFor('the level watch to see both puts', () => (levelChanges.length >= 2 ? true : undefined), {timeoutMs: 10_000});
			assert.deepEqual(levelChanges.map(seen => [seen.key.toString(), seen.created]), [['/app/config/props', false], ['/app/config/new-key', true]]);
			assert.deepEqual(troubles.filter(message => message !== undefined), []);
		} finally {
			stopKey();
			stopLevel();
		}
	});
});
