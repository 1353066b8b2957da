import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster} from '../../source/demo/local-cluster.ts';

/**
 * A start that fails half-way stops what it had started: a `before` hook whose cluster did not come up
 * must leave no etcd behind (one that did kept its test file from ever exiting).
 */

/** etcd processes whose command line names `dir`, from /proc. */
function etcdsUnder(dir: string): number[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).filter(pid => {
		try {
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
			return state !== 'Z' && path.basename(argv[0] ?? '') === 'etcd' && argv.some(arg => arg.startsWith(dir));
		} catch {
			return false;
		}
	}).map(Number);
}

test('a voter that cannot start: the others, already running, are stopped and the directory removed', async () => {
	const baseDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-failed-start-'));
	// m2's data directory is a file: etcd m2 exits at once, while m1 and m3 come up and wait for it.
	writeFileSync(path.join(baseDir, 'm2'), 'not a directory');
	try {
		await assert.rejects(LocalCluster.start({voters: 3, baseDir}), /etcd m2 exited with code \d+/);
		assert.deepEqual(etcdsUnder(baseDir), [], 'no etcd of the failed start still runs');
		assert.equal(existsSync(baseDir), false);
	} finally {
		rmSync(baseDir, {recursive: true, force: true});
	}
});

test('startAll: when one cluster cannot start, the ones that did are stopped before the error is thrown', async () => {
	const good = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-start-all-good-'));
	const bad = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-start-all-bad-'));
	writeFileSync(path.join(bad, 'm1'), 'not a directory');
	try {
		await assert.rejects(LocalCluster.startAll([{voters: 1, baseDir: good}, {voters: 1, baseDir: bad}]), /etcd m1 exited/);
		assert.deepEqual(etcdsUnder(good), [], 'the cluster that started is stopped');
		assert.equal(existsSync(good), false);
	} finally {
		rmSync(good, {recursive: true, force: true});
		rmSync(bad, {recursive: true, force: true});
	}
});
