import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runEtcdctl, type EtcdUser} from '../../source/demo/local-cluster.ts';
import {startAuthClusterForFile} from '../support/cluster.ts';
import {tempDirForFile} from '../support/temp-dir.ts';
import {launchEtcdeck, selectRow} from '../support/etcdeck-in-terminal.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

/** 3 voters and a learner, TLS with client certificates and authentication: the add-node procedure's cluster. */
const cluster = startAuthClusterForFile({voters: 3, learners: 1, tls: {clientCertAuth: true}}, [['/limited/schema/orders', '{"v":1}'], ['/limited/schema/users', '{"v":2}'], ['/elsewhere/secret', 's']]);
const terminal = startTerminalForFile({columns: 160, rows: 34});
const scratch = tempDirForFile('etcdeck-e2e-auth-learner-');

function tlsArgs(): string[] {
	const {tls} = cluster();
	assert.ok(tls);
	return ['--cacert', tls.ca.certFile, '--cert', tls.client.certFile, '--key', tls.client.keyFile];
}

/** A Deephaven-style client directory for the user, so no password is typed where the screen shows it. */
function clientDir(user: EtcdUser): string {
	const dir = path.join(scratch(), `client-${user.username}`);
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'endpoints'), `${cluster().voterEndpoints[0]!}\n`);
	writeFileSync(path.join(dir, 'user'), `${user.username}\n`);
	writeFileSync(path.join(dir, 'password'), `${user.password}\n`);
	return dir;
}

/** The endpoints pane's row of `endpoint` (not the detail line under the table). */
function endpointRow(screen: string, endpoint: string): string | undefined {
	return screen.split('\n').find(line => new RegExp(`^[› ] (?:\\S+)? +${endpoint.replaceAll('.', '\\.')} `).test(line));
}

/** A row with figures: a version and a raft index of more than a few entries. */
function hasFigures(row: string | undefined): boolean {
	return row !== undefined && /\b3\.\d+\.\d+\b/.test(row) && row.split(/\s+/).some(word => /^\d+$/.test(word) && Number(word) > 10);
}

void test('a user who may only read /limited/: the dashboard opens with every member and its figures, browses its prefix, and is told promote needs root', {timeout: 120_000}, async t => {
	const etcd = cluster();
	const user = etcd.auth!.limited;
	// What etcd itself says to this user: etcd 3.5.30 refuses Status, 3.4 answers it.
	const denied = await runEtcdctl([`--endpoints=${etcd.voterEndpoints[0]!}`, `--cacert=${etcd.tls!.ca.certFile}`, `--cert=${etcd.tls!.client.certFile}`, `--key=${etcd.tls!.client.keyFile}`, `--user=${user.username}:${user.password}`, 'endpoint', 'status']).then(
		() => false,
		(error: unknown) => {
			assert.match(String(error), /permission denied/);
			return true;
		},
	);
	t.diagnostic(denied ? 'etcd refuses Status to the user: figures from /metrics' : 'etcd answers Status to the user');
	const screen = terminal();
	const run = await launchEtcdeck(screen, ['--client-dir', clientDir(user), ...tlsArgs(), '--refresh', '500', '--prefix', '/limited/'], scratch());
	try {
		await screen.waitForScreen('every member on the members pane', text => etcd.members.every(member => text.includes(` ${member.name} `)));
		await screen.press(chordFor('endpoints'));
		const endpoints = await screen.waitForScreen('every endpoint with its figures', text => etcd.endpoints.every(endpoint => hasFigures(endpointRow(text, endpoint))));
		for (const endpoint of etcd.endpoints) {
			assert.equal(endpointRow(endpoints, endpoint)!.includes('figures from /metrics'), denied, endpointRow(endpoints, endpoint));
		}

		assert.equal(endpoints.includes('note: Status needs the root role on etcd 3.5: figures from /metrics'), denied, endpoints);
		assert.ok(!/[✖▲]/.test(endpoints), `no warning for a healthy cluster:\n${endpoints}`);

		await screen.press(chordFor('keys'));
		await screen.waitForScreen('its prefix, browsed', text => text.includes('schema/'));
		await screen.press(chordFor('keys-enter', 'keys'));
		await screen.waitForScreen('the keys under /limited/schema/', text => text.includes('orders') && text.includes('users'));

		if (denied) {
			await screen.press(chordFor('lag'));
			const learner = etcd.members.find(member => member.isLearner)!;
			await screen.waitForScreen('the learner on the lag pane', text => text.includes(` ${learner.name} `));
			await selectRow(screen, learner.name);
			await screen.press(chordFor('promote'));
			const refused = await screen.waitForScreen('promote refused before any confirmation', text => text.includes('needs the root role, which this user lacks'));
			assert.ok(!refused.includes('member promote'), `no confirmation dialog:\n${refused}`);
		}

		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});

void test('root on TLS + auth: the learner\'s row has its figures, it becomes ready, and promote by keystrokes makes it a voter', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const learner = etcd.members.find(member => member.isLearner)!;
	const screen = terminal();
	const run = await launchEtcdeck(screen, ['--client-dir', clientDir(etcd.auth!.root), ...tlsArgs(), '--refresh', '500'], scratch());
	try {
		await screen.press(chordFor('endpoints'));
		const endpoints = await screen.waitForScreen('every endpoint, the learner\'s included, with its figures', text => etcd.endpoints.every(endpoint => hasFigures(endpointRow(text, endpoint))));
		assert.match(endpointRow(endpoints, learner.clientUrl)!, /\btrue\b/, 'the learner row says IS LEARNER true');

		await screen.press(chordFor('lag'));
		await screen.waitForScreen(`${learner.name} ready to promote`, text => text.split('\n').some(line => line.includes(` ${learner.name} `) && line.includes('ready to promote')));
		await selectRow(screen, learner.name);
		await screen.press(chordFor('promote'));
		await screen.waitForScreen('the promote confirmation', text => text.includes('member promote'));
		await screen.press(chordFor('confirm', 'confirm'));
		await screen.waitForScreen('the promotion to succeed', text => text.includes('promoted to voter'));
		const members = await etcd.etcdctl(['member', 'list'], {endpoints: etcd.voterEndpoints});
		assert.match(members.split('\n').find(line => line.includes(`, ${learner.name}, `)) ?? '', /, false$/, `etcdctl member list shows ${learner.name} as a voter:\n${members}`);
		await screen.waitForScreen('four voters in the header', text => text.includes('voters 4'));

		await screen.press(chordFor('quit'));
		assert.equal(await run.exitCode(), 0);
	} finally {
		await run.stop();
	}
});
