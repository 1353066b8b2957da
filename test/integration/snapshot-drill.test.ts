import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {findEtcdPrograms} from '../../source/backup/etcd-programs.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {compareLines, etcdLine} from '../../source/model/shared/etcd-lines.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {deephavenKeys} from '../support/deephaven-keys.ts';
import {etcdeckBin, runCli} from '../support/run-cli.ts';
import {seedKeys} from '../support/seed-keys.ts';
import {withTempDir} from '../support/temp-dir.ts';

const cluster = startClusterForFile({voters: 1});
const layout = deephavenKeys(4000);
let seeding: Promise<void> | undefined;

async function endpoint(): Promise<string> {
	seeding ??= seedKeys(cluster().endpoints[0]!, layout.entries);
	await seeding;
	return cluster().endpoints[0]!;
}

async function saved(dir: string, name = 'nightly.db', extra: string[] = []): Promise<string> {
	const file = path.join(dir, name);
	const result = await runCli(['snapshot', 'save', file, '--endpoints', await endpoint(), ...extra]);
	assert.equal(result.code, 0, result.stderr);
	return file;
}

/** What the report says was removed and served on: both must be gone after the drill. */
async function assertNothingLeft(stdout: string): Promise<void> {
	const workDir = /stopped it and removed (\S+)/.exec(stdout)?.[1];
	assert.ok(workDir !== undefined, stdout);
	assert.equal(existsSync(workDir), false, `${workDir} is removed`);
	const served = /on https:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
	if (served !== undefined) {
		const refused = await new Promise<boolean>(resolve => {
			const socket = net.connect(Number(served), '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(false);
			});
			socket.once('error', () => {
				resolve(true);
			});
		});
		assert.ok(refused, `nothing listens on ${served} any more`);
	}
}

async function clusterVersion(): Promise<string> {
	const statuses = JSON.parse(await cluster().etcdctl(['endpoint', 'status', '-w', 'json'])) as Array<{Status: {version: string}}>;
	return statuses[0]!.Status.version;
}

test('a good snapshot: restored with its own etcd line, served, counts match, keys read; exit 0 and nothing left', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const result = await runCli(['snapshot', 'drill', file]);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stderr, '');
		const version = await clusterVersion();
		const tool = etcdLine(version) === '3.4' ? 'etcdctl' : 'etcdutl';
		assert.match(result.stdout, new RegExp(`^drill ${file}: PASSED\\n`));
		assert.match(result.stdout, new RegExp(`\\n {2}manifest: taken \\S+ from m1 \\(etcd ${version}\\) of cluster [\\da-f]+, revision \\d+\\n`));
		assert.match(result.stdout, new RegExp(`\\n {2}restored with \\S+/${tool} ${version} \\(${tool} snapshot restore\\) in [\\d.]+ s\\n`));
		assert.match(result.stdout, new RegExp(`\\n {2}served by etcd ${version} \\(\\S+/etcd\\) on https://127\\.0\\.0\\.1:\\d+ after [\\d.]+ s, at revision \\d+\\n`));
		assert.match(result.stdout, /\n {2}key counts match the manifest: 4,000 keys in all, \d+ prefixes counted\n/);
		assert.match(result.stdout, /\n {2}read 10 keys with their values \([\d.]+ k?B\): \/main\/acl\/groups\/group0, \/main\/config\/props\/iris-000\.prop, /);
		assert.doesNotMatch(result.stdout, /note:/, 'the etcd of the snapshot\'s own line was used');
		await assertNothingLeft(result.stdout);
	});
});

test('a manifest whose counts were altered: exit 1, naming the prefix, expected and found', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const manifestFile = `${file}.manifest.json`;
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {cluster: {keyCounts: {prefixes: Array<{prefix: string; keys: number}>}}};
		const props = manifest.cluster.keyCounts.prefixes.find(entry => entry.prefix === '/main/config/props/');
		assert.equal(props?.keys, layout.perPrefix.get('/main/config/props/'));
		props!.keys += 1;
		writeFileSync(manifestFile, JSON.stringify(manifest));

		const result = await runCli(['snapshot', 'drill', file]);
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stdout, new RegExp(`^drill ${file}: FAILED\\n`));
		assert.match(result.stdout, /\n {2}key counts differ from the manifest:\n {4}\/main\/config\/props\/: expected 301 keys, found 300\n/);
		assert.equal(result.stderr, `etcdeck: drill ${file}: key counts differ from the manifest: /main/config/props/: expected 301 keys, found 300\n`);
		await assertNothingLeft(result.stdout);
	});
});

