import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {saveSnapshot, type SaveSnapshotRequest} from '../../source/backup/save-snapshot.ts';
import {SnapshotError} from '../../source/backup/snapshot-error.ts';
import {checkSnapshotFile, verifySnapshot} from '../../source/backup/verify-snapshot.ts';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {streamSnapshot} from '../../source/cluster/snapshot-stream.ts';
import {etcdProgram, pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';
import {freePorts} from '../../source/backup/free-ports.ts';
import {runEtcdctl} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {defaultSnapshotSource} from '../../source/model/snapshots/snapshot-source.ts';
import type {SnapshotProgress} from '../../source/backup/save-progress.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {runSnapshotTool} from '../support/etcd-line.ts';
import {withTempDir} from '../support/temp-dir.ts';
import {hex, parseEtcdJson, type EtcdctlMemberList} from '../support/etcd-json.ts';

// etcdeck runs the etcdutl or etcdctl on PATH to check a snapshot, here in this very process: the line's.
process.env['PATH'] = pathWithEtcdBinDir();

const cluster = startClusterForFile({voters: 3});
const seededKeys = 20_000;
const connection = () => ({endpoints: cluster().endpoints, timeoutMs: 2000});

let seeding: Promise<void> | undefined;

/**
 * Seeds the keys once, for whichever test comes first (node:test runs a file's top-level before hooks
 * side by side, so seeding cannot be a hook after the cluster's own). ~28 MB of database: far more than
 * HTTP/2 flow control lets a member send ahead of its reader, so a member killed on the first progress
 * report cannot have sent the rest already.
 */
async function seeded(): Promise<void> {
	const value = 'v'.repeat(1000);
	seeding ??= cluster().putKeys(Array.from({length: seededKeys}, (_, index) => [`/seed/${String(index).padStart(5, '0')}`, value] as const));
	await seeding;
}

/** The member and cluster ID the dashboard would propose, from a real refresh of the seeded cluster. */
async function proposedSource(): Promise<Pick<SaveSnapshotRequest, 'member' | 'clusterId'>> {
	await seeded();
	const service = new ClusterService(connection());
	try {
		const snapshot = await service.refresh();
		const source = defaultSnapshotSource(snapshot);
		assert.ok(source?.endpoint !== undefined && snapshot.clusterId !== undefined, 'a member to stream from');
		return {clusterId: snapshot.clusterId, member: {id: source.memberId, name: source.name, endpoint: source.endpoint}};
	} finally {
		service.close();
	}
}

async function withDir(work: (dir: string) => Promise<void>): Promise<void> {
	await withTempDir('etcdeck-snapshots-', work);
}

/** Restores the snapshot into a fresh data directory, runs one etcd on it, and counts keys under `prefix`. */
async function restoreAndCount(snapshot: string, prefix: string): Promise<number> {
	return withTempDir('etcdeck-restored-', async dir => countRestoredKeys(snapshot, prefix, dir));
}

async function countRestoredKeys(snapshot: string, prefix: string, dir: string): Promise<number> {
	const [clientPort, peerPort] = await freePorts(2);
	const clientUrl = `http://127.0.0.1:${clientPort}`;
	const peerUrl = `http://127.0.0.1:${peerPort}`;
	await runSnapshotTool(['snapshot', 'restore', snapshot, '--data-dir', path.join(dir, 'data'), '--name', 'restored', '--initial-cluster', `restored=${peerUrl}`, '--initial-advertise-peer-urls', peerUrl]);
	const etcd = spawn(etcdProgram('etcd'), ['--name', 'restored', '--data-dir', path.join(dir, 'data'), '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl, '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', `restored=${peerUrl}`], {stdio: 'ignore'});
	const exited = new Promise(resolve => etcd.once('exit', resolve));
	try {
		await waitFor('the restored etcd to answer', async () => {
			await runEtcdctl([`--endpoints=${clientUrl}`, 'endpoint', 'health']);
			return true;
		}, {timeoutMs: 60_000, intervalMs: 200});
		const listing = await runEtcdctl([`--endpoints=${clientUrl}`, 'get', '--prefix', prefix, '--keys-only', '-w', 'json'], {timeoutMs: 60_000});
		return parseEtcdJson<{count?: number}>(listing).count ?? 0;
	} finally {
		etcd.kill('SIGTERM');
		await exited;
	}
}

test(`a snapshot of ${seededKeys} keys is complete, verified, described by its manifest, and restores`, {timeout: 300_000}, async () => {
	await withDir(async dir => {
		const target = path.join(dir, 'full.db');
		const source = await proposedSource();
		const progress: SnapshotProgress[] = [];
		const saved = await saveSnapshot({...source, target, connection: connection(), onProgress: report => progress.push(report)});

		assert.deepEqual(readdirSync(dir).sort(), ['full.db', 'full.db.manifest.json']);
		assert.equal(statSync(target).mode & 0o777, 0o600, 'a snapshot holds every secret in the cluster');
		assert.equal((await checkSnapshotFile(target)).problem, undefined);
		const members = parseEtcdJson<EtcdctlMemberList & {header: {cluster_id: string}}>(await cluster().etcdctl(['member', 'list', '-w', 'json']));
		const leader = await cluster().etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: [source.member.endpoint]});
		assert.equal(saved.manifest.clusterId, hex(members.header.cluster_id));
		assert.equal(saved.manifest.member.name, members.members.find(member => hex(member.ID) === saved.manifest.member.id)?.name);
		assert.notEqual(hex(parseEtcdJson<Array<{Status: {leader: string}}>>(leader)[0]!.Status.leader), saved.manifest.member.id, 'the leader is spared');
		const manifestOnDisk = JSON.parse(readFileSync(saved.manifestPath, 'utf8')) as typeof saved.manifest;
		assert.deepEqual(manifestOnDisk, saved.manifest);
		assert.equal(saved.manifest.sizeBytes, statSync(target).size);
		assert.equal(saved.status.kind, 'read');
		assert.ok(saved.status.kind === 'read' && saved.status.status.totalKeys >= seededKeys);
		assert.equal(saved.manifest.revision, saved.status.kind === 'read' ? saved.status.status.revision : undefined);
		assert.match(saved.manifest.etcdeckVersion, /^\d+\.\d+\.\d+/);

		const streaming = progress.filter(report => report.phase === 'streaming');
		assert.ok(streaming.length >= 2, 'progress on the first bytes and at the end at least');
		assert.ok(streaming.every((report, index) => index === 0 || report.bytes >= streaming[index - 1]!.bytes));
		assert.equal(streaming.at(-1)?.bytes, saved.manifest.sizeBytes);
		assert.equal(streaming.at(-1)?.totalBytes, saved.manifest.sizeBytes);
		assert.deepEqual([...new Set(progress.map(report => report.phase))], ['streaming', 'verifying', 'counting', 'placing']);

		// What a restore plan and a drill go by: the member list, the source's version, the key counts.
		const record = saved.manifest.cluster;
		assert.ok(record !== undefined);
		assert.deepEqual(record.gaps, []);
		assert.deepEqual(
			record.members?.map(member => [member.id, member.name, member.peerUrls, member.clientUrls, member.isLearner]).sort(),
			members.members.map(member => [hex(member.ID), member.name, member.peerURLs, member.clientURLs ?? [], member.isLearner ?? false]).sort(),
		);
		const sourceStatus = parseEtcdJson<Array<{Status: {version: string}}>>(await cluster().etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: [source.member.endpoint]}));
		assert.equal(record.etcdVersion, sourceStatus[0]!.Status.version);
		assert.deepEqual(record.keyCounts, {revision: saved.manifest.revision, separator: '/', root: '/seed/', totalKeys: seededKeys, prefixes: [], cutShort: []});

		assert.equal(await restoreAndCount(target, '/seed/'), seededKeys);
	});
});

