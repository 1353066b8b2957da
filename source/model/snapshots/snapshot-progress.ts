import type {SnapshotProgress} from '../../backup/save-progress.ts';
import {formatBytes} from '../shared/format.ts';

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
