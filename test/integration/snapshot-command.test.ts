import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {startClusterForFile} from '../support/cluster.ts';
import {hex, parseEtcdJson} from '../support/etcd-json.ts';
import {snapshotTool} from '../support/etcd-line.ts';
import {runCli} from '../support/run-cli.ts';
import {withTempDir} from '../support/temp-dir.ts';

const cluster = startClusterForFile({voters: 1});
let seeding: Promise<void> | undefined;

/** A few keys, written once by whichever test comes first. */
async function endpoint(): Promise<string> {
	seeding ??= cluster().putKeys(Array.from({length: 300}, (_, index) => [`/app/key${index}`, `value ${index}`] as const));
	await seeding;
	return cluster().endpoints[0]!;
}

async function clusterId(): Promise<string> {
	const list = parseEtcdJson<{header: {cluster_id: string}}>(await cluster().etcdctl(['member', 'list', '-w', 'json']));
	return hex(list.header.cluster_id);
}

async function withDir(work: (dir: string) => Promise<void>): Promise<void> {
	await withTempDir('etcdeck-snapshot-cli-', work);
}

test('snapshot save into --snapshot-dir: default name, exit 0, no progress line without a terminal; verify exits 0', async () => {
	await withDir(async dir => {
		const id = await clusterId();
		const saved = await runCli(['snapshot', 'save', '--endpoints', await endpoint(), '--snapshot-dir', dir]);
		assert.equal(saved.code, 0, saved.stderr);
		assert.equal(saved.stderr, '');
		const files = readdirSync(dir).sort();
		assert.equal(files.length, 2);
		assert.match(files[0]!, new RegExp(`^etcd-${id}-\\d{8}T\\d{6}Z\\.db$`));
		assert.equal(files[1], `${files[0]}.manifest.json`);
		const file = path.join(dir, files[0]!);
		assert.match(saved.stdout, new RegExp(`^saved ${file} \\([\\d.]+ kB\\) from m1 \\(${cluster().endpoints[0]}\\) of cluster ${id}: complete and verified\\n`));
		// The tool etcdeck finds first on PATH: etcdutl where the line has it (3.5), else etcdctl.
		assert.match(saved.stdout, new RegExp(`\\n {2}revision \\d+; ${snapshotTool()} snapshot status: hash \\d+, revision \\d+, \\d+ keys, [\\d.]+ kB\\n`));

		const verified = await runCli(['snapshot', 'verify', file]);
		assert.equal(verified.code, 0, verified.stderr);
		assert.match(verified.stdout, new RegExp(`^${file}: verified\\n.*etcd's trailing hash matches\\n {2}manifest: taken \\S+ from m1 \\([\\da-f]+\\) of cluster ${id}, revision \\d+, by etcdeck \\d`));

		const withoutTools = await runCli(['snapshot', 'verify', file], {PATH: '/nonexistent'});
		assert.equal(withoutTools.code, 0, withoutTools.stderr);
		assert.match(withoutTools.stdout, /snapshot status skipped: etcdutl is not installed, etcdctl is not installed/);
	});
});

test('snapshot verify exits 1 on a flipped byte or a truncated file, saying what is wrong', async () => {
	await withDir(async dir => {
		const file = path.join(dir, 'nightly.db');
		assert.equal((await runCli(['snapshot', 'save', file, '--endpoints', await endpoint()])).code, 0);
		const bytes = readFileSync(file);
		bytes[100] = bytes[100]! ^ 0xff;
		writeFileSync(file, bytes);
		const flipped = await runCli(['snapshot', 'verify', file]);
		assert.equal(flipped.code, 1);
		assert.match(flipped.stdout, new RegExp(`^${file}: FAILED\\n`));
		assert.match(flipped.stderr, new RegExp(`^etcdeck: ${file}: it is corrupt: the SHA-256 etcd wrote at its end \\([\\da-f]{16}…\\) does not match`));
		assert.match(flipped.stderr, /its manifest nightly\.db\.manifest\.json recorded .*: the file changed after it was saved/);

		writeFileSync(file, bytes.subarray(0, 8192));
		const truncated = await runCli(['snapshot', 'verify', file]);
		assert.equal(truncated.code, 1);
		assert.match(truncated.stderr, /it has no SHA-256 trailer: 8192 bytes is not whole 512-byte pages plus a 32-byte hash/);

		const missing = await runCli(['snapshot', 'verify', path.join(dir, 'absent.db')]);
		assert.equal(missing.code, 2);
		assert.equal(missing.stderr, `etcdeck: cannot read ${dir}/absent.db: no such file or directory (ENOENT)\n`);
	});
});

