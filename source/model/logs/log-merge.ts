import type {LogEntry} from './log-entry.ts';

/** Where a line stands in the merged view: by its own time, then by arrival. */
export interface LogOrder {
	time: number;
	seq: number;
}

export function compareOrder(a: LogOrder, b: LogOrder): number {
	return a.time === b.time ? a.seq - b.seq : a.time - b.time;
}

/**
 * The lines of every source in one list ordered by their own timestamps (etcd's `ts`, or the
 * journal's): `merged` is in order already, `arrived` is a batch in any order. Linear in the two.
 */
export function mergeByTime(merged: readonly LogEntry[], arrived: readonly LogEntry[]): LogEntry[] {
	const batch = [...arrived].sort(compareOrder);
	if (batch.length === 0) {
		return [...merged];
	}

	// The common case, every source's new lines newer than what is kept: a concatenation.
	const last = merged.at(-1);
	if (last === undefined || compareOrder(last, batch[0]!) <= 0) {
		return [...merged, ...batch];
	}

	const result: LogEntry[] = [];
	let index = 0;
	let batchIndex = 0;
	while (index < merged.length && batchIndex < batch.length) {
		result.push(compareOrder(merged[index]!, batch[batchIndex]!) <= 0 ? merged[index++]! : batch[batchIndex++]!);
	}

	for (; index < merged.length; index++) {
		result.push(merged[index]!);
	}

	for (; batchIndex < batch.length; batchIndex++) {
		result.push(batch[batchIndex]!);
	}

	return result;
}

/** What a line's share of the budget is counted by: its member (or host), else its tail. */
export function shareOf(entry: Pick<LogEntry, 'label' | 'origin'>): string {
	return entry.label ?? `\u0000${entry.origin}`;
}

/**
 * How many lines each share may keep when together they hold more than `capacity`: a share within
 * an even split keeps all its lines, and what it leaves over goes to the larger ones (water-filling).
 * A source flooding thousands of lines a second thus cannot push a quiet member's lines out.
 */
export function fairShares(counts: ReadonlyMap<string, number>, capacity: number): Map<string, number> {
	const ascending = [...counts].sort((a, b) => a[1] - b[1]);
	const shares = new Map<string, number>();
	let remaining = capacity;
	for (const [index, [key, count]] of ascending.entries()) {
		const share = Math.min(count, Math.floor(remaining / (ascending.length - index)));
		shares.set(key, share);
		remaining -= share;
	}

	return shares;
}

/** Keeps at most `capacity` lines, taking the oldest of the shares over their fair part. */
export function keepWithinBudget(entries: readonly LogEntry[], capacity: number): LogEntry[] {
	if (entries.length <= capacity) {
		return [...entries];
	}

	const counts = new Map<string, number>();
	for (const entry of entries) {
		const share = shareOf(entry);
		counts.set(share, (counts.get(share) ?? 0) + 1);
	}

	const shares = fairShares(counts, capacity);
	const toDrop = new Map([...counts].map(([share, count]) => [share, count - shares.get(share)!]));
	return entries.filter(entry => {
		const share = shareOf(entry);
		const left = toDrop.get(share)!;
		if (left > 0) {
			toDrop.set(share, left - 1);
			return false;
		}

		return true;
	});
}
