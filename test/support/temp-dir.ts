import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs `work` in a fresh temp directory and removes the directory afterwards, whatever happened. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return await work(dir);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
