import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {freePorts} from '../../source/backup/free-ports.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {createCertificateAuthority, type CertificateAuthority} from '../../source/demo/throwaway-pki.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from '../support/etcd-json.ts';
import {statusServedWithoutUser} from '../support/etcd-line.ts';
import {launchEtcdeck, selectRow} from '../support/etcdeck-in-terminal.ts';
import {chordFor, TmuxTerminal} from '../support/tmux.ts';

/**
 * Bad input in a real terminal: what the operator reads, the exit code, that the dashboard never took
 * the screen when it refused, and that the cluster is exactly as before (member list, a key's revision,
 * the leader). The messages themselves are pinned headlessly in test/integration/auth-tls.test.ts; this
 * file runs them where they are met, with a terminal attached, so the dashboard path is the one taken.
 */
let plain: LocalCluster;
let secure: LocalCluster;
let otherCa: CertificateAuthority;
let scratch: string;
let terminal: TmuxTerminal | undefined;
/** Each cluster as it was before any case ran: no case may change it. */
const factsAtStart = new Map<LocalCluster, string>();
const sentinel = '/e2e/bad-input/sentinel';

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-bad-input-'));
	[plain, secure] = await LocalCluster.startAll([
		{voters: 1, learners: 1},
		{voters: 1, tls: {}},
	]) as [LocalCluster, LocalCluster];
	await secure.enableAuth();
	otherCa = await createCertificateAuthority(path.join(scratch, 'other-ca'), 'other-ca');
	await Promise.all([plain, secure].map(async etcd => {
		await etcd.etcdctl(['put', sentinel, 'untouched'], {endpoints: etcd.voterEndpoints});
		factsAtStart.set(etcd, await clusterFacts(etcd));
	}));
	terminal = await TmuxTerminal.start({columns: 120, rows: 30});
	// The operator's own etcdctl settings must not decide a case.
	await terminal.type('unset ETCDCTL_ENDPOINTS ETCDCTL_USER ETCDCTL_PASSWORD ETCDCTL_CACERT ETCDCTL_CERT ETCDCTL_KEY');
}, {timeout: 120_000});

after(async () => {
	await terminal?.stop();
	await Promise.all([plain?.stop(), secure?.stop()]);
	rmSync(scratch, {recursive: true, force: true});
});

function screenOf(): TmuxTerminal {
	assert.ok(terminal, 'the terminal has started');
	return terminal;
}

/** What a refused or harmless run must leave alone: the member list, the sentinel key's revisions, the leader. */
async function clusterFacts(etcd: LocalCluster): Promise<string> {
	const endpoints = etcd.voterEndpoints;
	const members = await etcd.etcdctl(['member', 'list'], {endpoints});
	const key = parseEtcdJson<{header: {revision: number}; kvs: Array<{mod_revision: number; version: number}>}>(await etcd.etcdctl(['get', sentinel, '-w', 'json'], {endpoints}));
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await etcd.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints}));
	return [
		members.trim(),
		`revision ${key.header.revision}; ${sentinel} mod_revision ${key.kvs[0]?.mod_revision} version ${key.kvs[0]?.version}`,
		`leader ${statuses.map(status => status.Status.leader).join(',')}`,
	].join('\n');
}

/** The screen with wrapped lines joined, so a message longer than the terminal is one line again. */
async function unwrapped(): Promise<string> {
	return screenOf().screen({joinWrapped: true});
}

async function clearScreen(): Promise<void> {
	await screenOf().type('clear');
	await screenOf().waitForScreen('a cleared screen', screen => screen.trim() === '$');
}

/**
 * Starts etcdeck with `args` in the terminal and expects it to refuse before drawing anything: exit 2,
 * every one of `expected` on screen, the alternate screen never entered, `etcd` unchanged.
 */
async function assertRefused(etcd: LocalCluster, args: string[], expected: readonly string[]): Promise<void> {
	await clearScreen();
	const run = await launchEtcdeck(screenOf(), ['--timeout', '1500', ...args], scratch);
	const code = await run.exitCode();
	const screen = await unwrapped();
	assert.equal(code, 2, screen);
	assert.equal(await screenOf().onAlternateScreen(), false, 'the shell\'s screen is as it was');
	for (const text of expected) {
		assert.ok(screen.includes(text), `the screen says "${text}":\n${await screenOf().screen()}`);
	}

	await assertUnchanged(etcd);
}

