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
