import type {ConnectionSettings} from '../config/settings.ts';
import type {SnapshotMemberRef} from './manifest.ts';
import type {SnapshotProgress} from './save-progress.ts';
import {saveSnapshot} from './save-snapshot.ts';
import {describeStatusOutcome} from './snapshot-status.ts';

export interface SnapshotRequest {
	target: string;
	member: SnapshotMemberRef;
	clusterId: string;
	signal: AbortSignal;
	onProgress: (progress: SnapshotProgress) => void;
}

/** What a finished save reports to the dashboard: the file in place and what verified it. */
export interface SnapshotSaved {
	path: string;
	manifestPath: string;
	sha256: string;
	/** etcd's own snapshot status of the file, in a line, or why it did not run. */
	statusLine: string;
}

/** Saves a snapshot; rejects with an Error whose message says what happened (and that nothing is left). */
export type SaveSnapshot = (request: SnapshotRequest) => Promise<SnapshotSaved>;

/** The dashboard's `s`: saveSnapshot with the run's connection settings (and key separator, for the manifest's counts), reduced to what the screen shows. */
export function dashboardSaver(connection: ConnectionSettings, separator = '/'): SaveSnapshot {
	return async request => {
		const saved = await saveSnapshot({...request, connection, separator});
		return {path: saved.path, manifestPath: saved.manifestPath, sha256: saved.manifest.sha256, statusLine: describeStatusOutcome(saved.status)};
	};
}
