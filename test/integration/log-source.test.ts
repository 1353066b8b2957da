import {after, before, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {LogSource} from '../../source/logs/log-source.ts';
import {resolveLogSettings, type LogSettings} from '../../source/logs/log-settings.ts';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import {parseEtcdLine} from '../../source/model/logs/etcd-log-line.ts';
import {initialLogViewState, logViewReducer} from '../../source/model/logs/log-view.ts';
import {troubleKinds} from '../../source/model/logs/log-trouble.ts';
import {capnslogTroubles, zap35Troubles, zapTroubles} from '../support/etcd-log-fixtures.ts';
import {etcdLoggers} from '../support/etcd-line.ts';
import {assertJournalRemote, newBootId, writeJournal, type JournalLine} from '../support/journal-files.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-log-source-'));
/**
 * Lines real etcd wrote: a member started with LocalCluster's --logger=zap, and one with
 * --logger=capnslog where the etcd under test still has capnslog (3.4). etcd 3.5 refuses that logger,
 * so there the text lines are the start-up of a 3.4.23 member with --logger=capnslog, recorded.
 */
let zapLines: string[] = [];
let textLines: string[] = [];
const hasCapnslog = etcdLoggers().includes('capnslog');
const recordedCapnslog = fileURLToPath(new URL('../support/recorded/etcd-3.4.23-capnslog-start.txt', import.meta.url));

function logLines(file: string): string[] {
	return readFileSync(file, 'utf8').split('\n').filter(line => line.trim() !== '');
}

before(async () => {
	assertJournalRemote();
	const clusters = await LocalCluster.startAll([{voters: 1}, ...(hasCapnslog ? [{voters: 1, etcdArgs: ['--logger', 'capnslog']}] : [])]);
	try {
		await Promise.all(clusters.map(async (cluster, index) => cluster.putKeys([['/etcdeck/log-test', index === 0 ? 'zap' : 'capnslog']])));
		zapLines = logLines(clusters[0]!.members[0]!.logFile);
		textLines = logLines(clusters[1]?.members[0]!.logFile ?? recordedCapnslog);
	} finally {
		await Promise.all(clusters.map(async cluster => cluster.stop()));
	}
}, {timeout: 90_000});

after(() => {
	rmSync(workDir, {recursive: true, force: true});
});

let dirCount = 0;
function freshDir(name: string): string {
	const dir = path.join(workDir, `${name}-${++dirCount}`);
	mkdirSync(dir, {recursive: true});
	return dir;
}

interface Tail {
	lines: string[];
	statuses: LogSourceStatus[];
	batches: () => number;
	status: () => LogSourceStatus | undefined;
	source: LogSource;
}

/** Starts a LogSource and collects what it reports; the test ends it. */
function tail(t: TestContext, settings: LogSettings, env?: NodeJS.ProcessEnv, secrets?: readonly string[]): Tail {
	const lines: string[] = [];
	const statuses: LogSourceStatus[] = [];
	let batches = 0;
	const source = new LogSource(settings, {env, secrets});
	source.start({
		onLines(batch) {
			batches++;
			lines.push(...batch);
		},
		onStatus(status) {
			statuses.push(status);
		},
	});
	t.after(() => {
		source.stop();
	});
	return {lines, statuses, batches: () => batches, status: () => statuses.at(-1), source};
}

function messages(lines: readonly string[]): string[] {
	return lines.map(line => (JSON.parse(line) as {MESSAGE: string}).MESSAGE);
}

async function statusOf(state: LogSourceStatus['state'], of: Tail): Promise<LogSourceStatus> {
	return waitFor(`the log source to report ${state} (so far: ${JSON.stringify(of.statuses)})`, () => (of.status()?.state === state ? of.status() : undefined), {timeoutMs: 20_000});
}

const asJournal = (lines: readonly string[], host: string, unit = 'etcd.service'): JournalLine[] => lines.map(message => ({message, host, unit}));

test('LocalCluster\'s etcd logs zap JSON, and the text of capnslog and raft\'s Go log with --logger=capnslog', t => {
	assert.ok(zapLines.length > 10 && zapLines.every(line => parseEtcdLine(line).format === 'zap'), zapLines.slice(0, 3).join('\n'));
	if (!hasCapnslog) {
		t.diagnostic('this etcd offers no --logger=capnslog (etcd 3.5+): the text lines are a recorded etcd 3.4.23 start-up');
	}

	const formats = new Set(textLines.map(line => parseEtcdLine(line).format));
	assert.ok(formats.has('capnslog') && formats.has('go-log') && !formats.has('zap'), [...formats].join(', '));
});

