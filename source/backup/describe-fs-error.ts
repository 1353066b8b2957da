const reasons: Record<string, string> = {
	ENOENT: 'no such file or directory',
	ENOTDIR: 'a part of the path is a file, not a directory',
	EISDIR: 'it is a directory',
	EEXIST: 'it already exists',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is exceeded',
	EFBIG: 'the file is too large for this file system',
	ENAMETOOLONG: 'the name is too long',
	EIO: 'an I/O error from the disk',
	EMFILE: 'too many open files',
};

/** "writing /backups: the disk is full (ENOSPC)": what was being done, and the system's reason in words. */
export function describeFsError(error: unknown, doing: string): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code !== undefined) {
		return `${doing}: ${reasons[code] ?? (error as Error).message} (${code})`;
	}

	return `${doing}: ${error instanceof Error ? error.message : String(error)}`;
}
