import {after, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {MemberInfo} from '../../source/cluster/cluster-reading.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {ClusterLogSource} from '../../source/logs/cluster-log-source.ts';
import type {LogBatch, LogOrigin} from '../../source/logs/log-source.ts';
import {resolveLogSettings, type LogSettings} from '../../source/logs/log-settings.ts';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import {planTails} from '../../source/model/logs/log-template.ts';
import {initialLogViewState, logViewReducer, visibleSlice} from '../../source/model/logs/log-view.ts';
import {troubleTallies} from '../../source/model/logs/trouble-counts.ts';
import {ordinaryLines, zapTroubles} from '../support/etcd-log-fixtures.ts';
import {writeJournal} from '../support/journal-files.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-cluster-logs-'));
after(() => {
	rmSync(workDir, {recursive: true, force: true});
});

function member(index: number, name = `m${index}`): MemberInfo {
	return {id: `${index}0000000000000a${index}`, name, peerUrls: [`http://127.0.0.${index}:2380`], clientUrls: [`http://127.0.0.${index}:2379`], isLearner: false, started: name !== ''};
}

interface Collected {
	batches: LogBatch[];
	statuses: Array<{status: LogSourceStatus; origin: LogOrigin | undefined}>;
	source: ClusterLogSource;
	linesOf: (member: string) => string[];
	statusOf: (member: string) => LogSourceStatus | undefined;
}

function start(t: TestContext, settings: LogSettings, members: MemberInfo[], env?: NodeJS.ProcessEnv, secrets?: readonly string[]): Collected {
	const batches: LogBatch[] = [];
	const statuses: Collected['statuses'] = [];
	const copiedJournal = settings.journalDir !== undefined || settings.journalFile !== undefined;
	const source = new ClusterLogSource(settings, {env, secrets, plan: list => planTails({logCommand: settings.logCommand, units: settings.units, copiedJournal}, list, new Set())});
	source.setMembers(members);
	source.start({
		onLines() {
			assert.fail('onBatches is given: every delivery is one call');
		},
		onBatches(delivered) {
			batches.push(...delivered);
		},
		onStatus(status, origin) {
			statuses.push({status, origin});
		},
	});
	t.after(() => {
		source.stop();
	});
	return {
		batches,
		statuses,
		source,
		linesOf: name => batches.filter(batch => batch.origin.member === name).flatMap(batch => batch.lines),
		statusOf: name => statuses.filter(entry => entry.origin?.member === name).at(-1)?.status,
	};
}

/** Whether a process runs: a zombie has ended, whenever its new parent gets round to reaping it. */
function stat(pid: number): {state: string; pgid: number} | undefined {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
		return fields[0] === 'Z' ? undefined : {state: fields[0]!, pgid: Number(fields[2])};
	} catch {
		return undefined;
	}
}

/** The pids of running processes whose command line holds `text`. */
function processesWith(text: string): number[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).map(Number).filter(pid => {
		try {
			return stat(pid) !== undefined && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
		} catch {
			return false;
		}
	});
}