test('--journal-dir with two hosts\' journals: the etcd unit is found and both hosts\' lines arrive, every trouble kind recognised', async t => {
	const dir = freshDir('hosts');
	const node1 = [...zapLines, ...[...zapTroubles, ...zap35Troubles].map(fixture => fixture.line)];
	const node2 = [...textLines, ...capnslogTroubles.map(fixture => fixture.line)];
	assert.ok(node1.length + node2.length < 500, 'all fit in journalctl -n 500');
	await writeJournal(path.join(dir, 'node1.journal'), asJournal(node1, 'node1'));
	await writeJournal(path.join(dir, 'node2.journal'), asJournal(node2, 'node2'));
	await writeJournal(path.join(dir, 'other.journal'), asJournal(['sshd listening on port 22'], 'node1', 'ssh.service'));

	const logs = tail(t, resolveLogSettings({journalDir: dir}));
	await waitFor('every etcd line of both hosts', () => (logs.lines.length >= node1.length + node2.length ? true : undefined), {timeoutMs: 20_000});
	assert.deepEqual(messages(logs.lines).sort(), [...node1, ...node2].sort());
	assert.equal(logs.status()?.message, `tailing unit etcd in journal directory ${dir}`);

	const view = logViewReducer(initialLogViewState(5000, logs.status()!, Date.now()), {type: 'append', lines: logs.lines, now: Date.now()});
	assert.deepEqual([...view.hosts].sort(), ['node1', 'node2']);
	for (const {kind} of troubleKinds) {
		const hosts = view.entries.filter(entry => entry.trouble?.kind === kind).map(entry => entry.host);
		assert.ok(hosts.includes('node1') && hosts.includes('node2'), `${kind} from both hosts: ${hosts.join(', ')}`);
	}
});

test('--journal-file given as a relative path: the dh-etcd unit is found, and entries appended while following arrive', async t => {
	const file = path.join(freshDir('follow'), 'dh.journal');
	const bootId = newBootId();
	await writeJournal(file, asJournal(zapLines, 'node1', 'dh-etcd.service'), bootId);
	const logs = tail(t, resolveLogSettings({journalFile: path.relative(process.cwd(), file)}));
	await waitFor('the journal\'s lines', () => (logs.lines.length >= zapLines.length ? true : undefined), {timeoutMs: 20_000});
	assert.equal(logs.status()?.message, `tailing unit dh-etcd in journal file ${file}`);

	const appended = [...zapTroubles.map(fixture => fixture.line), ...textLines.slice(0, 5)];
	await writeJournal(file, appended.map(message => ({message, host: 'node1', unit: 'dh-etcd.service', time: Date.now()})), bootId);
	await waitFor('the appended entries', () => (logs.lines.length >= zapLines.length + appended.length ? true : undefined), {timeoutMs: 20_000});
	assert.deepEqual(messages(logs.lines), [...zapLines, ...appended]);
});

test('a --log-unit with no entries says so, and follows: its first entry arrives and the state turns to following', async t => {
	const file = path.join(freshDir('unit'), 'system.journal');
	const bootId = newBootId();
	await writeJournal(file, asJournal(zapLines.slice(0, 3), 'node1'), bootId);
	const logs = tail(t, resolveLogSettings({journalFile: file, logUnit: 'etcd-b'}));
	const waiting = await statusOf('no-entries', logs);
	assert.equal(waiting.message, `no entries for unit etcd-b in journal file ${file}: pass --log-unit NAME if etcd runs under another unit (waiting for entries)`);
	assert.equal(waiting.severity, 'warning');
	await writeJournal(file, [{message: zapLines[0]!, unit: 'etcd-b.service', time: Date.now()}], bootId);
	await statusOf('streaming', logs);
	assert.deepEqual(messages(logs.lines), [zapLines[0]]);
});

test('no etcd or dh-etcd entries in a journal of other units: the pane is told which units it looked for', async t => {
	const dir = freshDir('others');
	await writeJournal(path.join(dir, 'system.journal'), asJournal(['sshd listening on port 22'], 'node1', 'ssh.service'));
	const logs = tail(t, resolveLogSettings({journalDir: dir}));
	assert.match((await statusOf('no-entries', logs)).message, /^no entries for unit etcd or dh-etcd in journal directory /);
});

