import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startForFile} from './for-file.ts';

/** Runs `work` in a fresh temp directory and removes the directory afterwards, whatever happened. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return await work(dir);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** A fresh temp directory for the tests of a file, removed after them. */
export function tempDirForFile(prefix: string): () => string {
	return startForFile('scratch directory', async () => Promise.resolve(mkdtempSync(path.join(os.tmpdir(), prefix))), async dir => {
		rmSync(dir, {recursive: true, force: true});
		return Promise.resolve();
	});
}
