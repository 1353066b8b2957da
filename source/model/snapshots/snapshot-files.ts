import path from 'node:path';

/**
 * `etcd-<clusterID>-<UTC time>.db`, e.g. `etcd-cdf818194e3a8c32-20250115T123456Z.db`: names sort by
 * time, and carry no colons, which some file systems and copy tools refuse.
 */
export function defaultSnapshotFileName(clusterId: string | undefined, at: number): string {
	const time = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');
	return `etcd-${clusterId ?? 'unknown-cluster'}-${time}.db`;
}

/** Where --snapshot-dir points, absolute; the working directory when the flag is not given. */
export function resolveSnapshotDir(flag: string | undefined, cwd: string): string {
	return path.resolve(cwd, flag ?? '.');
}

/** The path the snapshot dialog and `etcdeck snapshot save` propose when no path is given. */
export function defaultSnapshotPath(snapshotDir: string, clusterId: string | undefined, at: number): string {
	return path.join(snapshotDir, defaultSnapshotFileName(clusterId, at));
}
