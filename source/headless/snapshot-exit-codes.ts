/** Exit codes of `etcdeck snapshot`, as the help text lists them. */
export const snapshotExitCodes = {
	/** save: complete, verified and in place; verify: the file verified. */
	ok: 0,
	/** save failed part way (nothing left at PATH), or --keep failed after it; verify: the file failed. */
	failed: 1,
	/** Refused before anything was written: bad input, PATH exists, no such directory, cluster unreachable. */
	refused: 2,
} as const;