async function assertUnchanged(etcd: LocalCluster): Promise<void> {
	assert.equal(await clusterFacts(etcd), factsAtStart.get(etcd), 'the cluster is as it was at the start');
}

void describe('refused before the dashboard starts', () => {
	void test('a malformed endpoint among good ones', async () => {
		await assertRefused(plain, ['--endpoints', `${plain.voterEndpoints[0]},http://127.0.0.1:23x9`], ['etcdeck: --endpoints: "http://127.0.0.1:23x9" has port "23x9", which is not a number']);
		await assertRefused(plain, ['--endpoints', `ftp://${plain.voterEndpoints[0]!.slice('http://'.length)}`], ['uses ftp; etcd endpoints are http:// or https://']);
	});

	void test('no endpoints at all', async () => {
		await assertRefused(plain, [], ['etcdeck: no endpoints: pass --endpoints URL[,URL...], set ETCDCTL_ENDPOINTS, or give --client-dir']);
	});

	void test('unreachable endpoints: each is named with its reason', async () => {
		const ports = await freePorts(2);
		const endpoints = ports.map(port => `http://127.0.0.1:${port}`);
		await assertRefused(plain, ['--endpoints', endpoints.join(',')], ['etcdeck: cannot reach the cluster:', ...endpoints.map(endpoint => `${endpoint}: connection refused`)]);
	});

	void test('a wrong password', async () => {
		const wrong = `wrong-${randomBytes(6).toString('hex')}`;
		await assertRefused(secure, ['--endpoints', secure.endpoints[0]!, '--cacert', secure.tls!.ca.certFile, '--user', `root:${wrong}`], [`${secure.endpoints[0]!}: authentication failed: wrong user name or password`]);
	});

	void test('a user on a cluster without authentication', async () => {
		await assertRefused(plain, ['--endpoints', plain.voterEndpoints[0]!, '--user', 'root:secret'], ['this cluster has authentication disabled: leave the user out']);
	});

	void test('https without --cacert, and with a CA that did not sign the server\'s certificate', async () => {
		const endpoint = secure.endpoints[0]!;
		await assertRefused(secure, ['--endpoints', endpoint], [`${endpoint}: TLS: the server's certificate is not signed by a CA this system trusts: pass --cacert`]);
		await assertRefused(secure, ['--endpoints', endpoint, '--cacert', otherCa.certFile], [`${endpoint}: TLS: the server's certificate is not signed by the --cacert CA`]);
	});

	void test('a client certificate or key file that is not there', async () => {
		const {ca, client} = secure.tls!;
		const missing = path.join(scratch, 'missing.pem');
		const base = ['--endpoints', secure.endpoints[0]!, '--cacert', ca.certFile];
		await assertRefused(secure, [...base, '--cert', missing, '--key', client.keyFile], [`etcdeck: --cert: file ${missing} does not exist`]);
		await assertRefused(secure, [...base, '--cert', client.certFile, '--key', missing], [`etcdeck: --key: file ${missing} does not exist`]);
	});

	void test('--client-dir missing, or with a user but no password', async () => {
		const missing = path.join(scratch, 'no-client-dir');
		await assertRefused(secure, ['--client-dir', missing], [`etcdeck: --client-dir: ${missing} does not exist`]);
		const incomplete = path.join(scratch, 'client-no-password');
		mkdirSync(incomplete);
		writeFileSync(path.join(incomplete, 'endpoints'), secure.endpoints[0]!);
		writeFileSync(path.join(incomplete, 'user'), 'root');
		await assertRefused(secure, ['--client-dir', incomplete], [`etcdeck: --client-dir: ${incomplete} has a "user" file but no "password" file`]);
	});
});

