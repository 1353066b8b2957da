import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {LocalCluster, type JoiningSettings} from '../../source/demo/local-cluster.ts';
import {startAuthClusterForFile} from '../support/cluster.ts';
import {tempDirForFile} from '../support/temp-dir.ts';
import {memberLines} from '../support/dashboard-screen.ts';
import {parseEtcdJson} from '../support/etcd-json.ts';
import {launchEtcdeck, selectRow} from '../support/etcdeck-in-terminal.ts';
import {freeLoopbackHost} from '../support/loopback-host.ts';
import {readEnvironmentLines, readFlagLines, settingLines} from '../support/settings-files.ts';
import {chordFor, startTerminalForFile, type TmuxTerminal} from '../support/tmux.ts';

/**
 * Deephaven's "Add etcd nodes", done from the keyboard on a cluster with TLS (client certificates
 * demanded) and authentication: nodes added one at a time as learners, each started with the settings
 * etcdeck wrote for it, watched until in sync, promoted; 3 voters become 5.
 */
const seeded = Array.from({length: 1000}, (_, index) => [`/seed/${String(index).padStart(4, '0')}`, `value ${index}`] as const);
// Data for the new nodes to catch up on, then authentication on.
const cluster = startAuthClusterForFile({voters: 3, tls: {clientCertAuth: true}}, seeded);
// Wide enough that no settings line wraps: the screen is compared with the file line for line.
const terminal = startTerminalForFile({columns: 220, rows: 50});
const scratch = tempDirForFile('etcdeck-e2e-add-nodes-');

/** etcd's default client port: each new node is on a loopback address of its own, as on a host of its own. */
const clientPort = 2379;

/** The Deephaven client directory of root, so no password is typed where the screen shows it. */
function rootClientDir(etcd: LocalCluster): string {
	const dir = path.join(scratch(), 'client-root');
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'endpoints'), `${etcd.voterEndpoints[0]!}\n`);
	writeFileSync(path.join(dir, 'user'), `${etcd.auth!.root.username}\n`);
	writeFileSync(path.join(dir, 'password'), `${etcd.auth!.root.password}\n`);
	return dir;
}

function memberRow(screen: string, name: string) {
	return memberLines(screen).find(row => row.name === name);
}

function quorumOf(voters: number): number {
	return Math.floor(voters / 2) + 1;
}

/** How one node is added: from pane 1's key or from the : line, and which of the settings' forms it is started from. */
interface NodePlan {
	name: string;
	route: 'key' | 'command-line';
	form: 'env' | 'flags';
}

/**
 * Opens the add line the plan's way with NAME PEER-URL typed, confirms, and returns the settings view.
 * etcd refuses a change for a few seconds after its voters changed ("unhealthy cluster"): that refusal,
 * said in the header, is retried from the start until a deadline.
 */
async function addLearner(screen: TmuxTerminal, plan: NodePlan, peerUrl: string, voters: number): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (plan.route === 'key') {
			await screen.press(chordFor('member-add'));
			await screen.waitForScreen('the add line', text => text.includes('Add a member (a learner'));
			await screen.write(`${plan.name} ${peerUrl}`);
		} else {
			await screen.press(chordFor('command-line'));
			await screen.waitForScreen('the : line', text => /^:\s+Tab completes/m.test(text));
			await screen.write(`member add ${plan.name} ${peerUrl}`);
			await screen.waitForScreen('the command typed', text => text.includes(`:member add ${plan.name} ${peerUrl}`));
			await screen.press(chordFor('command-run', 'command-line'));
			await screen.waitForScreen('the add line, filled in', text => text.includes(`> ${plan.name} ${peerUrl}`));
		}

		await screen.press(chordFor('membership-submit', 'member-add-form'));
		// Whole: the box drawn to its bottom border (a capture can land mid-frame, after the title and before the rest).
		const confirmation = await screen.waitForScreen('the add confirmation', text => text.includes(`Add ${plan.name} as a learner?`) && text.slice(text.indexOf(`Add ${plan.name} as a learner?`)).includes('╰'));
		assert.ok(confirmation.includes(`member add ${plan.name} --peer-urls=${peerUrl} --learner`), `the etcdctl equivalent:\n${confirmation}`);
		// A learner leaves the voters and their quorum as they are.
		assert.match(confirmation, new RegExp(`Voters +${voters} → ${voters} \\(quorum ${quorumOf(voters)} → ${quorumOf(voters)}\\)`), confirmation);
		await screen.press(chordFor('membership-confirm', 'member-add-confirm'));
		// The confirmation closes when etcd has answered; the settings open at once if it accepted.
		const outcome = await screen.waitForScreen('etcd\'s answer', text => !text.includes(`Add ${plan.name} as a learner?`));
		if (outcome.includes(`Settings for new member ${plan.name} (`)) {
			return outcome;
		}

		assert.match(outcome, new RegExp(`${plan.name}.*unhealthy cluster`), `the header says why etcd refused:\n${outcome}`);
		assert.ok(Date.now() < deadline, `etcd still refuses to add ${plan.name}:\n${outcome}`);
	}
}

