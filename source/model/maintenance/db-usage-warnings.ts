import type {Warning} from '../shared/warnings.ts';
import {formatBytes, formatDuration, formatPercent} from '../shared/format.ts';
import {timeToQuotaMs, type DbUsage} from './db-usage.ts';

/**
 * The runbook's early signs of a DB running out of room, beyond "near the quota" (the cluster summary
 * warns at 80% and 95% already): a DB that will reach its quota soon at the rate it grows, one growing
 * well above its own norm, and one whose size differs from the other members'.
 */
export interface DbWarningOptions {
	/** Reaching the quota within this long (at the rate since etcdeck started) is a warning… */
	quotaSoonMs: number;
	/** …and within this long, critical. */
	quotaImminentMs: number;
	/** A member differs when its size is this share of the median away from it… */
	differenceRatio: number;
	/** …and at least this many bytes (small DBs differ by a few pages all the time). */
	differenceMinBytes: number;
}

export const defaultDbWarningOptions: DbWarningOptions = {
	quotaSoonMs: 24 * 3_600_000,
	quotaImminentMs: 3_600_000,
	differenceRatio: 0.5,
	differenceMinBytes: 100_000_000,
};

export function dbUsageWarnings(usages: readonly DbUsage[], options: DbWarningOptions = defaultDbWarningOptions): Warning[] {
	return [...usages.flatMap(usage => growthWarnings(usage, options)), ...sizeDifferenceWarnings(usages, options)];
}

export function formatRatePerHour(bytesPerHour: number): string {
	return `${bytesPerHour < 0 ? '-' : ''}${formatBytes(Math.abs(bytesPerHour))}/h`;
}

function growthWarnings(usage: DbUsage, options: DbWarningOptions): Warning[] {
	const {growth} = usage;
	if (growth === undefined) {
		return [];
	}

	const of = `${formatBytes(usage.sizeBytes)} of ${formatBytes(usage.quota.bytes)}`;
	if (growth.fast && growth.recentBytesPerHour !== undefined) {
		const eta = timeToQuotaMs(usage.sizeBytes, usage.quota.bytes, growth.recentBytesPerHour);
		const norm = growth.normBytesPerHour === undefined || growth.normBytesPerHour <= 0 ? 'flat before' : `${formatRatePerHour(growth.normBytesPerHour)} before`;
		const soon = eta !== undefined && eta <= options.quotaImminentMs;
		return [{
			severity: soon ? 'critical' : 'warning',
			text: `${usage.name} DB growing fast: ${formatRatePerHour(growth.recentBytesPerHour)} over the last ${formatDuration(growth.recentWindowMs)}, ${norm} (${of}${eta === undefined ? '' : `; quota in ${formatDuration(eta)} at that rate`})`,
		}];
	}

	// A projection over hours from the first minute or two would jump about: the rate must have held a
	// whole recent window first.
	if (usage.timeToQuotaMs === undefined || usage.timeToQuotaMs > options.quotaSoonMs || growth.bytesPerHour === undefined || growth.spanMs < growth.recentWindowMs) {
		return [];
	}

	return [{
		severity: usage.timeToQuotaMs <= options.quotaImminentMs ? 'critical' : 'warning',
		text: `${usage.name} DB reaches its quota in ${formatDuration(usage.timeToQuotaMs)} at ${formatRatePerHour(growth.bytesPerHour)} (${of}, growth since etcdeck started)`,
	}];
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A member whose DB size is far from the median of all members' (three or more: with two, neither is
 * the odd one). Whether the sizes in use agree tells fragmentation (a defragment evens it out) from a
 * difference in the data itself (worth a consistency check).
 */
function sizeDifferenceWarnings(usages: readonly DbUsage[], options: DbWarningOptions): Warning[] {
	if (usages.length < 3) {
		return [];
	}

	const sizeMedian = median(usages.map(usage => usage.sizeBytes));
	const inUse = usages.map(usage => usage.inUseBytes).filter((value): value is number => value !== undefined);
	const inUseMedian = inUse.length === usages.length ? median(inUse) : undefined;
	const differs = (value: number, middle: number) => Math.abs(value - middle) > Math.max(options.differenceRatio * middle, options.differenceMinBytes);
	return usages.filter(usage => differs(usage.sizeBytes, sizeMedian)).map(usage => {
		const delta = usage.sizeBytes - sizeMedian;
		const share = sizeMedian > 0 ? ` (${delta < 0 ? '-' : '+'}${formatPercent(Math.abs(delta) / sizeMedian)})` : '';
		const cause = inUseMedian === undefined || usage.inUseBytes === undefined
			? ''
			: differs(usage.inUseBytes, inUseMedian)
				? `; in use differs too (${formatBytes(usage.inUseBytes)} against ${formatBytes(inUseMedian)}): check the members agree (:check)`
				: `; in use is alike (${formatBytes(usage.inUseBytes)} against ${formatBytes(inUseMedian)}): fragmentation, a defragment evens it out`;
		return {
			severity: 'warning' as const,
			text: `${usage.name} DB ${formatBytes(usage.sizeBytes)} differs from the members' median ${formatBytes(sizeMedian)} by ${delta < 0 ? '-' : '+'}${formatBytes(Math.abs(delta))}${share}${cause}`,
		};
	});
}
