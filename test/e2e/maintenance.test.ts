import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Etcd3} from 'etcd3';
import {waitFor} from '../../source/demo/wait-for.ts';
import {leaderFirstNames, leaderOf, startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {churn, dbSizes, defragCount, ParallelReader, strictClient} from '../support/maintenance-fixtures.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

// In order on one cluster and one dashboard: :check, then :defrag after churn, then the gate with a member stopped.
const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 120, rows: 40});
let strict: Etcd3 | undefined;
const client = () => (strict ??= strictClient(cluster()));

after(() => {
	strict?.close();
});

async function openDashboard(): Promise<void> {
	const etcd = cluster();
	await terminal().type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500 --keep-revisions 0; echo "etcdeck exited with $?"`);
	await terminal().waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
	await terminal().press(chordFor('db'));
	await terminal().waitForScreen('the DB pane', text => /NAME +DB SIZE +IN USE +RECLAIMABLE +QUOTA/.test(text));
}

/** The action-log lines of defragments, oldest first (the log draws newest first). */
function defragmentedInLog(screen: string): string[] {
	return screen.split('\n').map(line => / defrag (m\d) +succeeded/.exec(line)?.[1]).filter((name): name is string => name !== undefined).reverse();
}

void test('H: every member\'s HashKV at one revision, consistent', {timeout: 60_000}, async () => {
	await client().put('/check/a').value('1');
	await openDashboard();
	await terminal().press(chordFor('check'));
	const members = await leaderFirstNames(cluster());
	await terminal().waitForScreen('the verdict', text => new RegExp(`consistent: ${members} have hash \\d+ at revision \\d+`).test(text));
	await terminal().press(chordFor('maintenance-dismiss', 'maintenance-job'));
	await terminal().waitForScreen('the box to close', text => !text.includes('Consistency check (HashKV)'));
});

void test('D after churn: the plan, then one member at a time, the leader last; every DB shrinks (etcdctl endpoint status) and keys are served throughout', {timeout: 180_000}, async () => {
	await churn(client());
	await client().put('/served').value('yes');
	const before = await dbSizes(cluster());
	const leader = await leaderOf(cluster());
	await terminal().press(chordFor('defrag'));
	await terminal().waitForScreen('the plan', text => text.includes('a every member: off'));
	await terminal().press(chordFor('maintenance-toggle-all', 'maintenance-confirm'));
	await terminal().press(chordFor('maintenance-toggle-compact', 'maintenance-confirm'));
	await terminal().waitForScreen('the choices', text => text.includes('a every member: on · c compact first: on'));
	const reader = new ParallelReader(client(), '/served');
	await terminal().press(chordFor('maintenance-start', 'maintenance-confirm'));
	const done = await terminal().waitForScreen('the defragment to finish', text => text.includes('done: defragmented 3 members, the leader last'), 120_000);
	const reads = await reader.stop();
	assert.match(done, /Defragment: done · 3 of 3 defragmented/);
	assert.match(done, /✔ compact /);
	assert.match(done, new RegExp(`✔ defragment ${leader.name} \\(it led\\) `), 'the leader went last, and led when its turn came');

	const afterSizes = await dbSizes(cluster());
	for (const [endpoint, size] of before) {
		assert.ok(afterSizes.get(endpoint)! < size / 2, `${endpoint}: DB ${size} → ${afterSizes.get(endpoint)}`);
	}

	assert.deepEqual(reads.failures, [], 'no read failed while the members were defragmented one by one');
	assert.ok(reads.reads > 0);

	await terminal().press(chordFor('maintenance-dismiss', 'maintenance-job'));
	await terminal().press(chordFor('toggle-action-log'));
	const log = await terminal().waitForScreen('the action log', text => defragmentedInLog(text).length === 3);
	assert.equal(defragmentedInLog(log).at(-1), leader.name, 'the action log has the leader last');
	assert.match(log, /\$ etcdctl --endpoints=http:\/\/127\.0\.0\.1:\d+ defrag/);
	assert.match(log, /\$ etcdctl --endpoints=http:\/\/127\.0\.0\.1:\d+ compact \d+ --physical/);
	await terminal().press(chordFor('close', 'action-log'));
});

void test('a member stopped with SIGSTOP: the gate refuses before the first member and nothing is defragmented', {timeout: 120_000}, async () => {
	const stopped = cluster().member('m3');
	const running = cluster().members.filter(member => member !== stopped);
	const counts = await Promise.all(running.map(async member => defragCount(member.clientUrl)));
	cluster().signal('m3', 'SIGSTOP');
	try {
		await terminal().press(chordFor('defrag'));
		await terminal().waitForScreen('the plan', text => text.includes('a every member: off'));
		await terminal().press(chordFor('maintenance-toggle-all', 'maintenance-confirm'));
		await terminal().waitForScreen('every member in the plan', text => text.includes('Defragment 3 members one at a time, the leader last?'));
		await terminal().press(chordFor('maintenance-start', 'maintenance-confirm'));
		const refused = await terminal().waitForScreen('the refusal', text => /Defragment: refused/.test(text), 60_000);
		assert.match(refused, /m3 does not answer/);
		assert.match(refused, /0 of 3 defragmented/);
		assert.deepEqual(await Promise.all(running.map(async member => defragCount(member.clientUrl))), counts, 'etcd counted no defragment on the running members');
	} finally {
		cluster().signal('m3', 'SIGCONT');
	}

	await waitFor('m3 to answer again', async () => cluster().etcdctl(['endpoint', 'health'], {endpoints: [stopped.clientUrl], timeoutMs: 5000}));
	await terminal().press(chordFor('maintenance-dismiss', 'maintenance-job'));
	await terminal().press(chordFor('quit'));
	await terminal().waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
