import {formatBytes} from '../shared/format.ts';

/** What a snapshot save is doing now, reported as it goes. */
export type SnapshotPhase = 'streaming' | 'verifying' | 'counting' | 'placing';

/** One progress report of a snapshot save: reported on the first bytes, then every 100 ms or so. */
export interface SnapshotProgress {
	phase: SnapshotPhase;
	/** Bytes received from the member so far. */
	bytes: number;
	/** The size the member announced (database plus its 32-byte hash); undefined before the first bytes. */
	totalBytes: number | undefined;
	/** Milliseconds since the save started. */
	elapsedMs: number;
	/** Average rate since the save started. */
	bytesPerSecond: number;
}

/** Received share of the snapshot, 0 to 1; undefined while the size is unknown. */
export function snapshotProgressRatio(progress: SnapshotProgress): number | undefined {
	if (progress.totalBytes === undefined || progress.totalBytes === 0) {
		return undefined;
	}

	return Math.min(1, progress.bytes / progress.totalBytes);
}

/** "12.3 MB of 31.2 MB (39%), 45 MB/s, 0.3 s" — the headless progress line and the dialog's caption. */
export function formatSnapshotProgress(progress: SnapshotProgress): string {
	const ratio = snapshotProgressRatio(progress);
	const amount = progress.totalBytes === undefined
		? formatBytes(progress.bytes)
		: `${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)} (${Math.floor((ratio ?? 0) * 100)}%)`;
	const phase = progress.phase === 'streaming' ? '' : `${progress.phase === 'counting' ? 'counting keys' : progress.phase}, `;
	return `${phase}${amount}, ${formatBytes(progress.bytesPerSecond)}/s, ${(progress.elapsedMs / 1000).toFixed(1)} s`;
}
