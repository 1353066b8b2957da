import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {link, lstat, open, rename, stat, unlink, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import {describeFsError} from './describe-fs-error.ts';
import {SnapshotError} from './snapshot-error.ts';

/** A file being written beside its final place, under a hidden name that says it is unfinished. */
export interface TempFile {
	path: string;
	handle: FileHandle;
}

/** True when anything (file, directory, dangling link) is at `file`. */
export async function pathExists(file: string): Promise<boolean> {
	try {
		await lstat(file);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return false;
		}

		throw error;
	}
}

/**
 * Creates `.NAME.partial-RANDOM` in the target's own directory, so the final rename never crosses file
 * systems. Mode 0600: a snapshot holds every key of the cluster, secrets and users included.
 */
export async function openTempBeside(target: string): Promise<TempFile> {
	const tempPath = path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`);
	const handle = await open(tempPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
	return {path: tempPath, handle};
}

/** Writes all of `data`, however many calls the system takes. */
export async function writeFully(handle: FileHandle, data: Buffer): Promise<void> {
	let offset = 0;
	while (offset < data.length) {
		const {bytesWritten} = await handle.write(data, offset, data.length - offset);
		offset += bytesWritten;
	}
}

/**
 * Moves a finished temp file to `target` unless something is already there. A hard link fails with
 * EEXIST instead of replacing, so no check-then-rename race can overwrite a file that appeared
 * meanwhile; file systems without hard links fall back to check, then rename.
 */
export async function placeWithoutOverwrite(tempPath: string, target: string): Promise<void> {
	try {
		await link(tempPath, target);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') {
			throw refusedExisting(target);
		}

		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
			throw error;
		}

		if (await pathExists(target)) {
			throw refusedExisting(target);
		}

		await rename(tempPath, target);
		return;
	}

	await unlink(tempPath);
}

/** Makes the directory's entries (a rename, a removal) durable, as fsync does a file's data. */
export async function syncDirectory(dir: string): Promise<void> {
	const handle = await open(dir, constants.O_RDONLY);
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Removes a file if it is there; for clean-up after a failure, which must not hide the failure. */
export async function removeIfPresent(file: string): Promise<void> {
	try {
		await unlink(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}
	}
}

export function refusedExisting(target: string): SnapshotError {
	return new SnapshotError(`${target} already exists: etcdeck never overwrites a file; choose another path or move the old one away`, 'refused');
}

/** Refuses a target whose directory is missing or not a directory, or that already exists. */
export async function checkTargetIsFree(target: string, alsoFree: readonly string[] = []): Promise<void> {
	const dir = path.dirname(target);
	let isDirectory: boolean;
	try {
		isDirectory = (await stat(dir)).isDirectory();
	} catch (error) {
		throw new SnapshotError(describeFsError(error, `cannot use directory ${dir}`), 'refused');
	}

	if (!isDirectory) {
		throw new SnapshotError(`cannot use directory ${dir}: it is not a directory`, 'refused');
	}

	for (const file of [target, ...alsoFree]) {
		let exists: boolean;
		try {
			exists = await pathExists(file);
		} catch (error) {
			throw new SnapshotError(describeFsError(error, `cannot look at ${file}`), 'refused');
		}

		if (exists) {
			throw refusedExisting(file);
		}
	}
}
