import type {MemberInfo} from '../../source/cluster/cluster-reading.ts';
import type {EtcdMetrics, Histogram, MemberScrape, MetricsRound} from '../../source/metrics/etcd-metrics.ts';

/** etcd's disk histogram bounds (WAL fsync, backend commit): 1 ms doubling to 8.192 s. */
export const diskBounds = Array.from({length: 14}, (_, index) => 0.001 * (2 ** index));
/** etcd's peer round-trip bounds: 0.1 ms doubling to 0.8192 s. */
export const roundTripBounds = Array.from({length: 14}, (_, index) => 0.0001 * (2 ** index));

/**
 * A histogram from cumulative counts per finite bound (missing tail counts repeat the last), with the
 * +Inf bucket equal to the last count, as etcd exposes them.
 */
export function histogram(bounds: readonly number[], cumulative: readonly number[], sum = 0): Histogram {
	const counts = bounds.map((_, index) => cumulative[Math.min(index, cumulative.length - 1)] ?? 0);
	const total = counts.at(-1) ?? 0;
	return {buckets: [...bounds.map((le, index) => ({le, count: counts[index]!})), {le: Number.POSITIVE_INFINITY, count: total}], count: total, sum};
}

/** Adds two histograms bucket by bucket: the later scrape of a counter that saw `extra` on top of `base`. */
export function plus(base: Histogram, extra: Histogram): Histogram {
	return {
		buckets: base.buckets.map((bucket, index) => ({le: bucket.le, count: bucket.count + extra.buckets[index]!.count})),
		count: base.count + extra.count,
		sum: base.sum + extra.sum,
	};
}

export const emptyDisk = (): Histogram => histogram(diskBounds, [0]);

/** A healthy member's metrics: has a leader, no failures, fast disk, small DB. */
export function etcdMetrics(overrides: Partial<EtcdMetrics> = {}): EtcdMetrics {
	return {
		memberId: undefined,
		version: '3.4.23',
		hasLeader: true,
		isLeader: false,
		isLearner: false,
		leaderChangesSeen: 1,
		proposalsCommitted: 100,
		proposalsApplied: 100,
		proposalsPending: 0,
		proposalsFailed: 0,
		walFsync: emptyDisk(),
		backendCommit: emptyDisk(),
		peerRoundTrips: [],
		dbSizeBytes: 20_480,
		dbSizeInUseBytes: 16_384,
		quotaBytes: 2 * 1024 ** 3,
		openFds: 40,
		maxFds: 1024,
		processStartSeconds: 1_700_000_000,
		...overrides,
	};
}

export function member(id: string, name: string, port: number): MemberInfo {
	return {id, name, peerUrls: [`http://10.0.0.${port % 250}:2380`], clientUrls: [`http://10.0.0.${port % 250}:2379`], isLearner: false, started: true};
}

export const threeMembers = (): MemberInfo[] => [member('8e9e05c52164694d', 'etcd-1', 1), member('91bc3c398fb3c146', 'etcd-2', 2), member('fd422379fda50e48', 'etcd-3', 3)];

export function scrapeOf(info: MemberInfo, at: number, metrics: EtcdMetrics | undefined, error?: string): MemberScrape {
	return {url: `${info.clientUrls[0]!}/metrics`, memberId: info.id, takenAt: at, metrics: metrics === undefined ? undefined : {...metrics, memberId: info.id}, error, latencyMs: 3};
}

export function roundOf(members: MemberInfo[], at: number, scrapes: MemberScrape[]): MetricsRound {
	return {takenAt: at, members, scrapes, durationMs: 5};
}
