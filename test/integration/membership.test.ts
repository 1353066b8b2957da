import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {closeSync, openSync} from 'node:fs';
import path from 'node:path';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {freePorts} from '../../source/backup/free-ports.ts';
import {etcdProgram} from '../../source/demo/etcd-binaries.ts';
import type {LocalCluster, LocalMember} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {stopSafety} from '../../source/model/membership/restart-safety.ts';
import {noRejoins, rejoinText, trackRejoins} from '../../source/model/membership/rejoin-tracker.ts';
import {leaderOf, startClusterForFile} from '../support/cluster.ts';
import {runCli, type CliResult} from '../support/run-cli.ts';

/**
 * The membership runbooks against real etcd, through `etcdeck member`: the node added is started with
 * exactly the settings etcdeck printed, parsed from its output. One cluster, changed for good: the tests
 * run in order.
 */
const cluster = startClusterForFile({voters: 3});
const quota = {quotaBytes: 2 * 1024 ** 3};

async function member(etcd: LocalCluster, ...args: string[]): Promise<CliResult> {
	return runCli(['member', ...args, `--endpoints=${etcd.voterEndpoints.join(',')}`, '--timeout=3000']);
}

/** `etcdctl member list`, plain: one line a member, "ID, STATUS, NAME, PEER, CLIENT, IS LEARNER". */
async function etcdctlMembers(etcd: LocalCluster): Promise<string[][]> {
	const endpoints = etcd.members.filter(each => !each.isLearner && each.process !== undefined).map(each => each.clientUrl);
	return (await etcd.etcdctl(['member', 'list'], {endpoints})).trim().split('\n').map(line => line.split(', '));
}

/** ETCD_NAME="x" lines as etcd flags, the values unescaped as sh would. */
function flagsFromEnv(lines: readonly string[]): string[] {
	return lines.filter(line => line.startsWith('ETCD_')).map(line => {
		const match = /^ETCD_([A-Z_]+)="((?:[^"\\]|\\.)*)"$/.exec(line);
		assert.ok(match, `an ETCD_ line etcd can take: ${line}`);
		return `--${match[1]!.toLowerCase().replaceAll('_', '-')}=${match[2]!.replaceAll(/\\(.)/g, '$1')}`;
	});
}

/** config.yaml keys (`key: "json string"`) as etcd flags. */
function flagsFromYaml(lines: readonly string[]): string[] {
	return lines.filter(line => !line.startsWith('#') && line !== '').map(line => {
		const match = /^([a-z-]+): (".*")$/.exec(line);
		assert.ok(match, `a config.yaml key: ${line}`);
		return `--${match[1]}=${JSON.parse(match[2]!) as string}`;
	});
}

/** Starts an etcd with these flags (and only a data dir and logging besides), stopped with the cluster. */
function startNewcomer(etcd: LocalCluster, name: string, flags: readonly string[], ports: {client: number; peer: number}): LocalMember {
	const dataDir = path.join(etcd.baseDir, `new-${name}`);
	const logFile = `${dataDir}.log`;
	const log = openSync(logFile, 'a');
	const child = spawn(etcdProgram('etcd'), [...flags, '--data-dir', dataDir, '--logger', 'zap', '--log-outputs', 'stderr'], {stdio: ['ignore', log, log]});
	closeSync(log);
	child.once('error', () => undefined);
	const newcomer: LocalMember = {name, clientUrl: `http://127.0.0.1:${ports.client}`, peerUrl: `http://127.0.0.1:${ports.peer}`, dataDir, logFile, isLearner: true, process: child};
	etcd.members.push(newcomer);
	return newcomer;
}