test('an empty journal directory: no journal entries at all, and a journal that appears there is followed', async t => {
	const dir = freshDir('empty');
	const logs = tail(t, resolveLogSettings({journalDir: dir}));
	const status = await statusOf('no-journal', logs);
	assert.equal(status.message, `no journal entries at all in journal directory ${dir}: check the path, or pass --log-command CMD (waiting for entries)`);
	assert.equal(status.severity, 'warning');
	await writeJournal(path.join(dir, 'system.journal'), [{message: zapLines[0]!, time: Date.now()}]);
	await statusOf('streaming', logs);
	assert.deepEqual(messages(logs.lines), [zapLines[0]]);
});

test('a journal file that is not there: journalctl\'s reason', async t => {
	const file = path.join(workDir, 'missing.journal');
	const logs = tail(t, {units: [], journalFile: file, lines: 100});
	const status = await statusOf('no-journal', logs);
	assert.equal(status.message, `cannot open journal file ${file}: Failed to open files: No such file or directory`);
	assert.equal(status.severity, 'error');
});

test('no journalctl on PATH: the pane says to install systemd or pass --log-command', async t => {
	const logs = tail(t, resolveLogSettings({}), {...process.env, PATH: freshDir('no-bin')});
	const status = await statusOf('journalctl-missing', logs);
	assert.equal(status.message, 'journalctl not found: install systemd (it provides journalctl) or pass --log-command CMD');
	assert.equal(logs.lines.length, 0);
});

