import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster, type LocalClusterAuth} from '../../source/demo/local-cluster.ts';
import type {FleetCommand} from '../../source/ui/fleet/fleet-bindings.ts';
import {launchEtcdeck, selectRow} from '../support/etcdeck-in-terminal.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

/**
 * The fleet in a real terminal with two real clusters: east (plain http, three voters) and west (https
 * with client certificates, authentication on, one voter and a learner, read-only in the config file).
 * The fleet shows both as they are; Enter opens the selected one's dashboard, whose header names its
 * context; Esc goes back to the fleet, and Enter on the other row switches to the other cluster.
 */
let east: LocalCluster;
let west: LocalCluster;
let auth: LocalClusterAuth;
let scratch: string;
let config: string;
const passwordVariable = 'ETCDECK_E2E_WEST_PASSWORD';
const terminal = startTerminalForFile({columns: 120, rows: 30, env: {CI: 'true'}});

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-contexts-'));
	[east, west] = await LocalCluster.startAll([
		{voters: 3},
		{voters: 1, learners: 1, tls: {clientCertAuth: true}},
	]) as [LocalCluster, LocalCluster];
	auth = await west.enableAuth();
	const tls = west.tls!;
	config = path.join(scratch, 'config.yaml');
	writeFileSync(config, `current-context: east
contexts:
  - name: east
    endpoints: [${east.voterEndpoints[0]!}]
    refresh: 500
  - name: west
    endpoints: [${west.voterEndpoints[0]!}]
    cacert: ${tls.ca.certFile}
    cert: ${tls.client.certFile}
    key: ${tls.client.keyFile}
    user: root
    password-env: ${passwordVariable}
    read-only: true
    refresh: 500
`);
}, {timeout: 120_000});

after(async () => {
	await Promise.all([east?.stop(), west?.stop()]);
	rmSync(scratch, {recursive: true, force: true});
});

const fleetKey = (command: FleetCommand) => chordFor(command, 'fleet');
const rowOf = (screen: string, name: string) => screen.split('\n').find(line => new RegExp(`^. ${name}( \\(read-only\\))? +(healthy|degraded|connecting)`).test(line));

test('the fleet shows both clusters as they are; Enter opens one, a read-only context refuses p, Esc goes back, Enter opens the other, :ctx and :fleet move too; q ends etcdeck', {timeout: 120_000}, async () => {
	const screen = terminal();
	await screen.type(`export ${passwordVariable}=${auth.root.password}`);
	const run = await launchEtcdeck(screen, ['--config', config], scratch);
	try {
		const fleet = await screen.waitForScreen('both contexts healthy in the fleet', text => /etcdeck fleet {2}2 contexts: 2 healthy/.test(text) && rowOf(text, 'east') !== undefined && rowOf(text, 'west') !== undefined, 30_000);
		assert.match(rowOf(fleet, 'east')!, /east +healthy +m\d +3\/3 q2 +0 /);
		assert.match(rowOf(fleet, 'west')!, /west \(read-only\) +healthy +m1 +1\/1 q1 +1 /);
		assert.ok(!fleet.includes(auth.root.password), 'no password on screen');
		assert.match(rowOf(fleet, 'east')!, /^› /, 'the current context is selected');

		await screen.press(fleetKey('fleet-next'));
		await screen.waitForScreen('west selected', text => /^› west/m.test(text));
		await screen.press(fleetKey('fleet-open'));
		const dashboard = await screen.waitForScreen('west\'s dashboard with its voter and learner', text => /\bm1\b/.test(text) && /learner1/.test(text) && !text.includes('etcdeck fleet'), 30_000);
		assert.match(dashboard.split('\n')[0]!, /^etcdeck {2}context west read-only {2}cluster [\da-f]+ {2}leader m1/, 'the header names the context, read-only');

		// A read-only context refuses p on its learner, saying why.
		await selectRow(screen, 'learner1');
		await screen.press(chordFor('promote'));
		await screen.waitForScreen('p refused', text => /promote is off/.test(text));

		// Esc: back to the fleet, west still selected; then the other cluster.
		await screen.press(chordFor('fleet'));
		await screen.waitForScreen('the fleet again, west selected', text => text.includes('etcdeck fleet') && /^› west/m.test(text));
		await screen.press(fleetKey('fleet-previous'));
		await screen.waitForScreen('east selected', text => /^› east/m.test(text));
		await screen.press(fleetKey('fleet-open'));
		const other = await screen.waitForScreen('east\'s dashboard with its three voters', text => text.split('\n')[0]!.startsWith('etcdeck  context east  cluster') && ['m1', 'm2', 'm3'].every(name => text.includes(` ${name} `)), 30_000);
		assert.ok(!other.includes('learner1'), 'east\'s own members, not west\'s');
		assert.ok(!other.split('\n')[0]!.includes('read-only'), 'east is not read-only');

		// :ctx NAME from a dashboard switches straight to the other context; :fleet goes back.
		await screen.press(chordFor('command-line'));
		await screen.type('ctx west');
		await screen.waitForScreen('west\'s dashboard after :ctx west', text => text.split('\n')[0]!.startsWith('etcdeck  context west read-only  cluster') && text.includes('learner1'), 30_000);
		await screen.press(chordFor('command-line'));
		await screen.type('ctx esams');
		await screen.waitForScreen('the refusal of a context that is not there', text => /no context is named "esams" \(there are east, west\)/.test(text));
		await screen.press(chordFor('command-line'));
		await screen.type('fleet');
		await screen.waitForScreen('the fleet after :fleet, west selected', text => text.includes('etcdeck fleet') && /^› west/m.test(text));

		await screen.press(fleetKey('fleet-quit'));
		assert.equal(await run.exitCode(), 0);
		assert.equal(await screen.onAlternateScreen(), false, 'the terminal is restored');
	} finally {
		await run.stop();
	}
});
