/** A snapshot etcdeck saved earlier, as its manifest describes it. */
export interface RetainedSnapshot {
	path: string;
	/** When it was taken, in milliseconds since the epoch. */
	takenAt: number;
}

/**
 * The snapshots `--keep N` removes: all but the newest `keep`. The snapshot just saved always counts as
 * one of those kept, whatever the clocks say, so retention can never remove what it was run after.
 */
export function snapshotsToRemove(existing: readonly RetainedSnapshot[], keep: number, justSaved: string): RetainedSnapshot[] {
	if (!Number.isInteger(keep) || keep < 1) {
		throw new RangeError(`keep must be a whole number of at least 1, got ${String(keep)}`);
	}

	const others = existing
		.filter(snapshot => snapshot.path !== justSaved)
		.sort((a, b) => b.takenAt - a.takenAt || b.path.localeCompare(a.path));
	return others.slice(keep - 1);
}
