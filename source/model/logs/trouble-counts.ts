import type {Warning} from '../shared/warnings.ts';
import type {LogEntry} from './log-entry.ts';
import {describeTrouble, troubleKinds, type Trouble, type TroubleKind} from './log-trouble.ts';

/** The two windows the pane counts over. */
export const troubleWindows = {shortMs: 5 * 60_000, longMs: 15 * 60_000} as const;

/** A kind seen at least this often in the long window is a header warning. */
export const recurringTroubleMinimum = 2;

type Bucket = readonly [second: number, count: number];

/**
 * Trouble signs counted per kind in one-second buckets over the long window, so memory stays bounded
 * however many warnings a flood brings, plus totals since the tail began and the latest of each kind.
 */
export interface TroubleCounts {
	buckets: Readonly<Record<TroubleKind, readonly Bucket[]>>;
	totals: Readonly<Record<TroubleKind, number>>;
	latest: Readonly<Partial<Record<TroubleKind, {trouble: Trouble; time: number; host: string | undefined}>>>;
}

function perKind<T>(value: () => T): Record<TroubleKind, T> {
	return Object.fromEntries(troubleKinds.map(({kind}) => [kind, value()])) as Record<TroubleKind, T>;
}

export const emptyTroubleCounts: TroubleCounts = {buckets: perKind(() => []), totals: perKind(() => 0), latest: {}};

/** Adds the trouble signs among `entries` and forgets buckets that have left the long window. */
export function countTroubles(counts: TroubleCounts, entries: readonly LogEntry[], now: number): TroubleCounts {
	const oldestSecond = Math.floor((now - troubleWindows.longMs) / 1000);
	const buckets = perKind<Bucket[]>(() => []);
	const totals = {...counts.totals};
	const latest = {...counts.latest};
	for (const {kind} of troubleKinds) {
		buckets[kind] = counts.buckets[kind].filter(([second]) => second > oldestSecond);
	}

	for (const entry of entries) {
		const {trouble} = entry;
		if (trouble === undefined) {
			continue;
		}

		totals[trouble.kind]++;
		const previous = latest[trouble.kind];
		if (previous === undefined || entry.time >= previous.time) {
			latest[trouble.kind] = {trouble, time: entry.time, host: entry.label ?? entry.host};
		}

		const second = Math.floor(entry.time / 1000);
		if (second > oldestSecond) {
			addToBucket(buckets[trouble.kind], second);
		}
	}

	return {buckets, totals, latest};
}

/** Lines arrive nearly in time order, so the bucket is found from the end. */
function addToBucket(buckets: Bucket[], second: number): void {
	let index = buckets.length;
	while (index > 0 && buckets[index - 1]![0] > second) {
		index--;
	}

	const before = buckets[index - 1];
	if (before?.[0] === second) {
		buckets[index - 1] = [second, before[1] + 1];
	} else {
		buckets.splice(index, 0, [second, 1]);
	}
}

/** How often one kind was seen: in the last 5 and 15 minutes before `now`, and since the tail began. */
export interface TroubleTally {
	kind: TroubleKind;
	label: string;
	title: string;
	shortWindow: number;
	longWindow: number;
	total: number;
}

export function troubleTallies(counts: TroubleCounts, now: number): TroubleTally[] {
	const since = (windowMs: number, buckets: readonly Bucket[]) => buckets.filter(([second]) => (second + 1) * 1000 > now - windowMs).reduce((sum, [, count]) => sum + count, 0);
	return troubleKinds.map(({kind, label, title}) => ({
		kind,
		label,
		title,
		shortWindow: since(troubleWindows.shortMs, counts.buckets[kind]),
		longWindow: since(troubleWindows.longMs, counts.buckets[kind]),
		total: counts.totals[kind],
	}));
}

/**
 * Header warnings for the kinds that recur: seen at least `minimum` times in the last 15 minutes, with
 * etcd's words, the counts and the latest occurrence: `etcd log: "slow fdatasync" ×3 in 5 min, 4 in
 * 15 min; latest: slow fdatasync: took 1.2s, expected 1s on node2`.
 */
export function recurringTroubleWarnings(counts: TroubleCounts, now: number, memberNames: ReadonlyMap<string, string> = new Map(), minimum = recurringTroubleMinimum): Warning[] {
	return troubleTallies(counts, now)
		.filter(tally => tally.longWindow >= minimum)
		.map(tally => {
			const latest = counts.latest[tally.kind];
			const where = latest?.host === undefined ? '' : ` on ${latest.host}`;
			const latestText = latest === undefined ? '' : `; latest: ${describeTrouble(latest.trouble, memberNames)}${where}`;
			return {severity: 'warning', text: `etcd log: "${tally.title}" ×${tally.shortWindow} in 5 min, ${tally.longWindow} in 15 min${latestText}`, source: 'logs', advice: 'read the lines in the Logs pane (4, then w for warnings only)'};
		});
}
