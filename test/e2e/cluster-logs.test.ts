import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {leaderOf, startClusterForFile} from '../support/cluster.ts';
import {launchEtcdeck} from '../support/etcdeck-in-terminal.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

// Three members writing etcd's zap JSON to files (LocalCluster: --logger=zap, NAME.log beside each
// data directory), tailed with one `tail -F` per member from a --log-command template.
const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 200, rows: 40});
const pidDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-cluster-logs-e2e-'));
test.after(() => {
	rmSync(pidDir, {recursive: true, force: true});
});

/** The Logs pane's lines on screen: time, level letter, the member that logged it, the rest. */
function logLines(screen: string): Array<{time: string; member: string; text: string}> {
	return [...screen.matchAll(/^(\d\d:\d\d:\d\d\.\d{3}) [EWID] (\S+) (.*)$/gm)].map(match => ({time: match[1]!, member: match[2]!, text: match[3]!}));
}


void test('a template whose command fails for one member: that member\'s reason in a row of its own, the other members\' lines go on', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const dir = path.dirname(etcd.members[0]!.logFile);
	const template = `if [ {name} = m2 ]; then echo "ssh: connect to host {host} port 22: Connection refused" >&2; exit 255; fi; exec tail -n +1 -F ${dir}/{name}.log`;
	const run = await launchEtcdeck(screen, ['--endpoints', etcd.endpoints[0]!, '--refresh', '500', '--log-command', template], pidDir);
	try {
		await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
		await screen.press(chordFor('logs'));
		const shown = await screen.waitForScreen('m2\'s failure and the others\' lines', text => text.includes('✖ m2: the log command exited with code 255: ssh: connect to host 127.0.0.1 port 22: Connection refused')
			&& logLines(text).some(line => line.member === 'm1') && logLines(text).some(line => line.member === 'm3')
			// The pane's status line too: a capture can land mid-frame, the top drawn and the bottom not yet.
			&& /2 of 3 tails streaming; failed: m2/.test(text), 30_000);
		assert.ok(!logLines(shown).some(line => line.member === 'm2'), 'no line of m2: its command failed');
		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});

void test('every member\'s log in one pane, merged in time order and named; f narrows to one member, F shows all; a killed member\'s peers name it', {timeout: 180_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const dir = path.dirname(etcd.members[0]!.logFile);
	const run = await launchEtcdeck(screen, ['--endpoints', etcd.endpoints[0]!, '--refresh', '500', '--log-command', `tail -n +1 -F ${dir}/{name}.log`], pidDir);
	try {
		await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
		await screen.press(chordFor('logs'));
		const strip = /^by member 15m\/all (.*)$/m;
		const merged = await screen.waitForScreen('lines of several members, merged', text => new Set(logLines(text).map(line => line.member)).size >= 2 && strip.test(text), 30_000);
		// The members in the member list's order, as every pane lists them.
		const order = strip.exec(merged)![1]!.split(' · ').map(part => part.split(' ')[0]!);
		assert.deepEqual([...order].sort(), ['m1', 'm2', 'm3']);
		const times = logLines(merged).map(line => line.time);
		assert.deepEqual(times, [...times].sort(), `lines in time order:\n${merged}`);
		assert.ok(!merged.includes('"msg"'), 'zap JSON is shown as its message and fields');

		// f: one member's lines alone, each member in turn; past the last, every member's again.
		for (const name of order) {
			await screen.press(chordFor('logs-member', 'logs'));
			const alone = await screen.waitForScreen(`${name}'s lines alone`, text => text.includes(`${name} only (f next, F all)`) && logLines(text).length > 0 && logLines(text).every(line => line.member === name));
			assert.ok(logLines(alone).some(line => line.text.includes('published local member to cluster through raft')), `${name}'s own start-up:\n${alone}`);
		}

		await screen.press(chordFor('logs-all-members', 'logs'));
		await screen.waitForScreen('every member again', text => !text.includes(' only (f next, F all)') && new Set(logLines(text).map(line => line.member)).size >= 2);

		// The same through the command line: `:logs MEMBER` shows that member.
		const named2 = order[1]!;
		await screen.press(chordFor('command-line'));
		await screen.type(`logs ${named2}`);
		await screen.waitForScreen(`:logs ${named2}`, text => text.includes(`${named2} only (f next, F all)`) && logLines(text).length > 0 && logLines(text).every(line => line.member === named2));
		await screen.press(chordFor('logs-all-members', 'logs'));
		await screen.waitForScreen('every member again', text => !text.includes(' only (f next, F all)'));

		// A killed member: the others log their lost streams and failed probes to it, and the pane names it.
		const leader = await leaderOf(etcd);
		const victim = etcd.members.find(member => member !== leader)!;
		const others = etcd.members.filter(member => member !== victim).map(member => member.name);
		await etcd.kill(victim.name);
		const lostSign = /lost (?:the )?TCP streaming connection|prober detected unhealthy|peer \S+ (?:unhealthy|inactive)/;
		const aboutVictim = (line: {text: string}) => lostSign.test(line.text) && (line.text.includes(`(${victim.name})`) || line.text.includes(`peer ${victim.name} `));
		const named = await screen.waitForScreen(`the others' lines naming ${victim.name}`, text => logLines(text).some(line => others.includes(line.member) && aboutVictim(line)), 60_000);
		assert.ok(logLines(named).filter(line => aboutVictim(line)).every(line => others.includes(line.member)), `only the living lose ${victim.name}:\n${named}`);

		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});
