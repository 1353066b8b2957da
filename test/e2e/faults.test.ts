import {after, before, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {waitFor} from '../../source/demo/wait-for.ts';
import {LocalCluster, type LocalMember} from '../../source/demo/local-cluster.ts';
import {endpointLines, headerHealthy, headerLeader, statusRefresh} from '../support/dashboard-screen.ts';
import {leaderOf} from '../support/cluster.ts';
import {launchEtcdeck, type EtcdeckRun} from '../support/etcdeck-in-terminal.ts';
import {KeyWriter} from '../support/key-writer.ts';
import {chordFor, TmuxTerminal} from '../support/tmux.ts';

/**
 * Breaks a real three-voter cluster under a running etcdeck (in tmux, --refresh 500 --timeout 1000)
 * while a client keeps writing, and reads after each step what the operator would see. The steps run
 * in order on one cluster and one etcdeck; each puts the cluster back whole before the next.
 */
const refreshMs = 500;
const timeoutMs = 1000;
/** Screen polling, rendering and a loaded two-core machine, on top of what the dashboard promises. */
const slackMs = 2500;
/** A member's row must show the failure within two refresh intervals (each may wait --timeout). */
const showFailureWithinMs = (2 * refreshMs) + timeoutMs + slackMs;
/** A refresh with a hung member waits --timeout for it; this much more is scheduling, not waiting. */
const refreshSlackMs = 600;

let etcdCluster: LocalCluster | undefined;
const pidDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-faults-'));
let terminal: TmuxTerminal | undefined;
let writer: KeyWriter | undefined;
let etcdeck: EtcdeckRun | undefined;
const figures: string[] = [];

// One hook starts everything in order: the cluster, then etcdeck on it (top-level hooks may overlap).
before(async () => {
	etcdCluster = await LocalCluster.start({voters: 3});
	const etcd = cluster();
	terminal = await TmuxTerminal.start({columns: 120, rows: 30});
	writer = KeyWriter.start(etcd.endpoints, {prefix: '/e2e/faults/'});
	etcdeck = await launchEtcdeck(terminal, ['--endpoints', seed(etcd).clientUrl, '--refresh', String(refreshMs), '--timeout', String(timeoutMs)], pidDir);
	await terminal.waitForScreen('every member on the members pane', screen => etcd.members.every(member => screen.includes(` ${member.name} `)));
	await terminal.press(chordFor('endpoints'));
	await allAnswering(etcd, 'every endpoint with its raft index');
}, {timeout: 60_000});

after(async () => {
	await writer?.stop();
	console.log(`faults: ${figures.join('; ')}; writer ${writer?.written ?? 0} puts, ${writer?.failed ?? 0} failed`);
	if (terminal !== undefined && etcdeck !== undefined) {
		await terminal.press(chordFor('quit'));
		assert.equal(await etcdeck.exitCode(), 0, 'etcdeck quits cleanly after every fault');
	}

	await terminal?.stop();
	await etcdCluster?.stop();
	rmSync(pidDir, {recursive: true, force: true});
});

function cluster(): LocalCluster {
	assert.ok(etcdCluster, 'the cluster has started');
	return etcdCluster;
}

/** The member etcdeck was started with (its only --endpoints). */
function seed(etcd: LocalCluster): LocalMember {
	return etcd.members[0]!;
}

function screenOf(): TmuxTerminal {
	assert.ok(terminal, 'the terminal has started');
	return terminal;
}

async function allAnswering(etcd: LocalCluster, what: string): Promise<string> {
	return screenOf().waitForScreen(what, screen => {
		const rows = endpointLines(screen);
		return etcd.members.every(member => rows.get(member.clientUrl)?.raftIndex !== undefined) && headerHealthy(screen)?.answering === etcd.members.length;
	}, 60_000);
}

/** A voter that neither leads nor is the seed, so one fault at a time is what the step breaks. */
async function plainFollower(etcd: LocalCluster): Promise<LocalMember> {
	const leader = await leaderOf(etcd);
	return etcd.members.find(member => member !== leader && member !== seed(etcd))!;
}

/** Polls the screen as fast as tmux answers until `check` holds; returns how long that took from `since`. */
async function millisUntil(what: string, since: number, check: (screen: string) => boolean, timeoutMs = 15_000): Promise<number> {
	await screenOf().waitForScreen(what, check, timeoutMs);
	return Date.now() - since;
}

/**
 * Presses pane keys in turn and times each from the press to the new pane on screen. Asserts only a
 * generous deadline (the benchmark owns speed); returns the figures to print.
 */
async function keyLatencies(presses: number): Promise<number[]> {
	const panes = [
		{chord: chordFor('members'), shown: (screen: string) => screen.includes('PEER ADDRS')},
		{chord: chordFor('endpoints'), shown: (screen: string) => screen.includes('RAFT INDEX')},
	];
	const times: number[] = [];
	for (let press = 0; press < presses; press++) {
		const {chord, shown} = panes[press % 2]!;
		const started = Date.now();
		await screenOf().press(chord);
		times.push(await millisUntil('the pane to switch after its key', started, shown, 5000));
	}

	// End on the Endpoints pane, which the steps read.
	if (presses % 2 === 1) {
		await screenOf().press(panes[1]!.chord);
		await screenOf().waitForScreen('the endpoints pane', panes[1]!.shown);
	}

	return times;
}

function median(values: readonly number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** The figures, with what one look at the screen costs: a press is seen at most that much late. */
async function describeTimes(times: readonly number[]): Promise<string> {
	const captures: number[] = [];
	for (let look = 0; look < 5; look++) {
		const started = Date.now();
		await screenOf().screen();
		captures.push(Date.now() - started);
	}

	return `median ${median(times)} ms, max ${Math.max(...times)} ms over ${times.length} presses (one screen capture takes ${median(captures)} ms)`;
}

function report(t: TestContext, figure: string): void {
	t.diagnostic(figure);
	figures.push(figure);
}

/** Waits until each named member's raft index on screen moves past what it showed at first. */
async function raftIndexesMove(members: readonly LocalMember[]): Promise<void> {
	const first = endpointLines(await screenOf().screen());
	for (const member of members) {
		const before = first.get(member.clientUrl)?.raftIndex ?? 0;
		await screenOf().waitForScreen(`${member.name}'s raft index to move past ${before}`, screen => (endpointLines(screen).get(member.clientUrl)?.raftIndex ?? 0) > before);
	}
}

void test('SIGKILL a follower: its row says connection refused within two refresh intervals, the others keep updating, keys answer', {timeout: 90_000}, async t => {
	const etcd = cluster();
	const victim = await plainFollower(etcd);
	try {
		await etcd.kill(victim.name);
		const killedAt = Date.now();
		const shownAfter = await millisUntil(`${victim.name}'s row to show connection refused`, killedAt, screen => {
			const row = endpointLines(screen).get(victim.clientUrl);
			return row !== undefined && row.raftIndex === undefined && row.errors.startsWith('connection refused');
		});
		report(t, `SIGKILL shown as unreachable after ${shownAfter} ms`);
		assert.ok(shownAfter <= showFailureWithinMs, `shown after ${shownAfter} ms, more than 2×refresh + timeout + slack = ${showFailureWithinMs} ms`);
		assert.match(await screenOf().screen(), new RegExp(`${victim.name} unreachable: connection refused`), 'the header names the member');

		await raftIndexesMove(etcd.members.filter(member => member !== victim));
		const latencies = await keyLatencies(6);
		report(t, `key to screen with a member killed: ${await describeTimes(latencies)}`);

		await etcd.restart(victim.name);
		const restartedAt = Date.now();
		await allAnswering(etcd, `${victim.name} to answer again`);
		report(t, `restarted member answering on screen after ${Date.now() - restartedAt} ms`);
	} finally {
		await etcd.ensureRunning(victim.name);
	}
});

void test('SIGSTOP a follower: its row says no answer within --timeout, no refresh waits longer than --timeout, keys answer', {timeout: 90_000}, async t => {
	const etcd = cluster();
	const victim = await plainFollower(etcd);
	etcd.signal(victim.name, 'SIGSTOP');
	try {
		const stoppedAt = Date.now();
		const shownAfter = await millisUntil(`${victim.name}'s row to show no answer`, stoppedAt, screen => {
			const row = endpointLines(screen).get(victim.clientUrl);
			return row !== undefined && row.raftIndex === undefined && row.errors.startsWith(`no answer within ${timeoutMs} ms`);
		});
		report(t, `SIGSTOP shown as unreachable after ${shownAfter} ms`);
		assert.ok(shownAfter <= showFailureWithinMs, `shown after ${shownAfter} ms, more than 2×refresh + timeout + slack = ${showFailureWithinMs} ms`);

		// Every refresh the status line reports while the member hangs: none may wait past --timeout.
		const durations = new Map<string, number>();
		const until = Date.now() + 6000;
		while (Date.now() < until) {
			const refresh = statusRefresh(await screenOf().screen());
			if (refresh !== undefined) {
				durations.set(`${refresh.at} ${refresh.durationMs}`, refresh.durationMs);
			}

			await new Promise(resolve => {
				setTimeout(resolve, 100);
			});
		}

		const longest = Math.max(...durations.values());
		report(t, `refresh durations with a hung member: ${[...durations.values()].join(', ')} ms (longest ${longest} ms)`);
		assert.ok(durations.size >= 3, `several refreshes in 6 s: ${[...durations.keys()].join(', ')}`);
		assert.ok(longest <= timeoutMs + refreshSlackMs, `a refresh took ${longest} ms with --timeout ${timeoutMs}`);

		await raftIndexesMove(etcd.members.filter(member => member !== victim));
		const latencies = await keyLatencies(4);
		report(t, `key to screen with a member hung: ${await describeTimes(latencies)}`);
	} finally {
		etcd.signal(victim.name, 'SIGCONT');
	}

	const continuedAt = Date.now();
	await allAnswering(etcd, `${victim.name} to answer after SIGCONT`);
	report(t, `SIGCONT member answering on screen after ${Date.now() - continuedAt} ms`);
});

void test('two members killed: the header says QUORUM LOST and which member answers; restarted, it recovers without a restart of etcdeck', {timeout: 120_000}, async t => {
	const etcd = cluster();
	const survivor = seed(etcd);
	const victims = etcd.members.filter(member => member !== survivor);
	try {
		await Promise.all(victims.map(async victim => etcd.kill(victim.name)));
		const lost = await screenOf().waitForScreen('QUORUM LOST in the header', screen => screen.includes(`QUORUM LOST: 1 of 3 voters answer, 2 needed (answering: ${survivor.name})`));
		assert.equal(headerHealthy(lost)?.answering, 1);
		const latencies = await keyLatencies(2);
		report(t, `key to screen without quorum: ${await describeTimes(latencies)}`);

		// Without quorum the key browser serves serializable reads from a member that answers, labelled stale.
		await screenOf().press(chordFor('keys'));
		const keys = await screenOf().waitForScreen('the Keys pane to label its reads stale', screen => screen.includes('STALE: linearizable reads need quorum'), 30_000);
		await screenOf().waitForScreen('the writer\'s keys listed and counted from the serializable reads', screen => /^[› ] +e2e\/ +[\d,]+ keys?$/m.test(screen), 15_000);
		report(t, `Keys pane without quorum: ${keys.split('\n').find(line => line.includes('STALE:'))?.trim()}`);

		await screenOf().press(chordFor('endpoints'));
		await Promise.all(victims.map(async victim => etcd.restart(victim.name)));
		const restartedAt = Date.now();
		const recovered = await allAnswering(etcd, 'every member answering again');
		report(t, `quorum back on screen ${Date.now() - restartedAt} ms after the restarts`);
		assert.ok(!recovered.includes('QUORUM LOST'), recovered);
		await screenOf().waitForScreen('a leader in the header', screen => etcd.members.some(member => headerLeader(screen) === member.name));
		await raftIndexesMove(etcd.members);
	} finally {
		await etcd.ensureRunning(...victims.map(victim => victim.name));
	}
});

void test('the endpoint etcdeck was started with dies: it keeps working through the members it discovered', {timeout: 90_000}, async t => {
	const etcd = cluster();
	const gone = seed(etcd);
	const others = etcd.members.filter(member => member !== gone);
	try {
		await etcd.kill(gone.name);
		await screenOf().waitForScreen(`${gone.name}'s row to show connection refused`, screen => endpointLines(screen).get(gone.clientUrl)?.errors.startsWith('connection refused') === true);
		// If the seed led, the others elect a leader among themselves: the header follows.
		await screenOf().waitForScreen('a leader among the others', screen => others.some(member => headerLeader(screen) === member.name), 30_000);
		await raftIndexesMove(others);
		const latencies = await keyLatencies(2);
		report(t, `key to screen with the seed dead: ${await describeTimes(latencies)}`);
		await etcd.restart(gone.name);
		await allAnswering(etcd, `${gone.name} to answer again`);
	} finally {
		await etcd.ensureRunning(gone.name);
	}
});

void test('the leader killed: the new leader is shown once the others have elected it', {timeout: 90_000}, async t => {
	const etcd = cluster();
	const leader = await leaderOf(etcd);
	await screenOf().waitForScreen(`the header to name ${leader.name}`, screen => headerLeader(screen) === leader.name);
	try {
		await etcd.kill(leader.name);
		const killedAt = Date.now();
		const elected = await waitFor('the others to elect a leader', async () => {
			const next = await leaderOf(etcd).catch(() => undefined);
			return next === undefined || next === leader ? undefined : next;
		}, {timeoutMs: 30_000, intervalMs: 100});
		const electedAt = Date.now();
		const shown = await screenOf().waitForScreen(`the header to name ${elected.name}`, screen => headerLeader(screen) === elected.name);
		report(t, `new leader ${elected.name} elected ${electedAt - killedAt} ms after the kill, on screen ${Date.now() - electedAt} ms later`);
		assert.equal(endpointLines(shown).get(elected.clientUrl)?.isLeader, true, `${elected.name}'s row says it leads:\n${shown}`);
		assert.ok(shown.includes(`${leader.name} unreachable`), `the old leader is shown unreachable:\n${shown}`);
		await etcd.restart(leader.name);
		await allAnswering(etcd, `${leader.name} back as a follower`);
	} finally {
		await etcd.ensureRunning(leader.name);
	}
});