test('a template runs one tail per member, each in its own process group; a member that joins later gets its own; stop() ends them all', async t => {
	const dir = mkdtempSync(path.join(workDir, 'tails-'));
	for (const name of ['m1', 'm2', 'm3', 'm4']) {
		writeFileSync(path.join(dir, `${name}.log`), `${name} old line\n`);
	}

	const logs = start(t, resolveLogSettings({logCommand: `tail -n +1 -F ${dir}/{name}.log`}), [member(1), member(2), member(3), member(4, '')]);
	await waitFor('the first line of each named member', () => ['m1', 'm2', 'm3'].every(name => logs.linesOf(name).includes(`${name} old line`)) ? true : undefined, {timeoutMs: 20_000});
	assert.deepEqual(logs.source.runningTails().map(tail => tail.member), ['m1', 'm2', 'm3'], 'a member without a name yet has no tail: its file is named after it');
	for (const name of ['m1', 'm2', 'm3']) {
		appendFileSync(path.join(dir, `${name}.log`), `${name} new line\n`);
	}

	await waitFor('lines appended while following', () => ['m1', 'm2', 'm3'].every(name => logs.linesOf(name).includes(`${name} new line`)) ? true : undefined, {timeoutMs: 20_000});
	assert.deepEqual(logs.linesOf('m2'), ['m2 old line', 'm2 new line']);
	assert.ok(['m1', 'm2', 'm3'].every(name => logs.statusOf(name)?.state === 'streaming'));

	// Each tail leads its own process group (the shell and the tail it runs).
	const tails = processesWith(`${dir}/`).filter(pid => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('tail'));
	assert.equal(tails.length, 3);
	const groups = new Set(tails.map(pid => stat(pid)!.pgid));
	assert.equal(groups.size, 3, 'three process groups');
	assert.ok(![...groups].includes(stat(process.pid)!.pgid), 'none is etcdeck\'s own');

	// The fourth member starts and publishes its name: its tail starts.
	logs.source.setMembers([member(1), member(2), member(3), member(4)]);
	await waitFor('the joined member\'s line', () => logs.linesOf('m4').includes('m4 old line') ? true : undefined, {timeoutMs: 20_000});
	assert.equal(processesWith(`${dir}/`).filter(pid => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('tail')).length, 4);
	// A new reading with the same members starts nothing again.
	logs.source.setMembers([member(1), member(2), member(3), member(4)]);
	assert.equal(logs.linesOf('m1').filter(line => line === 'm1 old line').length, 1);

	logs.source.stop();
	await waitFor('every tail to end', () => processesWith(`${dir}/`).length === 0 ? true : undefined, {timeoutMs: 10_000});
});

test('a template whose command fails for one member: that member\'s reason, and the others go on', async t => {
	const dir = mkdtempSync(path.join(workDir, 'fails-'));
	for (const name of ['m1', 'm2', 'm3']) {
		writeFileSync(path.join(dir, `${name}.log`), `${name} line\n`);
	}

	const command = `if [ {name} = m2 ]; then echo "ssh: connect to host {host} port 22: Connection refused" >&2; exit 255; fi; tail -n +1 -F ${dir}/{name}.log`;
	const logs = start(t, resolveLogSettings({logCommand: command}), [member(1), member(2), member(3)]);
	await waitFor('m2 to fail', () => logs.statusOf('m2')?.state === 'exited' ? true : undefined, {timeoutMs: 20_000});
	assert.equal(logs.statusOf('m2')!.message, 'the log command exited with code 255: ssh: connect to host 127.0.0.2 port 22: Connection refused; no more lines will come');
	assert.equal(logs.statusOf('m2')!.severity, 'error');
	await waitFor('the others\' lines', () => logs.linesOf('m1').length > 0 && logs.linesOf('m3').length > 0 ? true : undefined, {timeoutMs: 20_000});
	appendFileSync(path.join(dir, 'm3.log'), 'm3 after m2 failed\n');
	await waitFor('m3 to go on', () => logs.linesOf('m3').includes('m3 after m2 failed') ? true : undefined, {timeoutMs: 20_000});
	assert.equal(logs.statusOf('m1')?.state, 'streaming');
	assert.equal(logs.statusOf('m3')?.state, 'streaming');
});

test('a flood from one member: its lines beyond the budget are skipped and counted, a quiet member\'s still arrive, deliveries stay few', async t => {
	const dir = mkdtempSync(path.join(workDir, 'flood-'));
	writeFileSync(path.join(dir, 'm2.log'), '');
	const command = `if [ {name} = m1 ]; then seq 1 300000; sleep 600; else tail -n +1 -F ${dir}/{name}.log; fi`;
	const logs = start(t, resolveLogSettings({logCommand: command, logLines: 1000}), [member(1), member(2)]);
	await waitFor('the flood to be delivered', () => {
		const delivered = logs.linesOf('m1');
		return delivered.at(-1) === '300000' ? true : undefined;
	}, {timeoutMs: 60_000});
	appendFileSync(path.join(dir, 'm2.log'), 'm2 quiet line\n');
	await waitFor('the quiet member\'s line', () => logs.linesOf('m2').includes('m2 quiet line') ? true : undefined, {timeoutMs: 20_000});
	const flood = logs.batches.filter(batch => batch.origin.member === 'm1');
	assert.ok(flood.every(batch => batch.lines.length <= 1000), 'no delivery holds more of a tail than the pane keeps');
	const skipped = flood.reduce((sum, batch) => sum + batch.skipped, 0);
	assert.equal(skipped + logs.linesOf('m1').length, 300_000, 'every line is delivered or counted as skipped');
	assert.ok(skipped > 0, 'the flood outran the budget');
});