test('a truncated snapshot: exit 1 with what is wrong, before anything is restored; a missing file: exit 2', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const bytes = readFileSync(file);
		writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
		const truncated = await runCli(['snapshot', 'drill', file]);
		assert.equal(truncated.code, 1, truncated.stderr);
		assert.match(truncated.stdout, new RegExp(`^drill ${file}: FAILED\\n`));
		assert.doesNotMatch(truncated.stdout, /restored with/);
		assert.match(truncated.stderr, new RegExp(`^etcdeck: drill ${file}: it has no SHA-256 trailer: \\d+ bytes is not whole 512-byte pages plus a 32-byte hash \\(a truncated file, or a database copied from a data directory rather than a snapshot\\); `
			+ `it is \\d+ bytes but its manifest nightly\\.db\\.manifest\\.json recorded ${bytes.length}: the file changed after it was saved; `
			+ 'etcd(ctl|utl) snapshot status cannot read it: (panic|fatal error): '));

		const alone = path.join(dir, 'alone.db');
		writeFileSync(alone, bytes.subarray(0, 8192));
		const withoutManifest = await runCli(['snapshot', 'drill', alone]);
		assert.equal(withoutManifest.code, 1);
		assert.match(withoutManifest.stderr, /it has no SHA-256 trailer: 8192 bytes is not whole 512-byte pages plus a 32-byte hash/);

		const missing = await runCli(['snapshot', 'drill', path.join(dir, 'absent.db')]);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, new RegExp(`^etcdeck: drill ${dir}/absent\\.db: cannot read ${dir}/absent\\.db: no such file or directory \\(ENOENT\\)\\n`));
	});
});

test('no etcd to restore into: exit 2, saying which package gives it; a snapshot without manifest still drills', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const noEtcd = await runCli(['snapshot', 'drill', file], {PATH: '/nonexistent'});
		assert.equal(noEtcd.code, 2, noEtcd.stderr);
		assert.match(noEtcd.stdout, /: COULD NOT RUN\n/);
		assert.equal(noEtcd.stderr, `etcdeck: drill ${file}: no etcd on PATH to restore into (Debian: apt-get install etcd-server)\n`);

		const copy = path.join(dir, 'by-hand.db');
		copyFileSync(file, copy);
		const bare = await runCli(['snapshot', 'drill', copy]);
		assert.equal(bare.code, 0, bare.stderr);
		assert.match(bare.stdout, /\n {2}4,000 keys; no counts in the manifest to compare them with\n/);
		assert.match(bare.stdout, /\n {2}note: no manifest beside it \(by-hand\.db\.manifest\.json\): nothing recorded to compare the keys with\n/);
		assert.match(bare.stdout, /\n {2}note: the snapshot's etcd version is not recorded: restored with etcd \d/);
	});
});

test('snapshot save --drill saves, then drills the new file; --drill elsewhere is refused', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = path.join(dir, 'drilled.db');
		const result = await runCli(['snapshot', 'save', file, '--drill', '--endpoints', await endpoint()]);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`^saved ${file} .*: complete and verified\\n[^]*\\n {2}recorded for a restore: 1 member, etcd \\d+\\.\\d+\\.\\d+, 4,000 keys in \\d+ prefixes under /main/\\n`));
		assert.match(result.stdout, new RegExp(`\\ndrill ${file}: PASSED\\n`));
		for (const args of [['snapshot', 'verify', file, '--drill'], ['status', '--drill', '--endpoints', await endpoint()]]) {
			const refused = await runCli(args);
			assert.equal(refused.code, 2, args.join(' '));
			assert.match(refused.stderr, /--drill only applies to "(etcdeck )?snapshot save"/);
		}
	});
});

