import path from 'node:path';
import type {ConnectionSettings} from '../config/settings.ts';
import {readSnapshotFacts} from '../cluster/snapshot-facts.ts';
import {SnapshotStreamError, streamSnapshot} from '../cluster/snapshot-stream.ts';
import {formatBytes} from '../model/shared/format.ts';
import {manifestPathFor} from './manifest.ts';
import {manifestJson, manifestKind, type SnapshotManifest, type SnapshotMemberRef} from './manifest.ts';
import type {SnapshotPhase, SnapshotProgress} from './save-progress.ts';
import {checkTargetIsFree, openTempBeside, placeWithoutOverwrite, removeIfPresent, syncDirectory, writeFully, type TempFile} from './atomic-file.ts';
import {describeFsError} from './describe-fs-error.ts';
import {etcdeckVersion} from './etcdeck-version.ts';
import {etcdHashBytes, SnapshotDigest, trailerProblem, type SnapshotDigestResult} from './snapshot-digest.ts';
import {SnapshotError} from './snapshot-error.ts';
import {readSnapshotStatus, type SnapshotStatusOutcome} from './snapshot-status.ts';
import {checkSnapshotFile} from './verify-snapshot.ts';

export interface SaveSnapshotRequest {
	/** Where the snapshot goes. Nothing may be there yet (nor at its manifest's path); its directory must exist. */
	target: string;
	/** The member to stream from (see defaultSnapshotSource). */
	member: SnapshotMemberRef;
	/** Hex cluster ID, for the manifest. */
	clusterId: string;
	connection: ConnectionSettings;
	/** Aborting cancels the save: the stream stops, the temp file goes, the promise rejects (kind "cancelled"). */
	signal?: AbortSignal;
	/** Called on the first bytes, about every 100 ms after, and at each change of phase. */
	onProgress?: (progress: SnapshotProgress) => void;
	/** What splits key levels for the manifest's key counts; "/" when not given. */
	separator?: string;
}

/** A snapshot in place: complete, on disk, verified. */
export interface SavedSnapshot {
	path: string;
	manifestPath: string;
	manifest: SnapshotManifest;
	/** What etcdutl or etcdctl snapshot status said of it, or why it could not run. */
	status: SnapshotStatusOutcome;
}

const progressIntervalMs = 100;

/**
 * Streams a snapshot from one member into a temp file beside `target`, fsyncs it, verifies it (etcd's
 * trailing SHA-256, read back from disk; then snapshot status when etcd's tools are installed), asks
 * the member for the member list, its version and key counts at the snapshot's revision, writes the
 * manifest the same way, and only then moves both into place, never over an existing file. Any
 * failure or cancellation removes what it wrote and rejects with a SnapshotError saying what happened.
 */
export async function saveSnapshot(request: SaveSnapshotRequest): Promise<SavedSnapshot> {
	const startedAt = Date.now();
	const target = path.resolve(request.target);
	const manifestPath = manifestPathFor(target);
	const dir = path.dirname(target);
	const progress = new ProgressReporter(startedAt, request.onProgress);
	const source = `${request.member.name} (${request.member.endpoint})`;
	if (request.signal?.aborted) {
		throw new SnapshotError(`snapshot from ${source} cancelled; nothing was written to ${target}`, 'cancelled');
	}

	await checkTargetIsFree(target, [manifestPath]);
	const written: TempFile[] = [];
	try {
		const snapshot = await openTemp(target, written);
		const received = await receive(request, snapshot, progress);
		progress.enter('verifying');
		const check = await checkSnapshotFile(snapshot.path, request.signal);
		if (check.problem !== undefined || check.sha256 !== received.sha256) {
			throw new SnapshotError(`the file read back from disk is not what ${source} sent (${check.problem ?? 'its SHA-256 differs'})`, 'failed');
		}

		const status = await readSnapshotStatus(snapshot.path, request.signal);
		if (status.kind === 'failed') {
			throw new SnapshotError(`${status.tool} snapshot status cannot read the snapshot: ${status.message}`, 'failed');
		}

		progress.enter('counting');
		const revision = received.revision ?? (status.kind === 'read' ? status.status.revision : null);
		const cluster = await readSnapshotFacts({endpoint: request.member.endpoint, connection: request.connection, revision, separator: Buffer.from(request.separator ?? '/')});
		if (request.signal?.aborted) {
			throw new SnapshotError('cancelled', 'cancelled');
		}

		const manifest: SnapshotManifest = {
			kind: manifestKind,
			formatVersion: 1,
			file: path.basename(target),
			sizeBytes: received.sizeBytes,
			sha256: received.sha256,
			etcdSha256: received.trailer,
			revision,
			clusterId: request.clusterId,
			member: request.member,
			takenAt: new Date(startedAt).toISOString(),
			etcdeckVersion: etcdeckVersion(),
			status: status.kind === 'read' ? status.status : null,
			cluster,
		};
		const manifestFile = await openTemp(manifestPath, written);
		await writeFully(manifestFile.handle, Buffer.from(manifestJson(manifest)));
		await closeSynced(manifestFile);
		if (request.signal?.aborted) {
			throw new SnapshotError('cancelled', 'cancelled');
		}

		progress.enter('placing');
		await placeWithoutOverwrite(snapshot.path, target);
		try {
			await placeWithoutOverwrite(manifestFile.path, manifestPath);
		} catch (error) {
			// Without its manifest the snapshot is not what was promised: take it back.
			await removeIfPresent(target);
			throw error;
		}

		await syncDirectory(dir);
		return {path: target, manifestPath, manifest, status};
	} catch (error) {
		await discard(written);
		throw explainFailure(error, {source, target, dir, progress, cancelled: request.signal?.aborted === true});
	}
}

