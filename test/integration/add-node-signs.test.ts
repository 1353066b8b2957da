import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {closeSync, openSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {etcdProgram} from '../../source/demo/etcd-binaries.ts';
import {freePorts} from '../../source/backup/free-ports.ts';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {initialLogViewState, logViewReducer} from '../../source/model/logs/log-view.ts';
import type {TroubleKind} from '../../source/model/logs/log-trouble.ts';
import {recurringTroubleWarnings} from '../../source/model/logs/trouble-counts.ts';
import {startClusterForFile} from '../support/cluster.ts';

/**
 * The two ways adding a node goes wrong that etcd only tells in its logs, made for real on the etcd
 * under test: a member started with --initial-cluster-state new after `member add` (a cluster of its
 * own), and a removed member started again on its old data directory. The voter's log must show each
 * as a trouble sign that recurs into a header warning.
 */
const cluster = startClusterForFile({voters: 1});

/** Runs one etcd outside the cluster's own bookkeeping, ended when the test ends. */
function spawnEtcd(t: TestContext, logFile: string, args: string[]): void {
	const log = openSync(logFile, 'a');
	const child = spawn(etcdProgram('etcd'), ['--logger', 'zap', '--log-outputs', 'stderr', ...args], {stdio: ['ignore', log, log]});
	closeSync(log);
	child.once('error', () => undefined);
	t.after(async () => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
		}
	});
}

/** The voter's log read the way the Logs pane reads it, until `kind` recurs into a header warning. */
async function headerWarningFor(etcd: LocalCluster, kind: TroubleKind, title: string): Promise<string> {
	const status = {state: 'streaming', message: 'test', severity: 'ok'} as const;
	return waitFor(`the voter's log to show "${title}" twice`, () => {
		const now = Date.now();
		const lines = readFileSync(etcd.members[0]!.logFile, 'utf8').split('\n').filter(line => line !== '');
		const view = logViewReducer(initialLogViewState(100_000, status, now), {type: 'append', lines, now});
		const warning = recurringTroubleWarnings(view.counts, now).find(candidate => candidate.text.startsWith(`etcd log: "${title}"`));
		return warning === undefined || view.counts.totals[kind] < 2 ? undefined : warning.text;
	}, {timeoutMs: 30_000, intervalMs: 250});
}

test('a member started with --initial-cluster-state new after member add: "cluster ID mismatch" in the voter\'s log, naming both clusters', async t => {
	const etcd = cluster();
	const [clientPort, peerPort] = await freePorts(2);
	const peerUrl = `http://127.0.0.1:${peerPort}`;
	const clientUrl = `http://127.0.0.1:${clientPort}`;
	// A learner: the one voter keeps its quorum whatever the newcomer does.
	const added = await waitFor('member add --learner', async () => etcd.etcdctl(['member', 'add', 'newcomer', '--learner', `--peer-urls=${peerUrl}`], {endpoints: etcd.voterEndpoints}));
	const initialCluster = /ETCD_INITIAL_CLUSTER="([^"]+)"/.exec(added)![1]!;
	const dataDir = path.join(etcd.baseDir, 'newcomer');
	spawnEtcd(t, `${dataDir}.log`, ['--name', 'newcomer', '--data-dir', dataDir, '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl, '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', initialCluster, '--initial-cluster-state', 'new']);

	const warning = await headerWarningFor(etcd, 'cluster-id-mismatch', 'cluster ID mismatch');
	const clusterId = (await etcd.etcdctl(['member', 'list', '-w', 'json'], {endpoints: etcd.voterEndpoints})).match(/"cluster_id":(\d+)/)![1]!;
	assert.match(warning, new RegExp(`latest: cluster ID mismatch with [\\da-f]+: it is in cluster [\\da-f]+, this member in ${BigInt(clusterId).toString(16)} \\(started with --initial-cluster-state new`), warning);
	const newcomerId = (await etcd.etcdctl(['member', 'list'], {endpoints: etcd.voterEndpoints})).split('\n').find(line => line.includes(peerUrl))!.split(',')[0]!;
	await etcd.etcdctl(['member', 'remove', newcomerId], {endpoints: etcd.voterEndpoints});
});

test('a removed member started again on its data dir: its stream is rejected by the voter, "rejected stream from remote peer because it was removed"', async t => {
	const etcd = cluster();
	const learner = await etcd.addLearner('leaving');
	const id = (await etcd.etcdctl(['member', 'list'], {endpoints: etcd.voterEndpoints})).split('\n').find(line => line.includes(', leaving,'))!.split(',')[0]!;
	await etcd.etcdctl(['member', 'remove', id], {endpoints: etcd.voterEndpoints});
	// A removed member stops itself; an operator's unit restarts it.
	await waitFor('the removed member to exit', () => (learner.process?.exitCode === null ? undefined : true), {timeoutMs: 30_000});
	learner.process = undefined;
	spawnEtcd(t, learner.logFile, ['--name', learner.name, '--data-dir', learner.dataDir, '--listen-client-urls', learner.clientUrl, '--advertise-client-urls', learner.clientUrl, '--listen-peer-urls', learner.peerUrl, '--initial-advertise-peer-urls', learner.peerUrl]);

	const warning = await headerWarningFor(etcd, 'removed-member', 'rejected stream from remote peer because it was removed');
	assert.match(warning, new RegExp(`latest: removed member ${id} still tries to rejoin, rejected by [\\da-f]+`), warning);
});
