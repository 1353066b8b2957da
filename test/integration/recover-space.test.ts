import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Etcd3} from 'etcd3';
import {waitFor} from '../../source/demo/wait-for.ts';
import {leaderFirstNames, startClusterForFile} from '../support/cluster.ts';
import {runCli} from '../support/run-cli.ts';
import {strictClient} from '../support/maintenance-fixtures.ts';

// A 1 MiB quota: a dozen 60 kB values raise NOSPACE (see ETCD-FACTS.md).
const cluster = startClusterForFile({voters: 3, etcdArgs: ['--quota-backend-bytes=1048576']});
let strict: Etcd3 | undefined;
const client = () => (strict ??= strictClient(cluster()));

after(() => {
	strict?.close();
});

const value = 'v'.repeat(60_000);

/** Writes until etcd refuses with NOSPACE; `key` names each write's key. */
async function fillToNospace(key: (index: number) => string): Promise<void> {
	for (let index = 0; index < 200; index++) {
		try {
			await client().put(key(index)).value(value);
		} catch (error) {
			assert.match(String(error), /database space exceeded/);
			return;
		}
	}

	assert.fail('200 puts of 60 kB did not fill a 1 MiB quota');
}

async function alarmList(): Promise<string> {
	return (await cluster().etcdctl(['alarm', 'list'])).trim();
}

void test('overwritten history fills the quota: recover-space compacts, defragments every member, disarms; alarm list is empty and put works again; exit 0', async () => {
	await fillToNospace(() => '/history/one-key');
	await waitFor('etcdctl alarm list to show NOSPACE', async () => /alarm:NOSPACE/.test(await alarmList()));
	await assert.rejects(cluster().etcdctl(['put', '/after', 'x']), /database space exceeded/);

	const result = await runCli(['recover-space', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
	const lines = result.stdout;
	for (const step of [/compact: succeeded/, /defragment m\d: succeeded.*DB .* → /, /disarm NOSPACE: succeeded/, new RegExp(`verify NOSPACE is gone: succeeded .*no NOSPACE in the Status of ${await leaderFirstNames(cluster())}`)]) {
		assert.match(lines, step);
	}

	assert.equal((lines.match(/defragment m\d( \(it led\))?: succeeded/g) ?? []).length, 3, lines);
	assert.match(lines, /\$ etcdctl --endpoints=\S+ alarm disarm/, 'the etcdctl equivalent of each step is printed');
	assert.equal(await alarmList(), '', 'etcdctl alarm list is empty');
	await cluster().etcdctl(['put', '/after', 'x']);
	assert.equal((await cluster().etcdctl(['get', '/after', '--print-value-only'])).trim(), 'x');
});

void test('keys that really fill the quota: recover-space compacts and defragments but does not disarm (it would only fill again); exit 1. Once keys are deleted, it recovers; exit 0', async () => {
	await fillToNospace(index => `/full/${index}`);
	await waitFor('etcdctl alarm list to show NOSPACE', async () => /alarm:NOSPACE/.test(await alarmList()));

	const full = await runCli(['recover-space', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(full.code, 1, `${full.stdout}\n${full.stderr}`);
	assert.match(full.stdout, /disarm NOSPACE: refused .*the DB is still at or above 90\.0% of its quota/);
	assert.match(full.stderr, /failed: disarm refused: .*delete keys or raise --quota-backend-bytes/);
	assert.match(await alarmList(), /alarm:NOSPACE/, 'the alarm stays');

	// Deleting is allowed under NOSPACE; it frees nothing until compaction and defragmentation.
	await cluster().etcdctl(['del', '/full/', '--prefix']);
	const recovered = await runCli(['recover-space', '--endpoints', cluster().endpoints[2]!]);
	assert.equal(recovered.code, 0, `${recovered.stdout}\n${recovered.stderr}`);
	assert.equal(await alarmList(), '');
	await cluster().etcdctl(['put', '/after', 'again']);
});

void test('recover-space with no NOSPACE alarm says so and changes nothing; exit 0', async () => {
	const result = await runCli(['recover-space', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /done: no NOSPACE alarm is active: nothing to recover/);
	assert.doesNotMatch(result.stdout, /compact|defragment/);
});
