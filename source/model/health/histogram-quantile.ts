import type {Histogram, HistogramBucket} from '../../metrics/etcd-metrics.ts';

/**
 * The q-quantile (0 < q < 1) of cumulative buckets, estimated as Prometheus' histogram_quantile does:
 * find the bucket holding the rank q × total and interpolate linearly inside it (from 0 for the first
 * bucket). A rank in the +Inf bucket answers the largest finite bound, since nothing more is known.
 * Undefined when the buckets hold no observation.
 */
export function histogramQuantile(q: number, buckets: readonly HistogramBucket[]): number | undefined {
	const total = buckets.at(-1)?.count ?? 0;
	if (total <= 0 || buckets.length === 0) {
		return undefined;
	}

	const rank = q * total;
	const index = buckets.findIndex(bucket => bucket.count >= rank);
	const bucket = buckets[index]!;
	if (bucket.le === Number.POSITIVE_INFINITY) {
		return buckets.length > 1 ? buckets.at(-2)!.le : undefined;
	}

	const lower = index === 0 ? 0 : buckets[index - 1]!.le;
	const below = index === 0 ? 0 : buckets[index - 1]!.count;
	const inBucket = bucket.count - below;
	if (inBucket <= 0) {
		return bucket.le;
	}

	return lower + ((bucket.le - lower) * ((rank - below) / inBucket));
}

/**
 * What a histogram observed between two scrapes: each bucket's count minus the baseline's. When the
 * member restarted in between (its counters went back, or its start time changed) everything it holds
 * is new, so the current histogram is the interval's.
 */
export function histogramDelta(current: Histogram, baseline: Histogram | undefined, restarted = false): Histogram {
	if (baseline === undefined || restarted || current.count < baseline.count) {
		return current;
	}

	const before = new Map(baseline.buckets.map(bucket => [bucket.le, bucket.count]));
	const buckets = current.buckets.map(bucket => ({le: bucket.le, count: bucket.count - (before.get(bucket.le) ?? 0)}));
	if (buckets.some(bucket => bucket.count < 0)) {
		return current;
	}

	return {buckets, count: current.count - baseline.count, sum: current.sum - baseline.sum};
}
