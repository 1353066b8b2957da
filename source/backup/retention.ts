import {lstat, readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {manifestSuffix} from './manifest.ts';
import {parseManifest} from './manifest.ts';
import {snapshotsToRemove, type RetainedSnapshot} from './retention-policy.ts';
import {removeIfPresent, syncDirectory} from './atomic-file.ts';
import {describeFsError} from './describe-fs-error.ts';
import {SnapshotError} from './snapshot-error.ts';

/**
 * `--keep N`, run only after `justSaved` verified: removes all but the newest N etcdeck snapshots of
 * the same cluster in its directory, each with its manifest. A file counts only when a readable
 * etcdeck manifest of that cluster is beside it, so other files, other clusters' snapshots and
 * etcdctl's snapshots are never touched. Returns the snapshots removed, oldest last.
 */
export async function applyRetention(justSaved: string, clusterId: string, keep: number): Promise<string[]> {
	const dir = path.dirname(justSaved);
	const candidates = await etcdeckSnapshotsIn(dir, clusterId);
	const doomed = snapshotsToRemove(candidates, keep, justSaved);
	for (const snapshot of doomed) {
		try {
			// The snapshot before its manifest: a manifest left alone names no file and is skipped next time.
			await removeIfPresent(snapshot.path);
			await removeIfPresent(`${snapshot.path}${manifestSuffix}`);
		} catch (error) {
			throw new SnapshotError(describeFsError(error, `--keep ${keep}: cannot remove ${snapshot.path}`), 'failed');
		}
	}

	if (doomed.length > 0) {
		await syncDirectory(dir);
	}

	return doomed.map(snapshot => snapshot.path);
}

async function etcdeckSnapshotsIn(dir: string, clusterId: string): Promise<RetainedSnapshot[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (error) {
		throw new SnapshotError(describeFsError(error, `--keep: cannot list ${dir}`), 'failed');
	}

	const found: RetainedSnapshot[] = [];
	for (const name of names.filter(entry => entry.endsWith(manifestSuffix) && !entry.startsWith('.'))) {
		const snapshotPath = path.join(dir, name.slice(0, -manifestSuffix.length));
		const takenAt = await manifestTime(path.join(dir, name), clusterId);
		if (takenAt !== undefined && (await isFile(snapshotPath))) {
			found.push({path: snapshotPath, takenAt});
		}
	}

	return found;
}

/** When the snapshot was taken, if the manifest is etcdeck's and of this cluster; undefined otherwise. */
async function manifestTime(manifestPath: string, clusterId: string): Promise<number | undefined> {
	try {
		const manifest = parseManifest(await readFile(manifestPath, 'utf8'));
		return manifest.clusterId === clusterId ? Date.parse(manifest.takenAt) : undefined;
	} catch {
		return undefined;
	}
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await lstat(file)).isFile();
	} catch {
		return false;
	}
}