test('a journal the user may not read: permission denied, with the group to join or --log-command', async t => {
	const dir = freshDir('private');
	chmodSync(dir, 0o755);
	const file = path.join(dir, 'system.journal');
	await writeJournal(file, asJournal(zapLines.slice(0, 3), 'node1'));
	let env: NodeJS.ProcessEnv = process.env;
	if (process.getuid?.() === 0) {
		// Root reads everything: run the real journalctl as nobody instead.
		const bin = freshDir('as-nobody');
		const journalctl = execFileSync('sh', ['-c', 'command -v journalctl'], {encoding: 'utf8'}).trim();
		writeFileSync(path.join(bin, 'journalctl'), `#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups ${journalctl} "$@"\n`, {mode: 0o755});
		env = {...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`};
	} else {
		chmodSync(file, 0o000);
	}

	const logs = tail(t, resolveLogSettings({journalFile: file}), env);
	const status = await statusOf('permission-denied', logs);
	assert.equal(status.message, `permission denied reading journal file ${file} (Failed to open files: Permission denied): run etcdeck as a user in the systemd-journal or adm group, or pass --log-command 'sudo journalctl -u etcd -f -o json'`);
});

test('--log-command: a command\'s raw etcd lines of both formats arrive in order; its end is reported', async t => {
	const file = path.join(freshDir('command'), 'etcd.log');
	const troubles = [...zapTroubles, ...zap35Troubles, ...capnslogTroubles];
	const lines = [...zapLines, ...textLines, ...troubles.map(fixture => fixture.line)];
	writeFileSync(file, `${lines.join('\n')}\n`);
	const logs = tail(t, resolveLogSettings({logCommand: `cat '${file}'`}));
	const status = await statusOf('exited', logs);
	assert.equal(status.message, 'the log command exited with code 0; no more lines will come');
	assert.equal(status.severity, 'warning');
	assert.deepEqual(logs.lines, lines);
	const view = logViewReducer(initialLogViewState(5000, status, Date.now()), {type: 'append', lines: logs.lines, now: Date.now()});
	// In arrival order: the view itself orders them by their own timestamps.
	const kinds = [...view.entries].sort((a, b) => a.seq - b.seq).map(entry => entry.trouble?.kind);
	const real = zapLines.length + textLines.length;
	assert.deepEqual(kinds.slice(real), troubles.map(fixture => fixture.kind));
	// A one-member cluster elects itself as it starts, in either format: nothing else in its start-up is trouble.
	assert.deepEqual(new Set(kinds.slice(0, real).filter(kind => kind !== undefined)), new Set(['election']));
});

test('--log-command: a burst of 20,000 lines arrives whole and in order, in a few batches', async t => {
	const logs = tail(t, resolveLogSettings({logCommand: 'seq 1 20000'}));
	await statusOf('exited', logs);
	assert.equal(logs.lines.length, 20_000);
	assert.ok(logs.lines.every((line, index) => line === String(index + 1)));
	assert.ok(logs.batches() < 200, `${logs.batches()} batches for 20,000 lines`);
});

test('--log-command that fails: its exit code and stderr', async t => {
	const logs = tail(t, resolveLogSettings({logCommand: 'echo "ssh: connect to host node2 port 22: Connection refused" >&2; exit 255'}));
	const status = await statusOf('exited', logs);
	assert.equal(status.message, 'the log command exited with code 255: ssh: connect to host node2 port 22: Connection refused; no more lines will come');
	assert.equal(status.severity, 'error');
});

/** Whether a process runs: a zombie has ended, whenever its new parent gets round to reaping it. */
function isRunning(pid: number): boolean {
	try {
		const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
		return state !== 'Z';
	} catch {
		return false;
	}
}

test('stop() ends the log command and what it started', async t => {
	const logs = tail(t, resolveLogSettings({logCommand: 'sleep 600 & echo $!; wait'}));
	await waitFor('the pid of sleep', () => logs.lines[0]);
	const pid = Number(logs.lines[0]);
	assert.ok(isRunning(pid));
	logs.source.stop();
	await waitFor(`sleep (pid ${pid}) to end`, () => (isRunning(pid) ? undefined : true), {timeoutMs: 10_000});
	assert.equal(logs.status()?.state, 'streaming', 'a stop is no failure to report');
});

test('stop() ends journalctl -f', async t => {
	const file = path.join(freshDir('stop'), 'system.journal');
	await writeJournal(file, asJournal(zapLines.slice(0, 3), 'node1'));
	const logs = tail(t, resolveLogSettings({journalFile: file}));
	await waitFor('the lines', () => (logs.lines.length === 3 ? true : undefined), {timeoutMs: 20_000});
	const followers = () => readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).filter(pid => {
		try {
			return isRunning(Number(pid)) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(file);
		} catch {
			return false;
		}
	});
	assert.equal(followers().length, 1, 'one journalctl -f follows the file');
	logs.source.stop();
	await waitFor('journalctl to end', () => (followers().length === 0 ? true : undefined), {timeoutMs: 10_000});
});

test('when etcdeck exits without stopping the tail, the log command is ended with it', async () => {
	// A separate node process: it starts a tail, prints the pid of what the command started, and exits.
	const script = [
		`import {LogSource} from ${JSON.stringify(path.resolve('source/logs/log-source.ts'))};`,
		'const source = new LogSource({units: [], logCommand: \'sleep 600 & echo $!; wait\', lines: 10});',
		'source.start({onLines(lines) { console.log(lines[0]); process.exit(0); }, onStatus() {}});',
	].join('\n');
	const stdout = await new Promise<string>((resolve, reject) => {
		execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {timeout: 30_000}, (error, out, stderr) => {
			if (error) {
				reject(new Error(`${error.message}: ${stderr}`));
				return;
			}

			resolve(out);
		});
	});
	const pid = Number(stdout.trim());
	assert.ok(pid > 0, stdout);
	await waitFor(`sleep (pid ${pid}) to end with etcdeck`, () => (isRunning(pid) ? undefined : true), {timeoutMs: 10_000});
});

test('journalctl and a --log-command get no credentials in their environment: no ETCDCTL_PASSWORD, no ETCDCTL_USER, no variable holding the password', async t => {
	const password = 'pw-never-in-a-child';
	const env = {...process.env, ETCDCTL_USER: `root:${password}`, ETCDCTL_PASSWORD: password, DEPLOY_TOKEN: `x${password}y`, ETCDCTL_ENDPOINTS: 'https://127.0.0.1:2379', KEPT_FOR_THE_COMMAND: 'yes'};
	const dir = freshDir('child-env');
	const commandEnv = path.join(dir, 'command.env');
	const command = tail(t, resolveLogSettings({logCommand: `env > ${commandEnv}; echo done`}), env, [password]);
	await waitFor('the command to end', () => (command.status()?.state === 'exited' ? true : undefined), {timeoutMs: 20_000});

	// A journalctl of the test's own, first on PATH, that writes down the environment it was given.
	const bin = freshDir('env-journalctl');
	const journalEnv = path.join(dir, 'journalctl.env');
	writeFileSync(path.join(bin, 'journalctl'), `#!/bin/sh\nenv >> ${journalEnv}\n`, {mode: 0o755});
	const journal = tail(t, resolveLogSettings({}), {...env, PATH: `${bin}:${process.env['PATH'] ?? ''}`}, [password]);
	await waitFor('journalctl to have run', () => (journal.statuses.some(status => status.state !== 'starting') ? true : undefined), {timeoutMs: 20_000});

	for (const file of [commandEnv, journalEnv]) {
		const seen = readFileSync(file, 'utf8');
		assert.ok(!seen.includes(password), `${path.basename(file)} holds the password`);
		assert.doesNotMatch(seen, /^ETCDCTL_(USER|PASSWORD)=/m);
		assert.match(seen, /^KEPT_FOR_THE_COMMAND=yes$/m);
		assert.match(seen, /^ETCDCTL_ENDPOINTS=/m);
	}
});