test('etcdctl snapshot save writes the same layout: its file passes the same check', {timeout: 60_000}, async () => {
	await withDir(async dir => {
		const file = path.join(dir, 'etcdctl.db');
		await cluster().etcdctl(['snapshot', 'save', file], {endpoints: [cluster().endpoints[0]!], timeoutMs: 60_000});
		const check = await checkSnapshotFile(file);
		assert.equal(check.problem, undefined);
		assert.equal(check.sizeBytes % 512, 32);
	});
});

test('one flipped byte fails verification, saying the file is corrupt and differs from its manifest', {timeout: 60_000}, async () => {
	await withDir(async dir => {
		const saved = await saveSnapshot({...(await proposedSource()), target: path.join(dir, 'good.db'), connection: connection()});
		const bytes = readFileSync(saved.path);
		const middle = Math.floor(bytes.length / 2);
		bytes[middle] = bytes[middle]! ^ 0x10;
		writeFileSync(saved.path, bytes);

		const verification = await verifySnapshot(saved.path);
		assert.match(verification.problems[0] ?? '', /^it is corrupt: the SHA-256 etcd wrote at its end \([\da-f]{16}…\) does not match the SHA-256 of the 27\.\d MB before it/);
		assert.match(verification.problems[1] ?? '', /differs from the one its manifest good\.db\.manifest\.json recorded .*: the file changed after it was saved/);
	});
});

test('the member killed mid-stream: the save fails saying so, and leaves no file and no temp file', {timeout: 120_000}, async () => {
	const source = await proposedSource();
	await withDir(async dir => {
		const target = path.join(dir, 'killed.db');
		let reports = 0;
		try {
			const saving = saveSnapshot({
				...source,
				target,
				connection: connection(),
				onProgress() {
					reports++;
					if (reports === 1) {
						cluster().signal(source.member.name, 'SIGKILL');
					}
				},
			});
			await assert.rejects(saving, (error: unknown) => {
				assert.ok(error instanceof SnapshotError);
				assert.equal(error.kind, 'failed');
				assert.match(error.message, new RegExp(`^snapshot from ${source.member.name} \\(${source.member.endpoint}\\) failed after [\\d.]+ kB of 27\\.\\d MB: the connection to the member was lost mid-stream .*; nothing was written to ${target}$`));
				return true;
			});
			assert.deepEqual(readdirSync(dir), []);
		} finally {
			await cluster().kill(source.member.name);
			await cluster().ensureRunning(source.member.name);
		}
	});
});

