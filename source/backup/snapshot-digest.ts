import {createHash} from 'node:crypto';
import {formatBytes} from '../model/shared/format.ts';

/** etcd ends a snapshot with the SHA-256 of everything before it. */
export const etcdHashBytes = 32;

/** What a whole snapshot's bytes hash to. */
export interface SnapshotDigestResult {
	sizeBytes: number;
	/** SHA-256 of the whole file, hex. */
	sha256: string;
	/** The last 32 bytes, hex: the SHA-256 etcd wrote of the database. */
	trailer: string;
	/** SHA-256 of everything before the last 32 bytes, hex: what the trailer must equal. */
	contentSha256: string;
}

/**
 * Hashes a snapshot as it streams by, without holding it: the whole file, and separately the database
 * part, holding back the latest 32 bytes until it is known they are not the trailer.
 */
export class SnapshotDigest {
	private readonly whole = createHash('sha256');
	private readonly content = createHash('sha256');
	private held = Buffer.alloc(0);
	private size = 0;

	get bytes(): number {
		return this.size;
	}

	update(chunk: Buffer): void {
		this.whole.update(chunk);
		this.size += chunk.length;
		const pending = this.held.length + chunk.length;
		const release = Math.max(0, pending - etcdHashBytes);
		if (release >= this.held.length) {
			this.content.update(this.held);
			this.content.update(chunk.subarray(0, release - this.held.length));
			this.held = Buffer.from(chunk.subarray(release - this.held.length));
		} else {
			this.content.update(this.held.subarray(0, release));
			this.held = Buffer.concat([this.held.subarray(release), chunk]);
		}
	}

	finish(): SnapshotDigestResult {
		return {sizeBytes: this.size, sha256: this.whole.digest('hex'), trailer: this.held.toString('hex'), contentSha256: this.content.digest('hex')};
	}
}

/**
 * Why these bytes are not a sound etcd snapshot, or undefined when the trailer matches. The layout
 * check is etcd's own (`snapshot restore`): bbolt pages are multiples of 512 bytes, plus the hash.
 */
export function trailerProblem(digest: SnapshotDigestResult): string | undefined {
	if (digest.sizeBytes < etcdHashBytes || digest.sizeBytes % 512 !== etcdHashBytes) {
		return `it has no SHA-256 trailer: ${digest.sizeBytes} bytes is not whole 512-byte pages plus a 32-byte hash (a truncated file, or a database copied from a data directory rather than a snapshot)`;
	}

	if (digest.trailer !== digest.contentSha256) {
		return `it is corrupt: the SHA-256 etcd wrote at its end (${digest.trailer.slice(0, 16)}…) does not match the SHA-256 of the ${formatBytes(digest.sizeBytes - etcdHashBytes)} before it (${digest.contentSha256.slice(0, 16)}…)`;
	}

	return undefined;
}
