import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {memberLines, type MemberLine} from '../support/dashboard-screen.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from '../support/etcd-json.ts';
import {launchEtcdeck, type EtcdeckRun} from '../support/etcdeck-in-terminal.ts';
import {chordFor, TmuxTerminal} from '../support/tmux.ts';

/**
 * Pane 1 against a real three-voter cluster: the leader first and marked, a member stopped with
 * SIGSTOP read as `no answer` (never `started`), and `/` narrowing the table to one member.
 */
let etcdCluster: LocalCluster | undefined;
let terminal: TmuxTerminal | undefined;
let etcdeck: EtcdeckRun | undefined;
const pidDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-tables-'));

before(async () => {
	etcdCluster = await LocalCluster.start({voters: 3});
	terminal = await TmuxTerminal.start({columns: 100, rows: 30});
	etcdeck = await launchEtcdeck(terminal, ['--endpoints', etcdCluster.endpoints.join(','), '--refresh', '500', '--timeout', '1000'], pidDir);
}, {timeout: 60_000});

after(async () => {
	if (terminal !== undefined && etcdeck !== undefined) {
		await terminal.press(chordFor('quit'));
		assert.equal(await etcdeck.exitCode(), 0, 'etcdeck quits cleanly');
	}

	await terminal?.stop();
	await etcdCluster?.stop();
	rmSync(pidDir, {recursive: true, force: true});
});

function rowsOf(screen: string): MemberLine[] {
	return memberLines(screen);
}

/** The member that leads, as the members that answer say it. */
async function leaderName(etcd: LocalCluster, endpoints: readonly string[]): Promise<string> {
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await etcd.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: [...endpoints]}));
	const leading = statuses.find(entry => entry.Status.leader === entry.Status.header.member_id);
	assert.ok(leading, 'a member says it leads');
	return etcd.members.find(member => member.clientUrl === leading.Endpoint)!.name;
}

void test('SIGSTOP the leader: pane 1 reads it as no answer, the newly elected leader first and marked; / filters to one member; SIGCONT brings it back', {timeout: 120_000}, async () => {
	const etcd = etcdCluster!;
	const screen = terminal!;
	const names = etcd.members.map(member => member.name);
	const first = await screen.waitForScreen('every member, started, the leader first', text => {
		const rows = rowsOf(text);
		return rows.length === 3 && rows.every(row => row.status === 'started') && rows[0]!.role === 'leader';
	}, 30_000);
	const leader = await leaderName(etcd, etcd.endpoints);
	assert.equal(rowsOf(first)[0]!.name, leader, first);
	assert.deepEqual(rowsOf(first).slice(1).map(row => row.role), ['follower', 'follower'], first);

	const victim = etcd.members.find(member => member.name === leader)!;
	etcd.signal(victim.name, 'SIGSTOP');
	try {
		const stopped = await screen.waitForScreen(`${victim.name} to read no answer and another member to lead`, text => {
			const rows = rowsOf(text);
			const victimRow = rows.find(row => row.name === victim.name);
			return victimRow?.status === 'no answer' && rows[0]!.role === 'leader' && rows[0]!.name !== victim.name && rows[0]!.status === 'started';
		}, 30_000);
		const survivors = etcd.members.filter(member => member !== victim).map(member => member.clientUrl);
		assert.equal(rowsOf(stopped)[0]!.name, await leaderName(etcd, survivors), `the member on top is the one that leads now:\n${stopped}`);
		assert.ok(!rowsOf(stopped).some(row => row.name === victim.name && row.status === 'started'), stopped);

		await screen.press(chordFor('filter-open'));
		for (const character of victim.name) {
			await screen.press({input: character});
		}

		await screen.press(chordFor('filter-keep', 'filter'));
		const filtered = await screen.waitForScreen('the table filtered to the stopped member', text => rowsOf(text).length === 1 && text.includes(`/${victim.name}  1 of 3`));
		assert.equal(rowsOf(filtered)[0]!.name, victim.name, filtered);
		assert.equal(rowsOf(filtered)[0]!.status, 'no answer', filtered);
		await screen.press(chordFor('filter-clear'));
		await screen.waitForScreen('every member again', text => rowsOf(text).length === 3 && !text.includes(' of 3  ('));
	} finally {
		etcd.signal(victim.name, 'SIGCONT');
	}

	const back = await screen.waitForScreen(`${victim.name} started again`, text => {
		const rows = rowsOf(text);
		return rows.length === 3 && rows.every(row => row.status === 'started') && rows[0]!.role === 'leader';
	}, 60_000);
	assert.deepEqual(rowsOf(back).map(row => row.name).sort(), [...names].sort(), back);
});