/** Kills an etcd started by startNewcomer and forgets it. */
async function stopNewcomer(etcd: LocalCluster, newcomer: LocalMember): Promise<void> {
	const child = newcomer.process;
	if (child !== undefined && child.exitCode === null && child.signalCode === null) {
		const exited = new Promise(resolve => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	newcomer.process = undefined;
	etcd.members.splice(etcd.members.indexOf(newcomer), 1);
}

/** Adds NAME through etcdeck, prints its settings in `format`, and starts an etcd with exactly those. */
async function addAndStart(etcd: LocalCluster, name: string, format: 'env' | 'flags' | 'yaml', change: (flags: string[]) => string[] = flags => flags): Promise<{newcomer: LocalMember; stdout: string; stderr: string}> {
	const [client, peer] = await freePorts(2);
	// Right after start-up etcd refuses member add with "unhealthy cluster" for a few seconds.
	const added = await waitFor(`etcdeck member add ${name}`, async () => {
		const result = await member(etcd, 'add', name, `http://127.0.0.1:${peer!}`, `--client-urls=http://127.0.0.1:${client!}`, `--format=${format}`, '--yes');
		if (result.code === 1 && /unhealthy cluster/.test(result.stderr)) {
			return undefined;
		}

		assert.equal(result.code, 0, result.stderr);
		return result;
	}, {timeoutMs: 30_000, intervalMs: 500});
	const lines = added.stdout.trim().split('\n');
	const flags = format === 'env' ? flagsFromEnv(lines) : format === 'yaml' ? flagsFromYaml(lines) : lines;
	assert.ok(flags.includes('--initial-cluster-state=existing'), added.stdout);
	return {newcomer: startNewcomer(etcd, name, change(flags), {client: client!, peer: peer!}), stdout: added.stdout, stderr: added.stderr};
}

async function promoteWhenReady(etcd: LocalCluster, name: string): Promise<void> {
	await waitFor(`${name} to be ready to promote in etcdeck member list`, async () => {
		const listed = await member(etcd, 'list');
		const row = listed.stdout.split('\n').find(line => line.includes(` ${name} `));
		return row?.includes('in sync: ready to promote') === true ? true : undefined;
	}, {timeoutMs: 60_000, intervalMs: 500});
	const service = new ClusterService({endpoints: etcd.voterEndpoints, timeoutMs: 3000});
	try {
		const id = (await etcdctlMembers(etcd)).find(fields => fields[2] === name)![0]!;
		// The existing promote flow: to the leader, refused by etcd until the learner is in sync.
		const result = await waitFor(`promote ${name}`, async () => {
			const outcome = await service.promote(id);
			return outcome.ok ? outcome : undefined;
		}, {timeoutMs: 30_000, intervalMs: 500});
		assert.match(result.message, /promoted to voter/);
		etcd.member(name).isLearner = false;
	} finally {
		service.close();
	}
}

void test('the runbook: 3 voters, add a learner, start it with the settings etcdeck printed, it catches up, promote; again; 5 voters', async () => {
	const etcd = cluster();
	const first = await addAndStart(etcd, 'm4', 'env');
	assert.match(first.stderr, /Add m4 as a learner\?/);
	assert.match(first.stderr, /Voters +3 → 3 \(quorum 2 → 2\)/);
	assert.match(first.stderr, /etcdctl equivalent: etcdctl --endpoints=http:\/\/127\.0\.0\.1:\d+ member add m4 --peer-urls=http:\/\/127\.0\.0\.1:\d+ --learner/);
	assert.match(first.stdout, /^# etcdeck: settings of new learner m4 \([\da-f]+\), cluster [\da-f]+/);
	await promoteWhenReady(etcd, 'm4');

	const second = await addAndStart(etcd, 'm5', 'yaml');
	assert.match(second.stdout, /^initial-cluster-state: "existing"$/m);
	assert.match(second.stderr, /Voters +4 → 4 \(quorum 3 → 3\)/);
	await promoteWhenReady(etcd, 'm5');

	const listed = await etcdctlMembers(etcd);
	assert.equal(listed.length, 5, listed.join('\n'));
	assert.deepEqual(listed.map(fields => [fields[1], fields.at(-1)]), Array.from({length: 5}, () => ['started', 'false']));
	assert.deepEqual(listed.map(fields => fields[2]).sort(), ['m1', 'm2', 'm3', 'm4', 'm5']);
	await waitFor('every member healthy', async () => etcd.etcdctl(['endpoint', 'health', '--cluster'], {endpoints: etcd.voterEndpoints.slice(0, 1)}), {timeoutMs: 30_000});
});

void test('a node started with --initial-cluster-state new by mistake: member list says "cluster ID mismatch"; removing that unstarted learner works', async () => {
	const etcd = cluster();
	const {newcomer} = await addAndStart(etcd, 'oops', 'flags', flags => flags.map(flag => (flag === '--initial-cluster-state=existing' ? '--initial-cluster-state=new' : flag)));
	const row = await waitFor('the mismatch in etcdeck member list', async () => {
		const listed = await member(etcd, 'list');
		return listed.stdout.split('\n').find(line => line.includes('cluster ID mismatch'));
	}, {timeoutMs: 30_000, intervalMs: 500});
	assert.match(row, /unstarted/);
	assert.match(row, /started with --initial-cluster-state new/);
	const id = (await etcdctlMembers(etcd)).find(fields => fields[1] === 'unstarted')![0]!;

	const removed = await member(etcd, 'remove', id, '--yes');
	assert.equal(removed.code, 0, removed.stderr);
	assert.match(removed.stderr, /Remove learner [\da-f]+\?/);
	assert.match(removed.stderr, /unstarted \(added, never joined\): nothing depends on it/);
	assert.ok(!(await etcdctlMembers(etcd)).some(fields => fields[0] === id), 'etcdctl no longer lists it');
	await stopNewcomer(etcd, newcomer);
});

void test('remove: the leader is refused before etcd is asked (exit 2), offering move-leader, and nothing changes', async () => {
	const etcd = cluster();
	const before = await etcdctlMembers(etcd);
	const leader = await leaderOf(etcd);
	const refused = await member(etcd, 'remove', leader.name, '--yes');
	assert.equal(refused.code, 2, refused.stderr);
	assert.match(refused.stderr, new RegExp(`Cannot remove ${leader.name} \\([\\da-f]+\\): it is the leader: move leadership first \\(m on .*, or etcdctl move-leader [\\da-f]+\\)`));
	assert.deepEqual(await etcdctlMembers(etcd), before);
});

void test('remove: a follower, leaving 4 voters (warned: an even count), the cluster healthy and etcdctl agreeing', async () => {
	const etcd = cluster();
	const leader = await leaderOf(etcd);
	const target = etcd.members.find(each => !each.isLearner && each !== leader && each.name === 'm5') ?? etcd.members.find(each => !each.isLearner && each !== leader)!;
	const removed = await member(etcd, 'remove', target.name, '--yes');
	assert.equal(removed.code, 0, removed.stderr);
	assert.match(removed.stderr, /Voters +5 → 4 \(quorum 3 → 3\)/);
	assert.match(removed.stderr, /warning: 4 voters: an even count tolerates no more failures than 3/);
	assert.match(removed.stdout, new RegExp(`${target.name} \\([\\da-f]+\\) removed: 4 voters, 0 learners now`));
	// A removed member stops itself.
	await waitFor(`${target.name} to exit`, () => (target.process?.exitCode === null ? undefined : true), {timeoutMs: 30_000});
	target.process = undefined;
	etcd.members.splice(etcd.members.indexOf(target), 1);
	const listed = await etcdctlMembers(etcd);
	assert.equal(listed.length, 4);
	assert.ok(!listed.some(fields => fields[2] === target.name));
	await etcd.etcdctl(['endpoint', 'health', '--cluster'], {endpoints: [leader.clientUrl]});
});

void test('restart one at a time: a follower stopped with SIGTERM makes every other voter unsafe to stop; back, it shows "rejoined, in sync after"', async () => {
	const etcd = cluster();
	const leader = await leaderOf(etcd);
	const voters = etcd.members.filter(each => !each.isLearner);
	const target = voters.find(each => each !== leader)!;
	const service = new ClusterService({endpoints: voters.filter(each => each !== target).map(each => each.clientUrl), timeoutMs: 2000});
	let rejoins = noRejoins;
	const look = async () => {
		const reading = await service.refresh();
		const summary = summarize(reading, quota);
		rejoins = trackRejoins(rejoins, summary, reading.takenAt);
		return summary;
	};

	try {
		const healthy = await waitFor('every voter safe to stop', async () => {
			const summary = await look();
			return summary.views.every(view => stopSafety(summary, view.id!).safe) ? summary : undefined;
		}, {timeoutMs: 30_000, intervalMs: 300});
		const targetId = healthy.views.find(view => view.name === target.name)!.id!;
		target.process!.kill('SIGTERM');
		await waitFor(`${target.name} to exit`, () => (target.process?.exitCode === null && target.process.signalCode === null ? undefined : true), {timeoutMs: 30_000});
		target.process = undefined;
		const down = await waitFor('the stop seen', async () => {
			const summary = await look();
			return rejoins[targetId]?.phase === 'down' ? summary : undefined;
		}, {timeoutMs: 30_000, intervalMs: 300});
		for (const view of down.views.filter(each => each.id !== targetId && !each.isLearner)) {
			const safety = stopSafety(down, view.id!);
			assert.equal(safety.safe, false, `${view.name}: ${safety.reason}`);
			assert.match(safety.reason, new RegExp(`${target.name} is down`));
		}

		assert.match(rejoinText(rejoins[targetId]!, Date.now()), /^down for \d+s/);
		await etcd.restart(target.name);
		const rejoined = await waitFor('the rejoin seen in sync', async () => {
			await look();
			const entry = rejoins[targetId];
			return entry?.phase === 'in-sync' ? entry : undefined;
		}, {timeoutMs: 30_000, intervalMs: 300});
		assert.match(rejoinText(rejoined, Date.now()), /^rejoined, in sync after \d+s$/);
		const after = await look();
		assert.equal(stopSafety(after, leader === target ? targetId : after.views.find(view => view.isLeader)!.id!).safe, true);
	} finally {
		service.close();
		await etcd.ensureRunning(target.name);
	}
});

void test('remove: a healthy voter while another is down would lose quorum of those left: refused (exit 2), nothing changes', async () => {
	const etcd = cluster();
	// Down to 3 voters first, so one down leaves the two others exactly at quorum.
	const leader = await leaderOf(etcd);
	const spare = etcd.members.find(each => !each.isLearner && each !== leader && each.name !== 'm1')!;
	assert.equal((await member(etcd, 'remove', spare.name, '--yes')).code, 0);
	await waitFor(`${spare.name} to exit`, () => (spare.process?.exitCode === null ? undefined : true), {timeoutMs: 30_000});
	spare.process = undefined;
	etcd.members.splice(etcd.members.indexOf(spare), 1);
	const nowLeader = await leaderOf(etcd);
	const [down, healthy] = etcd.members.filter(each => !each.isLearner && each !== nowLeader);
	await etcd.kill(down!.name);
	try {
		const before = await etcdctlMembers(etcd);
		const refused = await waitFor('the down voter seen', async () => {
			const result = await member(etcd, 'remove', healthy!.name, '--yes');
			return /does not answer/.test(result.stderr) ? result : undefined;
		}, {timeoutMs: 20_000, intervalMs: 300});
		assert.equal(refused.code, 2);
		assert.match(refused.stderr, new RegExp(`Cannot remove ${healthy!.name} \\([\\da-f]+\\): the 2 voters left would have 1 answering, fewer than their quorum of 2 \\(${down!.name} \\([\\da-f]+\\) does not answer\\)`));
		assert.deepEqual(await etcdctlMembers(etcd), before);
	} finally {
		await etcd.ensureRunning(down!.name);
	}
});

void test('refused before asking: no terminal and no --yes, a peer URL already in use, a bad format', async () => {
	const etcd = cluster();
	const noYes = await member(etcd, 'add', 'm9', 'http://127.0.0.1:1');
	assert.equal(noYes.code, 2);
	assert.match(noYes.stderr, /no terminal to confirm on: give --yes/);
	const taken = await member(etcd, 'add', 'm9', etcd.members[0]!.peerUrl, '--yes');
	assert.equal(taken.code, 2);
	assert.match(taken.stderr, /peer URL http:\/\/127\.0\.0\.1:\d+ belongs to member m1 \([\da-f]+\) already/);
	const format = await member(etcd, 'add', 'm9', 'http://127.0.0.1:1', '--format=toml', '--yes');
	assert.equal(format.code, 2);
	assert.match(format.stderr, /--format must be env, flags, yaml for "member add", got "toml"/);
});
