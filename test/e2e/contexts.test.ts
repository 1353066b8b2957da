import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster, type LocalClusterAuth} from '../../source/demo/local-cluster.ts';
import {fleetBindings, type FleetCommand} from '../../source/ui/fleet/fleet-bindings.ts';
import {launchEtcdeck} from '../support/etcdeck-in-terminal.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

/**
 * The fleet in a real terminal with two real clusters: east (plain http, three voters) and west (https
 * with client certificates, authentication on, one voter and a learner, read-only in the config file).
 * The fleet shows both as they are; Enter opens the selected one's dashboard.
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

const fleetKey = (type: FleetCommand['type']) => fleetBindings.find(binding => binding.command.type === type)!.chords[0]!;
const rowOf = (screen: string, name: string) => screen.split('\n').find(line => new RegExp(`^. ${name}( \\(read-only\\))? +(healthy|degraded|connecting)`).test(line));

test('the fleet shows both clusters as they are; Enter opens the selected context\'s dashboard; q ends etcdeck', {timeout: 120_000}, async () => {
	const screen = terminal();
	await screen.type(`export ${passwordVariable}=${auth.root.password}`);
	const run = await launchEtcdeck(screen, ['--config', config], scratch);
	try {
		const fleet = await screen.waitForScreen('both contexts healthy in the fleet', text => /etcdeck fleet {2}2 contexts: 2 healthy/.test(text) && rowOf(text, 'east') !== undefined && rowOf(text, 'west') !== undefined, 30_000);
		assert.match(rowOf(fleet, 'east')!, /east +healthy +m\d +3\/3 q2 +0 /);
		assert.match(rowOf(fleet, 'west')!, /west \(read-only\) +healthy +m1 +1\/1 q1 +1 /);
		assert.ok(!fleet.includes(auth.root.password), 'no password on screen');
		assert.match(rowOf(fleet, 'east')!, /^› /, 'the current context is selected');

		await screen.press(fleetKey('select-next'));
		await screen.waitForScreen('west selected', text => /^› west/m.test(text));
		await screen.press(fleetKey('open'));
		const dashboard = await screen.waitForScreen('west\'s dashboard with its voter and learner', text => /\bm1\b/.test(text) && /learner1/.test(text) && !text.includes('etcdeck fleet'), 30_000);
		assert.match(dashboard, /read-only/, 'the read-only context says so');

		await screen.press(chordFor({type: 'quit'}));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});