test('every tail gets the clean environment: no ETCDCTL_PASSWORD, no ETCDCTL_USER, no variable holding the password', async t => {
	const password = 'pw-never-in-a-tail';
	const dir = mkdtempSync(path.join(workDir, 'env-'));
	const env = {...process.env, ETCDCTL_USER: `root:${password}`, ETCDCTL_PASSWORD: password, DEPLOY_TOKEN: `x${password}y`, KEPT_FOR_THE_COMMAND: 'yes'};
	const logs = start(t, resolveLogSettings({logCommand: `env > ${dir}/{name}.env; echo done`}), [member(1), member(2)], env, [password]);
	await waitFor('both commands to end', () => logs.statusOf('m1')?.state === 'exited' && logs.statusOf('m2')?.state === 'exited' ? true : undefined, {timeoutMs: 20_000});
	for (const name of ['m1', 'm2']) {
		const seen = readFileSync(path.join(dir, `${name}.env`), 'utf8');
		assert.ok(!seen.includes(password), `${name}'s environment holds the password`);
		assert.doesNotMatch(seen, /^ETCDCTL_(USER|PASSWORD)=/m);
		assert.match(seen, /^KEPT_FOR_THE_COMMAND=yes$/m);
	}
});

test('--journal-dir with two hosts\' real journal files: one journalctl, its lines split by _HOSTNAME into the members of those hosts, counted per member', async t => {
	const dir = mkdtempSync(path.join(workDir, 'journals-'));
	const heartbeat = zapTroubles.find(fixture => fixture.kind === 'heartbeat-late')!.line;
	const unhealthy = zapTroubles.find(fixture => fixture.kind === 'peer-unhealthy')!.line;
	const base = Date.now() - 60_000;
	// Interleaved in time across the two files: node1 writes the even seconds, node2 the odd ones.
	await writeJournal(path.join(dir, 'node1.journal'), [...ordinaryLines.slice(0, 3), heartbeat].map((message, index) => ({message, host: 'node1', time: base + (index * 2000)})));
	await writeJournal(path.join(dir, 'node2.journal'), [...ordinaryLines.slice(3, 6), unhealthy, unhealthy].map((message, index) => ({message, host: 'node2', time: base + 1000 + (index * 2000)})));
	// m1 is named by its URL's host, node2's member by its name.
	const members = [{...member(1), peerUrls: ['http://node1.example.com:2380'], clientUrls: []}, member(2, 'node2')];
	const logs = start(t, resolveLogSettings({journalDir: dir}), members);
	assert.deepEqual(logs.source.runningTails(), [{key: 'journal', member: undefined, command: undefined}], 'one journalctl reads the directory');
	await waitFor('both hosts\' lines', () => logs.batches.flatMap(batch => batch.lines).length >= 9 ? true : undefined, {timeoutMs: 30_000});

	const view = [{type: 'members', members} as const, {type: 'append-batches', batches: logs.batches, now: Date.now()} as const].reduce(logViewReducer, initialLogViewState(5000, logs.statusOf('m1') ?? logs.statuses.at(-1)!.status, Date.now()));
	assert.deepEqual(view.labels, ['m1', 'node2']);
	const shown = visibleSlice(view, 20).entries;
	assert.deepEqual(shown.map(entry => entry.label), ['m1', 'node2', 'm1', 'node2', 'm1', 'node2', 'm1', 'node2', 'node2'], 'merged by the journal\'s time, across the two files');
	assert.ok(shown.every(entry => (entry.label === 'm1') === (entry.host === 'node1')));
	const total = (label: string, kind: string) => troubleTallies(view.memberCounts[label]!, view.now).find(tally => tally.kind === kind)!.total;
	assert.equal(total('m1', 'heartbeat-late'), 1);
	assert.equal(total('node2', 'peer-unhealthy'), 2);
	assert.equal(total('m1', 'peer-unhealthy'), 0);
});
