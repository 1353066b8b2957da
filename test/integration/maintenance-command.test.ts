import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Etcd3} from 'etcd3';
import {waitFor} from '../../source/demo/wait-for.ts';
import {leaderOf, startClusterForFile} from '../support/cluster.ts';
import {parseEtcdJson} from '../support/etcd-json.ts';
import {runCli} from '../support/run-cli.ts';
import {churn, dbSizes, defragCount, ParallelReader, strictClient} from '../support/maintenance-fixtures.ts';

// The tests run in order on one cluster: defragment after churn, then the gate with a member stopped.
const cluster = startClusterForFile({voters: 3});
let strict: Etcd3 | undefined;
/** Made on first use: the cluster starts in a hook of its own. */
const client = () => (strict ??= strictClient(cluster()));

after(() => {
	strict?.close();
});

/** Lines of a command's stdout without their UTC time stamps. */
function steps(stdout: string): string[] {
	return stdout.trim().split('\n').map(line => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /, ''));
}

interface HashKvJson {
	Endpoint: string;
	HashKV: {hash: number; compact_revision: number; header: {revision: number}};
}

void test('check on a healthy cluster: consistent, with the revision it hashed and the hash etcdctl endpoint hashkv gives at it; exit 0', async () => {
	await client().put('/check/a').value('1');
	const result = await runCli(['check', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
	// Members are named leader first, and any of the three may lead.
	const verdict = /consistent: (?:m[123], ){2}m[123] have hash (\d+) at revision (\d+)/.exec(result.stdout);
	assert.ok(verdict, result.stdout);
	const [, hash, revision] = verdict;
	const etcdctl = parseEtcdJson<HashKvJson[]>(await cluster().etcdctl(['endpoint', 'hashkv', `--rev=${revision}`, '-w', 'json'], {endpoints: cluster().voterEndpoints}));
	assert.deepEqual(etcdctl.map(entry => String(entry.HashKV.hash)), [hash, hash, hash], 'etcdctl hashes the same at that revision');
	assert.match(result.stdout, new RegExp(`\\$ etcdctl --endpoints=\\S+ endpoint hashkv --rev=${revision}`), 'the etcdctl equivalent names the revision');
});

void test('defrag --compact after churn: every member\'s DB size falls (etcdctl endpoint status), the leader goes last, keys are served throughout; exit 0', async () => {
	await churn(client());
	await client().put('/served').value('yes');
	const before = await dbSizes(cluster());
	const leader = await leaderOf(cluster());
	const reader = new ParallelReader(client(), '/served');
	const result = await runCli(['defrag', '--compact', '--keep-revisions', '0', '--endpoints', cluster().endpoints[1]!]);
	const reads = await reader.stop();
	assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);

	const lines = steps(result.stdout);
	const defragmented = lines.map(line => /^defragment (m\d)( \(it led\))?: succeeded/.exec(line)).filter(match => match !== null);
	assert.deepEqual(defragmented.map(match => match[1]).sort(), ['m1', 'm2', 'm3'], lines.join('\n'));
	assert.equal(defragmented.at(-1)![1], leader.name, 'the leader is defragmented last');
	assert.deepEqual(defragmented.map(match => match[2] !== undefined), [false, false, true], 'only the last one led when its turn came');
	assert.ok(lines.some(line => /^compact: succeeded/.test(line)), lines.join('\n'));
	assert.ok(lines.filter(line => /^gate before m\d: passed/.test(line)).length >= 3, 'a gate before every member');

	const afterSizes = await dbSizes(cluster());
	for (const [endpoint, size] of before) {
		assert.ok(afterSizes.get(endpoint)! < size / 2, `${endpoint}: DB ${size} → ${afterSizes.get(endpoint)}`);
	}

	assert.deepEqual(reads.failures, [], 'no read failed while the members were defragmented one by one');
	assert.ok(reads.reads > 0);
});

void test('defrag --dry-run prints the plan and changes nothing; exit 0', async () => {
	const counts = await Promise.all(cluster().endpoints.map(async endpoint => defragCount(endpoint)));
	const result = await runCli(['defrag', '--dry-run', '--all', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /plan: defragment 3 members one at a time \(learners first, the leader last\)/);
	assert.match(result.stdout, /dry run: 3 members would be defragmented; nothing changed/);
	assert.deepEqual(await Promise.all(cluster().endpoints.map(async endpoint => defragCount(endpoint))), counts);
});

void test('a member stopped with SIGSTOP: the gate refuses before the first member, nothing is defragmented; defrag exits 2, check exits 1', async () => {
	const stopped = cluster().member('m3');
	const running = cluster().members.filter(member => member !== stopped);
	const counts = await Promise.all(running.map(async member => defragCount(member.clientUrl)));
	cluster().signal('m3', 'SIGSTOP');
	try {
		const result = await runCli(['defrag', '--all', '--endpoints', running[0]!.clientUrl]);
		assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
		assert.match(result.stdout, /gate before m\d: REFUSED: m3 does not answer: /);
		assert.match(result.stderr, /refused: stopped before m\d: m3 does not answer: .*; nothing defragmented/);
		assert.doesNotMatch(result.stdout, /^\S+ defragment m\d/m, 'no defragment was started');
		assert.deepEqual(await Promise.all(running.map(async member => defragCount(member.clientUrl))), counts, 'etcd counted no defragment on the running members');

		const check = await runCli(['check', '--endpoints', running[0]!.clientUrl]);
		assert.equal(check.code, 1, `${check.stdout}\n${check.stderr}`);
		assert.match(check.stderr, /not compared: m3 gave no hash at revision \d+/);
	} finally {
		cluster().signal('m3', 'SIGCONT');
	}

	await waitFor('m3 to answer again', async () => cluster().etcdctl(['endpoint', 'health'], {endpoints: [stopped.clientUrl], timeoutMs: 5000}));
});

void test('bad input is refused by name before anything is asked; exit 2', async () => {
	const misplaced = await runCli(['check', '--all', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(misplaced.code, 2);
	assert.match(misplaced.stderr, /--all only applies to "etcdeck defrag"/);
	const keep = await runCli(['defrag', '--keep-revisions', '5', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(keep.code, 2);
	assert.match(keep.stderr, /--keep-revisions only applies with --compact/);
	const operand = await runCli(['recover-space', 'now', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(operand.code, 2);
	assert.match(operand.stderr, /"etcdeck recover-space" takes no operands/);
});