async function openTemp(target: string, written: TempFile[]): Promise<TempFile> {
	try {
		const temp = await openTempBeside(target);
		written.push(temp);
		return temp;
	} catch (error) {
		throw new SnapshotError(describeFsError(error, `cannot create a file in ${path.dirname(target)}`), 'refused');
	}
}

async function closeSynced(temp: TempFile): Promise<void> {
	await temp.handle.sync();
	await temp.handle.close();
}

/** Closes and removes every temp file; clean-up errors must not hide the failure being reported. */
async function discard(written: readonly TempFile[]): Promise<void> {
	for (const temp of written) {
		await temp.handle.close().catch(() => undefined);
		await removeIfPresent(temp.path).catch(() => undefined);
	}
}

/** Writes the stream into the temp file, hashing as it goes, and checks it is complete and sound. */
async function receive(request: SaveSnapshotRequest, temp: TempFile, progress: ProgressReporter): Promise<SnapshotDigestResult & {revision: number | undefined}> {
	const digest = new SnapshotDigest();
	let announced: number | undefined;
	let revision: number | undefined;
	for await (const chunk of streamSnapshot(request.member.endpoint, request.connection, request.signal === undefined ? {} : {signal: request.signal})) {
		// The first message says how much database follows it; etcd then appends its 32-byte hash.
		announced ??= chunk.data.length + chunk.remainingBytes + etcdHashBytes;
		revision ??= chunk.revision;
		digest.update(chunk.data);
		progress.received(digest.bytes, announced);
		await writeFully(temp.handle, chunk.data);
	}

	await closeSynced(temp);
	if (announced === undefined || digest.bytes !== announced) {
		throw new SnapshotError(`the stream ended after ${formatBytes(digest.bytes)} of the ${formatBytes(announced ?? 0)} the member announced`, 'failed');
	}

	const result = digest.finish();
	const problem = trailerProblem(result);
	if (problem !== undefined) {
		throw new SnapshotError(`what the member sent does not verify: ${problem}`, 'failed');
	}

	return {...result, revision};
}

interface FailureContext {
	source: string;
	target: string;
	dir: string;
	progress: ProgressReporter;
	cancelled: boolean;
}

function explainFailure(error: unknown, context: FailureContext): SnapshotError {
	const nothing = `nothing was written to ${context.target}`;
	const after = context.progress.describeReceived();
	if (context.cancelled || (error instanceof SnapshotStreamError && error.failure === 'cancelled')) {
		return new SnapshotError(`snapshot from ${context.source} cancelled${after}; ${nothing}`, 'cancelled');
	}

	if (error instanceof SnapshotError && error.kind === 'refused') {
		return error;
	}

	const reason = error instanceof SnapshotError || error instanceof SnapshotStreamError
		? error.message
		: describeFsError(error, `writing to ${context.dir}`);
	return new SnapshotError(`snapshot from ${context.source} failed${after}: ${reason}; ${nothing}`, 'failed');
}

/** Turns bytes received into progress reports, at most one every {@link progressIntervalMs}. */
class ProgressReporter {
	private phase: SnapshotPhase = 'streaming';
	private bytes = 0;
	private totalBytes: number | undefined;
	private lastReportAt: number | undefined;

	constructor(private readonly startedAt: number, private readonly onProgress: ((progress: SnapshotProgress) => void) | undefined) {}

	received(bytes: number, totalBytes: number): void {
		this.bytes = bytes;
		this.totalBytes = totalBytes;
		const now = Date.now();
		if (this.lastReportAt === undefined || now - this.lastReportAt >= progressIntervalMs || bytes === totalBytes) {
			this.report(now);
		}
	}

	enter(phase: SnapshotPhase): void {
		this.phase = phase;
		this.report(Date.now());
	}

	/** " after 3.2 MB of 31 MB", or "" before any byte arrived. */
	describeReceived(): string {
		if (this.totalBytes === undefined) {
			return '';
		}

		return ` after ${formatBytes(this.bytes)} of ${formatBytes(this.totalBytes)}`;
	}

	private report(now: number): void {
		this.lastReportAt = now;
		const elapsedMs = now - this.startedAt;
		this.onProgress?.({
			phase: this.phase,
			bytes: this.bytes,
			totalBytes: this.totalBytes,
			elapsedMs,
			bytesPerSecond: elapsedMs > 0 ? Math.round((this.bytes * 1000) / elapsedMs) : 0,
		});
	}
}