test('--keep N keeps the newest N etcdeck snapshots of this cluster and touches nothing else', async () => {
	await withDir(async dir => {
		const endpoints = ['--endpoints', await endpoint()];
		for (const name of ['oldest.db', 'older.db']) {
			assert.equal((await runCli(['snapshot', 'save', path.join(dir, name), ...endpoints])).code, 0);
		}

		await cluster().etcdctl(['snapshot', 'save', path.join(dir, 'by-etcdctl.db')]);
		writeFileSync(path.join(dir, 'notes.txt'), 'restore drills on Fridays');
		// Another cluster's snapshot, older than all: not this cluster's to remove.
		copyFileSync(path.join(dir, 'oldest.db'), path.join(dir, 'other-cluster.db'));
		const foreign = JSON.parse(readFileSync(path.join(dir, 'oldest.db.manifest.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(path.join(dir, 'other-cluster.db.manifest.json'), JSON.stringify({...foreign, clusterId: 'ffffffffffffffff', takenAt: '2001-01-01T00:00:00.000Z'}));

		const kept = await runCli(['snapshot', 'save', dir, '--keep', '2', ...endpoints]);
		assert.equal(kept.code, 0, kept.stderr);
		assert.match(kept.stdout, new RegExp(`\\nremoved ${dir}/oldest\\.db \\(--keep 2\\)\\n$`));
		const newest = readdirSync(dir).find(name => /^etcd-.*\.db$/.test(name));
		assert.ok(newest !== undefined);
		assert.deepEqual(readdirSync(dir).sort(), [
			'by-etcdctl.db',
			newest,
			`${newest}.manifest.json`,
			'notes.txt',
			'older.db',
			'older.db.manifest.json',
			'other-cluster.db',
			'other-cluster.db.manifest.json',
		].sort());
	});
});

test('an existing target is refused (exit 2) and left as it was; so is a directory that is not one', async () => {
	await withDir(async dir => {
		const existing = path.join(dir, 'taken.db');
		writeFileSync(existing, 'keep me');
		const refused = await runCli(['snapshot', 'save', existing, '--endpoints', await endpoint()]);
		assert.equal(refused.code, 2);
		assert.equal(refused.stderr, `etcdeck: ${existing} already exists: etcdeck never overwrites a file; choose another path or move the old one away\n`);
		assert.equal(readFileSync(existing, 'utf8'), 'keep me');

		const underFile = await runCli(['snapshot', 'save', path.join(existing, 'x.db'), '--endpoints', await endpoint()]);
		assert.equal(underFile.code, 2);
		assert.equal(underFile.stderr, `etcdeck: cannot use directory ${existing}: it is not a directory\n`);
		const missingDir = await runCli(['snapshot', 'save', '--snapshot-dir', path.join(dir, 'nope'), '--endpoints', await endpoint()]);
		assert.equal(missingDir.code, 2);
		assert.equal(missingDir.stderr, `etcdeck: cannot use directory ${dir}/nope: no such file or directory (ENOENT)\n`);
		assert.deepEqual(readdirSync(dir), ['taken.db']);
	});
});

test('bad snapshot input is refused with exit 2 before anything connects or is written', async () => {
	const ep = await endpoint();
	const cases: Array<[string[], RegExp]> = [
		[['snapshot', 'save', '--keep', '0', '--endpoints', ep], /--keep must be a whole number of at least 1, got 0/],
		[['snapshot', 'save', '--keep', '1.5', '--endpoints', ep], /--keep must be a whole number of at least 1, got 1\.5/],
		[['snapshot', 'save', 'a.db', '--snapshot-dir', '/tmp', '--endpoints', ep], /give either PATH or --snapshot-dir, not both/],
		[['snapshot', '--endpoints', ep], /"etcdeck snapshot" needs a subcommand \(see etcdeck --help\):\n {2}etcdeck snapshot save \[PATH\] /],
		[['snapshot', 'restore', 'x.db'], /"restore" is no subcommand of "etcdeck snapshot" \(see etcdeck --help\):\n {2}etcdeck snapshot save \[PATH\] /],
		[['snapshot', 'verify'], /expected "etcdeck snapshot verify FILE", got "etcdeck snapshot verify"/],
		[['snapshot', 'save'], /no endpoints: pass --endpoints/],
		[['--keep', '3', '--endpoints', ep], /--keep only applies to "etcdeck snapshot save"/],
		[['snapshot', 'save', '--timeout', '500', '--endpoints', 'http://127.0.0.1:1'], /cannot reach the cluster:\n {2}http:\/\/127\.0\.0\.1:1: connection refused/],
	];
	for (const [args, message] of cases) {
		const result = await runCli(args);
		assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
		assert.match(result.stderr, message, args.join(' '));
	}
});
