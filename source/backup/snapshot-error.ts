/**
 * How a snapshot save or check ended badly: `refused` before anything was written (bad path, existing
 * file, unreadable file), `failed` part way, `cancelled` by the operator. Never leaves a partial file.
 */
export type SnapshotErrorKind = 'refused' | 'failed' | 'cancelled';

/** A snapshot save or check that did not succeed; the message is for the operator. */
export class SnapshotError extends Error {
	override name = 'SnapshotError';

	constructor(message: string, readonly kind: SnapshotErrorKind) {
		super(message);
	}
}
