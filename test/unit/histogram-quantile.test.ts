import {test} from 'node:test';
import assert from 'node:assert/strict';
import {histogramDelta, histogramQuantile} from '../../source/model/health/histogram-quantile.ts';
import {diskBounds, histogram, plus, roundTripBounds} from '../support/metrics-fixtures.ts';

/**
 * A production WAL fsync table: 410,978 fsyncs, 7 of them between 0.256 s and 0.512 s. Cumulative
 * counts per bound (0.001, 0.002, … 0.512 s; the rest repeat the last).
 */
const production = histogram(diskBounds, [398_245, 405_102, 408_811, 410_312, 410_790, 410_901, 410_950, 410_966, 410_971, 410_978]);

/** Asserts `actual` within a nanosecond of the hand-worked figure. */
function near(actual: number | undefined, expected: number, what: string): void {
	assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
}

void test('the production table has 410,978 fsyncs, 7 of them between 0.256 s and 0.512 s', () => {
	const count = (le: number) => production.buckets.find(bucket => bucket.le === le)!.count;
	assert.equal(production.count, 410_978);
	assert.equal(count(0.512) - count(0.256), 7);
});

void test('production fsyncs: p99 lands in the 2-4 ms bucket, not among the 7 slow ones', () => {
	// rank 0.99 × 410,978 = 406,868.22; 405,102 fsyncs took ≤ 2 ms and 408,811 ≤ 4 ms, so the bucket is
	// (0.002, 0.004]: 0.002 + 0.002 × (406,868.22 − 405,102) / (408,811 − 405,102).
	const p99 = histogramQuantile(0.99, production.buckets);
	near(p99, 0.002 + (0.002 * 1766.22 / 3709), 'p99');
	assert.ok(p99! > 0.002 && p99! <= 0.004);
	near(p99, 0.002_952_396_872_472_35, 'p99 as a number');
	// rank 205,489 in the first bucket (0, 0.001], 398,245 fsyncs: 0.001 × 205,489 / 398,245.
	near(histogramQuantile(0.5, production.buckets), 0.001 * 205_489 / 398_245, 'p50');
});

void test('the slowest fsyncs only show at a quantile past their rank', () => {
	// The 7 slow ones are the top 7: ranks above 410,971 of 410,978, i.e. q > 0.999983.
	const q = 410_975 / 410_978;
	const value = histogramQuantile(q, production.buckets)!;
	assert.ok(value > 0.256 && value <= 0.512, `${value}`);
});

void test('percentiles use the interval\'s deltas: a slow past since the process started does not count', () => {
	// Since start, the member once had 100,000 fsyncs of 0.5-1 s; this interval holds only the production table.
	const past = histogram(diskBounds, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 101_000]);
	const now = plus(past, production);
	const sinceStart = histogramQuantile(0.99, now.buckets)!;
	assert.ok(sinceStart > 0.5, `since start, p99 is ${sinceStart}`);
	const delta = histogramDelta(now, past);
	assert.deepEqual(delta.buckets, production.buckets);
	assert.equal(delta.count, 410_978);
	near(histogramQuantile(0.99, delta.buckets), 0.002 + (0.002 * 1766.22 / 3709), 'interval p99');
});

void test('peer round trips, most over 100 ms: p99 0.6144 s and p50 0.158 s, both above the 150 ms rule', () => {
	// 200 round trips: 10 ≤ 51.2 ms, 40 ≤ 102.4 ms, 150 ≤ 204.8 ms, 196 ≤ 409.6 ms, all ≤ 819.2 ms.
	const table = histogram(roundTripBounds, [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 40, 150, 196, 200]);
	assert.equal(table.count, 200);
	const over100ms = table.count - table.buckets.find(bucket => bucket.le === 0.1024)!.count;
	assert.ok(over100ms > table.count / 2, 'most round trips exceed 100 ms');
	// rank 198: (0.4096, 0.8192] holds 4, 2 of them below the rank: 0.4096 + 0.4096 × 2/4.
	near(histogramQuantile(0.99, table.buckets), 0.6144, 'p99');
	// rank 100: (0.1024, 0.2048] holds 110, 60 below the rank: 0.1024 + 0.1024 × 60/110.
	near(histogramQuantile(0.5, table.buckets), 0.1024 + (0.1024 * 60 / 110), 'p50');
});

void test('a rank in the +Inf bucket answers the largest finite bound', () => {
	const beyond = histogram(diskBounds, [0]);
	beyond.buckets.at(-1)!.count = 10;
	beyond.count = 10;
	assert.equal(histogramQuantile(0.99, beyond.buckets), 8.192);
});

void test('no observations: no percentile', () => {
	assert.equal(histogramQuantile(0.99, histogram(diskBounds, [0]).buckets), undefined);
	assert.equal(histogramQuantile(0.99, []), undefined);
});

void test('a restart (counters went back, or said so) makes the current histogram the interval\'s', () => {
	const before = histogram(diskBounds, [500, 600]);
	const after = histogram(diskBounds, [20, 30]);
	assert.deepEqual(histogramDelta(after, before), after);
	const grown = histogram(diskBounds, [600, 800]);
	assert.deepEqual(histogramDelta(grown, before, true), grown);
	assert.deepEqual(histogramDelta(grown, before).buckets.map(bucket => bucket.count), [100, 200, ...Array.from({length: 12}, () => 200), 200]);
	assert.deepEqual(histogramDelta(grown, undefined), grown);
});