test('a disk that fills up mid-stream: the save fails saying so and leaves nothing', {timeout: 120_000}, async t => {
	const source = await proposedSource();
	await withDir(async dir => {
		// A 1 MiB tmpfs: the real ENOSPC of a full disk, part way through a 28 MB snapshot.
		const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], {encoding: 'utf8'});
		if (mounted.status !== 0) {
			t.skip(`cannot mount a small tmpfs here: ${mounted.stderr.trim()}`);
			return;
		}

		try {
			const target = path.join(dir, 'full-disk.db');
			await assert.rejects(saveSnapshot({...source, target, connection: connection()}), {
				kind: 'failed',
				message: new RegExp(`^snapshot from ${source.member.name} \\(.*\\) failed after [\\d.]+ [kM]B of 27\\.\\d MB: writing to ${dir}: the disk is full \\(ENOSPC\\); nothing was written to ${target}$`),
			});
			assert.deepEqual(readdirSync(dir), []);
		} finally {
			spawnSync('umount', [dir]);
		}
	});
});

test('a member that hangs mid-stream is given up on after the stall time, naming it', {timeout: 60_000}, async () => {
	const source = await proposedSource();
	const stream = streamSnapshot(source.member.endpoint, connection(), {stallMs: 1000});
	try {
		const first = await stream.next();
		assert.equal(first.done, false);
		cluster().signal(source.member.name, 'SIGSTOP');
		await assert.rejects((async () => {
			for await (const _chunk of stream) {
				// Drain what was already on its way; then nothing more comes.
			}
		})(), {name: 'SnapshotStreamError', failure: 'stalled', message: 'the member sent nothing for 1 s'});
	} finally {
		cluster().signal(source.member.name, 'SIGCONT');
	}
});

test('cancelling by AbortSignal stops the stream and leaves nothing', {timeout: 60_000}, async () => {
	await withDir(async dir => {
		const controller = new AbortController();
		const saving = saveSnapshot({...(await proposedSource()), target: path.join(dir, 'cancelled.db'), connection: connection(), signal: controller.signal, onProgress: () => controller.abort()});
		await assert.rejects(saving, (error: unknown) => error instanceof SnapshotError && error.kind === 'cancelled' && /^snapshot from m\d \(.*\) cancelled after [\d.]+ kB of 27\.\d MB; nothing was written to /.test(error.message));
		assert.deepEqual(readdirSync(dir), []);
	});
});

test('an existing target, or its manifest, is refused and left untouched', {timeout: 60_000}, async () => {
	await withDir(async dir => {
		const source = await proposedSource();
		const existing = path.join(dir, 'taken.db');
		writeFileSync(existing, 'yesterday\'s snapshot');
		await assert.rejects(saveSnapshot({...source, target: existing, connection: connection()}), {name: 'SnapshotError', kind: 'refused', message: `${existing} already exists: etcdeck never overwrites a file; choose another path or move the old one away`});
		assert.equal(readFileSync(existing, 'utf8'), 'yesterday\'s snapshot');

		const orphanManifest = path.join(dir, 'fresh.db.manifest.json');
		writeFileSync(orphanManifest, '{}');
		await assert.rejects(saveSnapshot({...source, target: path.join(dir, 'fresh.db'), connection: connection()}), {kind: 'refused', message: new RegExp(`^${orphanManifest} already exists`)});
		assert.deepEqual(readdirSync(dir).sort(), ['fresh.db.manifest.json', 'taken.db']);
	});
});

test('a directory that is missing, is a file, or cannot be written: a clear error and nothing written', {timeout: 60_000}, async () => {
	await withDir(async dir => {
		const source = await proposedSource();
		const file = path.join(dir, 'plain-file');
		writeFileSync(file, 'not a directory');
		await assert.rejects(saveSnapshot({...source, target: path.join(dir, 'missing', 'x.db'), connection: connection()}), {kind: 'refused', message: `cannot use directory ${dir}/missing: no such file or directory (ENOENT)`});
		await assert.rejects(saveSnapshot({...source, target: path.join(file, 'x.db'), connection: connection()}), {kind: 'refused', message: `cannot use directory ${file}: it is not a directory`});
		await assert.rejects(saveSnapshot({...source, target: path.join(file, 'sub', 'x.db'), connection: connection()}), {kind: 'refused', message: `cannot use directory ${file}/sub: a part of the path is a file, not a directory (ENOTDIR)`});
		// Root ignores permission bits, so a directory no one may write to is needed: sysfs refuses new files.
		await assert.rejects(saveSnapshot({...source, target: '/sys/etcdeck-test.db', connection: connection()}), {kind: 'refused', message: /^cannot create a file in \/sys: (permission denied \(EACCES\)|the file system is read-only \(EROFS\))$/});
		assert.deepEqual(readdirSync(dir), ['plain-file']);
	});
});