/** Writes the settings in the plan's form with the view's key, checks the file against the screen, and reads it back. */
async function writtenSettings(screen: TmuxTerminal, plan: NodePlan): Promise<JoiningSettings> {
	if (plan.form === 'flags') {
		await screen.press(chordFor('settings-next-format', 'new-member-settings'));
		await screen.waitForScreen('the flags form', text => text.includes(`--name=${plan.name}`));
	}

	await screen.press(chordFor('settings-write', 'new-member-settings'));
	const file = path.join(scratch(), `${plan.name}.${plan.form}`);
	const shown = await screen.waitForScreen('the settings written', text => text.includes(`written to ${file} (0600)`));
	assert.equal(statSync(file).mode & 0o777, 0o600, `${file} is 0600`);
	const text = readFileSync(file, 'utf8');
	const onScreen = new Set(shown.split('\n').map(line => line.replace(/^\s*│\s*/, '').replace(/\s*│\s*$/, '')));
	for (const line of settingLines(text)) {
		assert.ok(onScreen.has(line), `the file's line is on screen as it is: ${line}\n${shown}`);
	}

	await screen.press(chordFor('settings-close', 'new-member-settings'));
	return plan.form === 'env' ? {environment: readEnvironmentLines(text)} : {flags: readFlagLines(text)};
}

void test('3 voters → add a learner by keystrokes → start its etcd with the settings etcdeck wrote → in sync → promote; twice: 5 voters, etcdctl agrees', {timeout: 180_000}, async () => {
	const etcd = cluster();
	const {tls} = etcd;
	assert.ok(tls);
	const screen = terminal();
	const run = await launchEtcdeck(screen, ['--client-dir', rootClientDir(etcd), '--cacert', tls.ca.certFile, '--cert', tls.client.certFile, '--key', tls.client.keyFile, '--refresh', '500', '--timeout', '5000', '--snapshot-dir', scratch()], scratch());
	try {
		await screen.waitForScreen('3 voters, quorum 2', text => /voters 3 {2}learners 0 {2}healthy 3\/3 {2}quorum 2 /.test(text));
		const plans: NodePlan[] = [{name: 'etcd-4', route: 'key', form: 'env'}, {name: 'etcd-5', route: 'command-line', form: 'flags'}];
		for (const [index, plan] of plans.entries()) {
			const {host, port} = await freeLoopbackHost(clientPort);
			const peerUrl = `http://${host}:${port}`;
			const settingsView = await addLearner(screen, plan, peerUrl, 3 + index);
			assert.ok(settingsView.includes(`https://${host}:${clientPort}`), `the client URL has the cluster's scheme and etcd's port:\n${settingsView}`);
			const settings = await writtenSettings(screen, plan);
			// Unstarted, it has no name yet (etcd learns it when the member first joins): its peer URL is its row's.
			await screen.waitForScreen(`${plan.name} unstarted`, text => memberLines(text).some(row => row.status === 'unstarted' && row.line.includes(` ${peerUrl} `)));

			const member = await etcd.startJoining(settings);
			assert.equal(member.clientUrl, `https://${host}:${clientPort}`);
			await screen.waitForScreen(`${plan.name} in sync, ready to promote`, text => {
				const row = memberRow(text, plan.name);
				return row?.status === 'started' && row.role === 'learner' && row.line.includes('in sync: ready to promote');
			}, 60_000);

			await selectRow(screen, plan.name, 8);
			await screen.press(chordFor('promote'));
			await screen.waitForScreen('the promote confirmation', text => text.includes('member promote'));
			await screen.press(chordFor('confirm', 'confirm'));
			await screen.waitForScreen(`${plan.name} promoted`, text => new RegExp(`${plan.name} \\([\\da-f]+\\) promoted to voter`).test(text));
			etcd.promoted(plan.name);
			await screen.waitForScreen(`${4 + index} voters`, text => text.includes(`voters ${4 + index}  learners 0`));
		}

		const listed = (await etcd.etcdctl(['member', 'list'], {endpoints: etcd.voterEndpoints})).trim().split('\n');
		assert.equal(listed.length, 5, listed.join('\n'));
		for (const line of listed) {
			assert.match(line, /, started, .*, false$/, `etcdctl lists a started voter: ${line}`);
		}

		assert.deepEqual(listed.map(line => line.split(', ')[2]).sort(), [...etcd.members.map(member => member.name)].sort());
		for (const plan of plans) {
			const keys = parseEtcdJson<{count?: number}>(await etcd.etcdctl(['get', '/seed/', '--prefix', '--keys-only', '-w', 'json'], {endpoints: [etcd.member(plan.name).clientUrl]}));
			assert.equal(keys.count, seeded.length, `${plan.name} holds every key`);
		}

		await screen.waitForScreen('5 voters, quorum 3 in the header', text => /voters 5 {2}learners 0 {2}healthy 5\/5 {2}quorum 3 {2}tolerates 2 failures/.test(text));

		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});
