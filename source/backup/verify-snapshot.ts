import {createReadStream} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {manifestPathFor} from './manifest.ts';
import {parseManifest, type SnapshotManifest} from './manifest.ts';
import {describeFsError} from './describe-fs-error.ts';
import {SnapshotDigest, trailerProblem} from './snapshot-digest.ts';
import {SnapshotError} from './snapshot-error.ts';
import {readSnapshotStatus, type SnapshotStatusOutcome} from './snapshot-status.ts';

/** What a snapshot file's own bytes say about it. */
export interface SnapshotFileCheck {
	path: string;
	sizeBytes: number;
	/** SHA-256 of the whole file, hex. */
	sha256: string;
	/** The SHA-256 etcd wrote at the end, hex. */
	etcdSha256: string;
	/** Why it is not a sound snapshot; undefined when etcd's trailing hash matches. */
	problem: string | undefined;
}

/** A snapshot file checked against its trailing hash, its manifest when there is one, and etcd's tools. */
export interface SnapshotVerification {
	check: SnapshotFileCheck;
	manifestPath: string;
	/** The manifest beside the file; undefined when there is none or it could not be read. */
	manifest: SnapshotManifest | undefined;
	status: SnapshotStatusOutcome;
	/** Everything wrong, each a sentence about the file; empty when it verified. */
	problems: string[];
}

/** Reads the file once, hashing it. Throws SnapshotError (refused) when it cannot be read at all. */
export async function checkSnapshotFile(file: string, signal?: AbortSignal): Promise<SnapshotFileCheck> {
	const digest = new SnapshotDigest();
	try {
		for await (const chunk of createReadStream(file, {highWaterMark: 1024 * 1024})) {
			if (signal?.aborted) {
				throw new SnapshotError('cancelled', 'cancelled');
			}

			digest.update(chunk as Buffer);
		}
	} catch (error) {
		if (error instanceof SnapshotError) {
			throw error;
		}

		throw new SnapshotError(describeFsError(error, `cannot read ${file}`), 'refused');
	}

	const result = digest.finish();
	return {path: file, sizeBytes: result.sizeBytes, sha256: result.sha256, etcdSha256: result.trailer, problem: trailerProblem(result)};
}

/**
 * `etcdeck snapshot verify`: checks a file alone, needing no cluster. A missing manifest is not a
 * problem (the file may come from etcdctl); a manifest that disagrees with the file is.
 */
export async function verifySnapshot(file: string, signal?: AbortSignal): Promise<SnapshotVerification> {
	const check = await checkSnapshotFile(file, signal);
	const problems = check.problem === undefined ? [] : [check.problem];
	const manifestPath = manifestPathFor(file);
	const manifest = await readManifestBeside(manifestPath, problems);
	if (manifest !== undefined) {
		problems.push(...manifestMismatches(check, manifest, manifestPath));
	}

	const status = await readSnapshotStatus(file, signal);
	if (status.kind === 'failed') {
		problems.push(`${status.tool} snapshot status cannot read it: ${status.message}`);
	}

	return {check, manifestPath, manifest, status, problems};
}

async function readManifestBeside(manifestPath: string, problems: string[]): Promise<SnapshotManifest | undefined> {
	let text: string;
	try {
		text = await readFile(manifestPath, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			problems.push(describeFsError(error, `its manifest ${manifestPath} cannot be read`));
		}

		return undefined;
	}

	try {
		return parseManifest(text);
	} catch (error) {
		problems.push(`its manifest ${manifestPath} is damaged: ${(error as Error).message}`);
		return undefined;
	}
}

function manifestMismatches(check: SnapshotFileCheck, manifest: SnapshotManifest, manifestPath: string): string[] {
	const problems: string[] = [];
	const name = path.basename(manifestPath);
	if (check.sizeBytes !== manifest.sizeBytes) {
		problems.push(`it is ${check.sizeBytes} bytes but its manifest ${name} recorded ${manifest.sizeBytes}: the file changed after it was saved`);
	} else if (check.sha256 !== manifest.sha256) {
		problems.push(`its SHA-256 (${check.sha256.slice(0, 16)}…) differs from the one its manifest ${name} recorded (${manifest.sha256.slice(0, 16)}…): the file changed after it was saved`);
	}

	return problems;
}