test('a snapshot drilled where only another etcd line is installed: restored with that one, and said', {timeout: 120_000}, async t => {
	const version = await clusterVersion();
	// The line under test, PATH, and where scripts/install-etcd-3.5.sh puts 3.5 by default (CI runs it,
	// so on the 3.4 pass the other line is 3.5 and on the 3.5 pass it is bookworm's 3.4).
	const installed35 = fileURLToPath(new URL('../../.etcd/3.5/usr/bin', import.meta.url));
	const dirs = [...(process.env['ETCDECK_ETCD_BIN_DIR'] === undefined ? [] : [process.env['ETCDECK_ETCD_BIN_DIR']]), ...(process.env['PATH'] ?? '').split(':'), '/usr/bin', installed35];
	const others = (await findEtcdPrograms(dirs.join(':'))).filter(program => program.name === 'etcd' && etcdLine(program.version) !== etcdLine(version));
	if (others.length === 0) {
		t.skip(`no etcd of a line other than ${etcdLine(version)} here (bash scripts/install-etcd-3.5.sh adds 3.5)`);
		return;
	}

	const other = others[0]!;
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const result = await runCli(['snapshot', 'drill', file], {PATH: other.dir});
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`\\n {2}served by etcd ${other.version} `));
		const newer = compareLines(etcdLine(other.version)!, etcdLine(version)!) > 0;
		assert.match(result.stdout, newer
			? new RegExp(`note: no etcd ${etcdLine(version)} on PATH: restored with etcd ${other.version}, a newer line \\(an upgrade, which etcd supports\\)`)
			: new RegExp(`note: no etcd ${etcdLine(version)} on PATH: restored with etcd ${other.version}, an older line than the snapshot's ${version}\\. etcd does not support downgrades`));
		assert.match(result.stdout, /key counts match the manifest: 4,000 keys in all/);
	});
});

test('Ctrl-C during a drill: exit 130, and the throwaway etcd and its directory are gone', {timeout: 120_000}, async () => {
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir);
		const before = new Set(readdirSync(os.tmpdir()).filter(name => name.startsWith('etcdeck-drill-') && !name.startsWith('etcdeck-drill-test-')));
		const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ETCDCTL_')));
		const child = spawn(process.execPath, [etcdeckBin, 'snapshot', 'drill', file], {env, stdio: ['ignore', 'pipe', 'pipe']});
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		try {
			// Interrupted as soon as its temporary directory appears: the restore and the start are still to come.
			const workDir = await waitFor('the drill to start', () => readdirSync(os.tmpdir())
				.filter(name => name.startsWith('etcdeck-drill-') && !name.startsWith('etcdeck-drill-test-') && !before.has(name))
				.map(name => path.join(os.tmpdir(), name))[0], {timeoutMs: 60_000, intervalMs: 10});
			child.kill('SIGINT');
			assert.equal(await exited, 130);
			assert.equal(existsSync(workDir), false, `${workDir} is removed`);
			assert.equal(spawnSync('pgrep', ['-f', workDir]).status, 1, 'no process runs on it');
		} finally {
			child.kill('SIGKILL');
		}
	});
});

test('a cluster with authentication on: the drill needs its user (exit 2 without), and reads over TLS with it', {timeout: 120_000}, async () => {
	await endpoint();
	const auth = await cluster().enableAuth();
	const user = `${auth.root.username}:${auth.root.password}`;
	await withTempDir('etcdeck-drill-test-', async dir => {
		const file = await saved(dir, 'with-auth.db', ['--user', user]);
		const without = await runCli(['snapshot', 'drill', file]);
		assert.equal(without.code, 2, without.stderr);
		assert.match(without.stderr, /the snapshot's cluster has authentication on, so reading it back needs a user of it: pass --user/);
		await assertNothingLeft(without.stdout);

		const withUser = await runCli(['snapshot', 'drill', file], {ETCDCTL_USER: auth.root.username, ETCDCTL_PASSWORD: auth.root.password});
		assert.equal(withUser.code, 0, withUser.stderr);
		assert.match(withUser.stdout, /key counts match the manifest: 4,000 keys in all/);
		assert.ok(!withUser.stdout.includes(auth.root.password) && !withUser.stderr.includes(auth.root.password));
	});
});
