import {open} from 'node:fs/promises';
import {describeFsError} from './describe-fs-error.ts';

/** What writing a new file came to: where, or why not, in one line for the operator. Never throws. */
export type NewFileOutcome = {ok: true; path: string} | {ok: false; message: string};

/**
 * Writes `text` to a file that must not exist yet (O_EXCL: an existing file, or a link planted there,
 * is never overwritten or followed), readable by its owner only (0600: a member's settings name its
 * cluster's members and URLs), and synced before it says so.
 */
export async function writeNewFile(file: string, text: string): Promise<NewFileOutcome> {
	let handle;
	try {
		handle = await open(file, 'wx', 0o600);
	} catch (error) {
		return {ok: false, message: (error as NodeJS.ErrnoException).code === 'EEXIST' ? `${file} exists already: not overwritten` : describeFsError(error, `creating ${file}`)};
	}

	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
		return {ok: true, path: file};
	} catch (error) {
		return {ok: false, message: describeFsError(error, `writing ${file}`)};
	} finally {
		await handle.close();
	}
}