void describe('met in the dashboard', () => {
	void test('authentication enabled but no user: where etcd serves status without one (3.4) the dashboard opens and a snapshot is refused saying to pass --user; else the start is refused saying so', {timeout: 60_000}, async () => {
		if (!await statusServedWithoutUser(secure, secure.endpoints[0]!)) {
			// etcd 3.5.30 refuses Status to a client without a user: nothing to show but the reason.
			await assertRefused(secure, ['--endpoints', secure.endpoints[0]!, '--cacert', secure.tls!.ca.certFile], ['this cluster has authentication enabled: pass --user NAME[:PASSWORD] (or set ETCDCTL_USER)']);
			return;
		}

		const screen = screenOf();
		const snapshots = path.join(scratch, 'no-user-snapshots');
		mkdirSync(snapshots);
		await clearScreen();
		const run = await launchEtcdeck(screen, ['--endpoints', secure.endpoints[0]!, '--cacert', secure.tls!.ca.certFile, '--snapshot-dir', snapshots], scratch);
		try {
			await screen.waitForScreen('the dashboard with the member answering', text => text.includes('healthy 1/1') && text.includes(' m1 '));
			await screen.press(chordFor('snapshot'));
			await screen.waitForScreen('the snapshot form', text => text.includes('Save a snapshot'));
			await screen.press(chordFor('snapshot-save', 'snapshot-form'));
			await screen.waitForScreen('the snapshot to fail', text => text.includes('✖ Snapshot failed') && text.includes('this cluster has authentication enabled'));
			assert.deepEqual(readdirSync(snapshots), [], 'nothing written');
			await screen.press(chordFor('snapshot-dismiss', 'snapshot-job'));
			// The failure box is one line; the action log has the whole reason.
			await screen.press(chordFor('toggle-action-log'));
			const log = boxText(await screen.waitForScreen('the action log', text => text.includes('Action log')));
			assert.ok(log.includes('this cluster has authentication enabled: pass --user NAME[:PASSWORD] (or set ETCDCTL_USER)'), log);
			await screen.press(chordFor('close', 'action-log'));
			await screen.press(chordFor('quit'));
			assert.equal(await run.exitCode(), 0);
		} finally {
			await run.stop();
		}

		await assertUnchanged(secure);
	});

	void test('a terminal smaller than 80x24 says so and draws nothing else; made bigger, the dashboard appears', {timeout: 60_000}, async () => {
		const screen = screenOf();
		await clearScreen();
		await screen.resize(70, 20);
		const run = await launchEtcdeck(screen, ['--endpoints', plain.voterEndpoints[0]!], scratch);
		try {
			const small = await screen.waitForScreen('the too-small notice', text => text.includes('etcdeck needs at least'));
			const text = small.replaceAll(/\s+/g, ' ').trim();
			assert.equal(text, 'The terminal is 70x20; etcdeck needs at least 80x24. Enlarge the window, or press q to quit.', `only the notice is drawn:\n${small}`);
			assert.ok(await screen.onAlternateScreen());
			await screen.resize(120, 30);
			await screen.waitForScreen('the dashboard once the terminal is big enough', next => next.includes('PEER ADDRS') && next.includes(' m1 ') && next.includes(' learner1 '));
			await screen.resize(79, 30);
			const narrow = await screen.waitForScreen('the notice again at 79 columns', next => next.includes('The terminal is 79x30'));
			assert.equal(narrow.replaceAll(/\s+/g, ' ').trim(), 'The terminal is 79x30; etcdeck needs at least 80x24. Enlarge the window, or press q to quit.', `nothing of the dashboard is left:\n${narrow}`);
			await screen.press(chordFor('quit'));
			assert.equal(await run.exitCode(), 0);
		} finally {
			await run.stop();
			await screen.resize(120, 30);
		}
	});

	void test('a snapshot path in a missing or unwritable directory: the reason on screen, nothing written', {timeout: 60_000}, async () => {
		const screen = screenOf();
		const missingDir = path.join(scratch, 'no-such-dir');
		const lockedDir = path.join(scratch, 'locked');
		mkdirSync(lockedDir);
		lockDirectory(lockedDir);
		await clearScreen();
		const run = await launchEtcdeck(screen, ['--endpoints', plain.voterEndpoints[0]!], scratch);
		try {
			await screen.waitForScreen('the dashboard', text => text.includes(' m1 ') && text.includes(' learner1 '));
			for (const [dir, reason] of [[missingDir, 'no such file or directory'], [lockedDir, process.getuid?.() === 0 ? 'operation not permitted' : 'permission denied']] as const) {
				const target = path.join(dir, 'etcd.db');
				await screen.press(chordFor('snapshot'));
				await screen.waitForScreen('the snapshot form', text => text.includes('Save a snapshot'));
				await screen.press(chordFor('snapshot-clear-path', 'snapshot-form'));
				// Ink hands a read of several bytes over as one input: typed before Ctrl-U is seen, both would be lost.
				await screen.waitForScreen('the path cleared', text => /│ Target +│/.test(text));
				await screen.press({input: target});
				await screen.waitForScreen(`the path ${target} typed`, text => text.includes(`Target ${target}`));
				await screen.press(chordFor('snapshot-save', 'snapshot-form'));
				const failed = await screen.waitForScreen('the snapshot to fail', text => text.includes('✖ Snapshot failed'));
				assert.ok(failed.includes(reason), `the reason "${reason}" is on screen:\n${failed}`);
				assert.ok(failed.includes(`Nothing was left at ${target}`), failed);
				await screen.press(chordFor('snapshot-dismiss', 'snapshot-job'));
				await screen.waitForScreen('the job box closed', text => !text.includes('✖ Snapshot failed'));
			}

			assert.equal(existsSync(missingDir), false, 'the missing directory was not made');
			assert.deepEqual(readdirSync(lockedDir), [], 'nothing was written in the locked directory');
			await screen.press(chordFor('quit'));
			assert.equal(await run.exitCode(), 0);
		} finally {
			await run.stop();
			unlockDirectory(lockedDir);
		}

		await assertUnchanged(plain);
	});

	void test('promote of a voter and move-leader to a learner: refused with the reason, no dialog, the cluster unchanged', {timeout: 60_000}, async () => {
		const screen = screenOf();
		await clearScreen();
		const run = await launchEtcdeck(screen, ['--endpoints', plain.voterEndpoints[0]!, '--refresh', '500'], scratch);
		try {
			await screen.waitForScreen('both members', text => text.includes(' m1 ') && text.includes(' learner1 '));
			await selectRow(screen, 'm1');
			await screen.press(chordFor('promote'));
			const promote = await screen.waitForScreen('the promote refusal', text => /Cannot promote m1 \([0-9a-f]+\): it is a voter already; only a learner can be promoted/.test(text));
			assert.ok(!promote.includes('member promote'), `no confirmation opened:\n${promote}`);
			await selectRow(screen, 'learner1');
			await screen.press(chordFor('move-leader'));
			const move = await screen.waitForScreen('the move-leader refusal', text => /Cannot move leadership to learner1 \([0-9a-f]+\): a learner cannot lead \(promote it first\)/.test(text));
			assert.ok(!move.includes('move-leader '), `no confirmation opened:\n${move}`);
			await screen.press(chordFor('quit'));
			assert.equal(await run.exitCode(), 0);
		} finally {
			await run.stop();
		}

		await assertUnchanged(plain);
	});
});

/** The text inside a bordered box on screen, its lines joined: what wrapWords broke is one string again. */
function boxText(screen: string): string {
	return screen.split('\n').map(line => line.replace(/^\s*│/, '').replace(/│\s*$/, '').trim()).join(' ').replaceAll(/\s+/g, ' ');
}

/**
 * Makes a directory nobody may write in: root ignores modes, so for root it is made immutable. An
 * immutable directory cannot be removed either, so it is unlocked on exit too if the test dies first.
 */
function lockDirectory(dir: string): void {
	if (process.getuid?.() === 0) {
		execFileSync('chattr', ['+i', dir]);
		process.once('exit', () => {
			unlockDirectory(dir);
		});
	} else {
		chmodSync(dir, 0o555);
	}
}

function unlockDirectory(dir: string): void {
	if (process.getuid?.() === 0) {
		// Also on exit, when the test may have unlocked it already (or the directory is gone).
		spawnSync('chattr', ['-i', dir]);
	} else {
		chmodSync(dir, 0o755);
	}
}
