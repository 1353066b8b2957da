import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {waitFor} from '../../source/demo/wait-for.ts';
import {panes} from '../../source/ui/app/keymap.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from '../support/etcd-json.ts';
import {launchEtcdeck} from '../support/etcdeck-in-terminal.ts';
import {runCli} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

/** Every member's --quota-backend-bytes: 1 MiB, reached with a dozen 60 kB values. */
const quotaBytes = 1024 * 1024;
const cluster = startClusterForFile({voters: 3, etcdArgs: [`--quota-backend-bytes=${quotaBytes}`]});
const terminal = startTerminalForFile({columns: 140, rows: 32});

/** Each member's raft index as `etcdctl endpoint status` reports it (no auth here: etcdctl itself writes nothing). */
async function raftIndexes(): Promise<Map<string, number>> {
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await cluster().etcdctl(['endpoint', 'status', '-w', 'json']));
	return new Map(statuses.map(entry => [entry.Endpoint, entry.Status.raftIndex]));
}

async function pause(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

void test('an idle cluster watched for 10 s at a 500 ms refresh, every pane shown: no member\'s raft index moves', {timeout: 90_000}, async () => {
	const screen = terminal();
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-idle-'));
	const run = await launchEtcdeck(screen, ['--endpoints', cluster().endpoints[0]!, '--refresh', '500'], scratch);
	try {
		const names = cluster().members.map(member => member.name);
		await screen.waitForScreen('every member on the members pane', text => names.every(name => text.includes(` ${name} `)));
		const before = await raftIndexes();
		// Ten seconds of watching, each pane in turn, so that every poller (status, key browser, metrics) runs.
		const started = Date.now();
		const refreshTimes = new Set<string>();
		for (let visit = 0; Date.now() - started < 10_000; visit++) {
			await screen.press(chordFor(panes[visit % panes.length]!.id));
			await pause(1000);
			refreshTimes.add(/refreshed (\d\d:\d\d:\d\d) UTC/.exec(await screen.screen())?.[1] ?? '');
		}

		const after = await raftIndexes();
		assert.ok(refreshTimes.size >= 5, `the dashboard kept refreshing: ${[...refreshTimes].join(', ')}`);
		assert.deepEqual(after, before, 'watching wrote nothing to the raft log');
		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
		rmSync(scratch, {recursive: true, force: true});
	}
});

void test('a cluster filled to NOSPACE: the header is critical with the alarm and the member\'s own quota, and status exits 2', {timeout: 90_000}, async () => {
	const value = 'x'.repeat(60_000);
	await waitFor('a put to be refused for want of space', async () => {
		try {
			await cluster().etcdctl(['put', `/fill/${Date.now()}`, value], {endpoints: cluster().voterEndpoints});
			return undefined;
		} catch (error) {
			assert.match(String(error), /database space exceeded/);
			return true;
		}
	}, {timeoutMs: 30_000, intervalMs: 0});
	const alarmed = (await cluster().etcdctl(['alarm', 'list'])).trim();
	assert.match(alarmed, /^memberID:\d+ alarm:NOSPACE/);

	const screen = terminal();
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-nospace-'));
	const run = await launchEtcdeck(screen, ['--endpoints', cluster().endpoints[0]!, '--refresh', '500'], scratch);
	try {
		// 1 MiB is 1.05 MB as etcdeck prints sizes; etcdeck's default would have been 2.15 GB. Every
		// member that reached the quota raised its own alarm: one line names them all.
		const header = await screen.waitForScreen('the NOSPACE alarm and the real quota in the header', text =>
			/✖ alarm NOSPACE on m\d(, m\d)*: the cluster refuses writes/.test(text) && /[✖▲] m\d DB [\d.]+ [kM]B is \d+(\.\d)?% of its 1\.05 MB quota/.test(text));
		assert.ok(!header.includes('2.15 GB'), header);
		await screen.press(chordFor('health'));
		await screen.waitForScreen('the member\'s own quota on the Health pane', text => /DB +[\d.]+ [kM]B of 1\.05 MB quota/.test(text));
		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
		rmSync(scratch, {recursive: true, force: true});
	}

	const status = await runCli(['status', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(status.code, 2, status.stdout + status.stderr);
	assert.match(status.stdout, /: unavailable; leader m\d; voters 3\/3 healthy/);
	assert.match(status.stdout, /^CRITICAL: alarm NOSPACE on m\d(, m\d)*: the cluster refuses writes/m);
	assert.match(status.stdout, /of its 1\.05 MB quota/);
	const json = JSON.parse((await runCli(['status', '--json', '--endpoints', cluster().endpoints[0]!])).stdout) as {exitCode: number; writesRefused: boolean; alarms: Array<{alarm: string}>; members: Array<{quota: {bytes: number; source: string} | null}>};
	assert.equal(json.exitCode, 2);
	assert.equal(json.writesRefused, true);
	// Each member raises its own alarm when its backend reaches the quota: one or more, all NOSPACE.
	assert.ok(json.alarms.length > 0 && json.alarms.every(alarm => alarm.alarm === 'NOSPACE'), JSON.stringify(json.alarms));
	assert.equal(json.alarms.length, (await cluster().etcdctl(['alarm', 'list'])).trim().split('\n').length, 'as many as etcdctl alarm list shows');
	assert.deepEqual(json.members.map(member => member.quota), [1, 2, 3].map(() => ({bytes: quotaBytes, source: 'metrics'})));
});
