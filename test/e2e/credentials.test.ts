import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {freePorts} from '../../source/backup/free-ports.ts';
import {LocalCluster, type LocalClusterAuth} from '../../source/demo/local-cluster.ts';
import {PtySession} from '../bench/pty-session.ts';
import {startRecordingListener, type RecordingListener} from '../support/recording-listener.ts';
import {etcdeckBin, runCli} from '../support/run-cli.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {chordFor} from '../support/tmux.ts';

/**
 * Credentials in a real terminal, on a cluster reached over https with authentication, one of whose
 * members advertises an http:// client URL (a wiretap of this test's in front of that member's own
 * plain port). The password is typed at etcdeck's prompt, as with etcdctl, and never echoed; given on
 * the command line it leaves the process list once read; it never reaches the wiretap, and the member's
 * row says why it is not contacted.
 */
let etcd: LocalCluster;
let auth: LocalClusterAuth;
let wiretap: RecordingListener;
let scratch: string;
const prompt = 'Password for etcd user root: ';

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-credentials-'));
	const [plainPort] = await freePorts(1);
	wiretap = await startRecordingListener({forwardTo: plainPort});
	etcd = await LocalCluster.start({voters: 1, tls: {}});
	await etcd.addLearner('sneaky', {advertiseClientUrl: wiretap.url, alsoListenOn: `http://127.0.0.1:${plainPort}`});
	auth = await etcd.enableAuth();
}, {timeout: 120_000});

after(async () => {
	await etcd?.stop();
	await wiretap?.close();
	rmSync(scratch, {recursive: true, force: true});
});

const refusal = () => `advertises ${wiretap.url} while the cluster was reached over TLS: not connecting, credentials would travel in the clear`;

function connection(): string[] {
	return ['--endpoints', etcd.voterEndpoints[0]!, '--cacert', etcd.tls!.ca.certFile];
}

function etcdeckInPty(args: readonly string[]): PtySession {
	return PtySession.start(process.execPath, [etcdeckBin, ...args], {columns: 200, rows: 40, cwd: scratch});
}

function assertPasswordNeverLeft(session: PtySession): void {
	assert.ok(!session.output().includes(auth.root.password), 'the password was written to the terminal (echoed?)');
	assert.equal(wiretap.connections(), 0, `etcdeck connected to the http:// URL (${wiretap.received().length} bytes)`);
	assert.ok(!wiretap.received().includes(auth.root.password));
}

void test('status with --user root and no password: asked for without echo, the member advertising http:// is not contacted', {timeout: 60_000}, async () => {
	const session = etcdeckInPty(['status', ...connection(), '--user', 'root']);
	try {
		await session.raw('the password prompt', prompt);
		session.press(`${auth.root.password}\r`);
		assert.equal(await session.exited, 1, session.describe());
		const text = session.output().toString('utf8');
		assert.ok(text.includes(refusal()), text);
		assert.match(text, /cluster [\da-f]+: degraded; leader m1/);
		assertPasswordNeverLeft(session);
	} finally {
		await session.stop();
	}
});

void test('the dashboard after the prompt: the member\'s row says why it is not contacted; every pane works', {timeout: 90_000}, async () => {
	const session = etcdeckInPty([...connection(), '--user', 'root', '--refresh', '500']);
	try {
		await session.raw('the password prompt', prompt);
		session.press(`${auth.root.password}\r`);
		await session.frame('the members', text => text.includes(' m1 ') && text.includes(' sneaky '));
		for (let step = 0; step < 3 && !/^› .* sneaky /m.test(session.frames.lastFrame!.text); step++) {
			const pressed = session.press(chordBytes(chordFor('select-next')));
			await session.frame('the selection to move', () => true, {after: pressed});
		}

		const selected = await session.frame('sneaky\'s row and why', text => /^› .* sneaky /m.test(text) && text.includes(`sneaky: unreachable: ${refusal()}`));
		assert.ok(selected);
		for (const pane of ['endpoints', 'lag', 'health', 'keys', 'members'] as const) {
			const pressed = session.press(chordBytes(chordFor(pane)));
			await session.frame(`the ${pane} pane`, () => true, {after: pressed});
		}

		await session.frame('the members pane again', text => text.includes(' sneaky ') && text.includes('PEER ADDRS'));
		const pressed = session.press(chordBytes(chordFor('toggle-help')));
		await session.frame('help', text => text.includes('Everywhere'), {after: pressed});
		session.press(chordBytes({named: 'escape'}));
		session.press(chordBytes(chordFor('quit')));
		assert.equal(await session.exited, 0, session.describe());
		assertPasswordNeverLeft(session);
	} finally {
		await session.stop();
	}
});

void test('--password on the command line is gone from the process list once etcdeck has read it', {timeout: 60_000}, async () => {
	const session = etcdeckInPty([...connection(), '--user', 'root', '--password', auth.root.password]);
	try {
		await session.frame('the members', text => text.includes(' m1 '));
		const commandLine = readFileSync(`/proc/${session.programPid()}/cmdline`, 'utf8').replaceAll('\0', ' ');
		assert.ok(!commandLine.includes(auth.root.password), commandLine);
		assert.match(commandLine, /^etcdeck .*--password \*\*\*/);
		session.press(chordBytes(chordFor('quit')));
		assert.equal(await session.exited, 0);
		assertPasswordNeverLeft(session);
	} finally {
		await session.stop();
	}
});

void test('Ctrl-C at the prompt ends etcdeck with 130; without a terminal there is no prompt but a clear error', {timeout: 60_000}, async () => {
	const session = etcdeckInPty(['status', ...connection(), '--user', 'root']);
	try {
		await session.raw('the password prompt', prompt);
		session.press('typed\u0003');
		assert.equal(await session.exited, 130);
		assert.match(session.output().toString('utf8'), /etcdeck: password prompt cancelled \(Ctrl-C\)/);
		assert.ok(!session.output().toString('utf8').includes('typed'));
	} finally {
		await session.stop();
	}

	const piped = await runCli(['status', ...connection(), '--user', 'root']);
	assert.equal(piped.code, 2);
	assert.equal(piped.stderr, 'etcdeck: --user names user "root" without a password, and stdin is not a terminal to ask for it on: use --password, ETCDCTL_PASSWORD or --client-dir (or NAME:PASSWORD)\n');
	const snapshot = await runCli(['snapshot', 'save', scratch, ...connection(), '--user', 'root']);
	assert.equal(snapshot.code, 2);
	assert.match(snapshot.stderr, /stdin is not a terminal to ask for it on/);
});
