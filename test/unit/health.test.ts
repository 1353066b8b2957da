import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {EtcdMetrics} from '../../source/metrics/etcd-metrics.ts';
import {advanceHealth, defaultHealthOptions, healthRowIds, type HealthState} from '../../source/model/health/health.ts';
import {increaseWithin} from '../../source/model/health/counter-increase.ts';
import {diskBounds, emptyDisk, etcdMetrics, histogram, plus, roundOf, roundTripBounds, scrapeOf, threeMembers} from '../support/metrics-fixtures.ts';

/** A warning as the header shows it: the overlay's member, source and advice are tested in warnings-overlay tests. */
const bare = (warnings: ReadonlyArray<{severity: string; text: string}>) => warnings.map(({severity, text}) => ({severity, text}));

const start = Date.UTC(2025, 0, 15, 12, 0, 0);
const second = 1000;
const minute = 60 * second;
const members = threeMembers();
const [m1, m2, m3] = members as [typeof members[0], typeof members[0], typeof members[0]];

/** Folds rounds in which only etcd-1 is scraped, at the given offsets from `start`. */
function fold(steps: Array<[number, EtcdMetrics | undefined, string?]>, state?: HealthState): HealthState {
	let current = state;
	for (const [offset, metrics, error] of steps) {
		current = advanceHealth(current, roundOf(members, start + offset, [scrapeOf(m1, start + offset, metrics, error)]));
	}

	return current!;
}

const production = histogram(diskBounds, [398_245, 405_102, 408_811, 410_312, 410_790, 410_901, 410_950, 410_966, 410_971, 410_978]);

void test('the first scrape has no interval yet: no percentiles, but the gauges and counters', () => {
	const state = fold([[0, etcdMetrics({walFsync: production})]]);
	const health = state.members[0]!;
	assert.equal(health.name, 'etcd-1');
	assert.equal(health.id, m1.id);
	assert.equal(health.intervalMs, undefined);
	assert.equal(health.walFsync, undefined);
	assert.equal(health.walFsyncTotal, 410_978);
	assert.equal(health.hasLeader, true);
	assert.deepEqual(bare(state.warnings), []);
	assert.equal(state.severity, 'ok');
	assert.deepEqual(healthRowIds(state), [m1.id]);
});

void test('the production fsyncs in one interval: p99 in the 2-4 ms bucket, no warning, over that interval only', () => {
	const past = histogram(diskBounds, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 101_000]);
	const state = fold([[0, etcdMetrics({walFsync: past})], [5 * second, etcdMetrics({walFsync: plus(past, production)})]]);
	const health = state.members[0]!;
	assert.equal(health.intervalMs, 5 * second);
	assert.equal(health.walFsync?.count, 410_978);
	assert.ok(health.walFsync.p99! > 0.002 && health.walFsync.p99! <= 0.004, `p99 ${health.walFsync?.p99}`);
	assert.ok(health.walFsync.p50! <= 0.001);
	assert.deepEqual(bare(state.warnings), []);
});

void test('peer round trips mostly over 100 ms are flagged, naming the peer by its member name', () => {
	const slow = histogram(roundTripBounds, [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 40, 150, 196, 200]);
	const fast = histogram(roundTripBounds, [0, 0, 0, 5, 10]);
	const zero = histogram(roundTripBounds, [0]);
	const state = fold([
		[0, etcdMetrics({peerRoundTrips: [{peerId: m2.id, histogram: zero}, {peerId: m3.id, histogram: zero}]})],
		[30 * second, etcdMetrics({peerRoundTrips: [{peerId: m2.id, histogram: slow}, {peerId: m3.id, histogram: fast}]})],
	]);
	const health = state.members[0]!;
	assert.deepEqual(health.peers.map(peer => [peer.peerName, peer.count]), [['etcd-2', 200], ['etcd-3', 10]]);
	assert.ok(Math.abs(health.peers[0]!.p99! - 0.6144) < 1e-9);
	assert.deepEqual(bare(state.warnings), [{severity: 'warning', text: 'etcd-1: round trip to etcd-2 p99 614ms > 150ms: slow network between members'}]);
	assert.equal(health.trend.at(-1)?.peerRoundTripP99, health.peers[0]!.p99);
});

void test('a peer the member list does not name yet is shown by its ID', () => {
	const zero = histogram(roundTripBounds, [0]);
	const state = fold([[0, etcdMetrics({peerRoundTrips: [{peerId: '00abc', histogram: zero}]})], [second, etcdMetrics({peerRoundTrips: [{peerId: '00abc', histogram: zero}]})]]);
	assert.equal(state.members[0]!.peers[0]!.peerName, 'abc');
});

void test('WAL fsync p99 over 0.5 s warns, over 1 s is critical; backend commit p99 over 0.25 s warns', () => {
	const cases: Array<[number[], 'warning' | 'critical' | undefined]> = [
		// 100 fsyncs: p99 rank 99. All ≤ 0.256 s: p99 ≤ 0.256 s.
		[[0, 0, 0, 0, 0, 0, 0, 0, 100], undefined],
		// 90 ≤ 0.256 s, the rest in (0.256, 0.512]: p99 = 0.256 + 0.256 × 9/10 ≈ 0.49 s, under 0.5 s.
		[[0, 0, 0, 0, 0, 0, 0, 0, 90, 100], undefined],
		// 80 ≤ 0.512 s, the rest in (0.512, 1.024]: p99 = 0.512 + 0.512 × 19/20 ≈ 1.0 s, under 1 s: a warning.
		[[0, 0, 0, 0, 0, 0, 0, 0, 0, 80, 100], 'warning'],
		// All in (1.024, 2.048]: critical.
		[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100], 'critical'],
	];
	for (const [cumulative, expected] of cases) {
		const state = fold([[0, etcdMetrics()], [second, etcdMetrics({walFsync: histogram(diskBounds, cumulative)})]]);
		assert.deepEqual(state.warnings.map(warning => warning.severity), expected === undefined ? [] : [expected], `${cumulative.join(',')}: ${state.members[0]!.walFsync?.p99}`);
		if (expected !== undefined) {
			assert.match(state.warnings[0]!.text, /^etcd-1: WAL fsync p99 [\d.]+(ms|s) > (500ms|1\.00s): the disk is too slow for etcd$/);
		}
	}

	const commit = fold([[0, etcdMetrics()], [second, etcdMetrics({backendCommit: histogram(diskBounds, [0, 0, 0, 0, 0, 0, 0, 0, 50, 100])})]]);
	assert.deepEqual(commit.warnings.map(warning => [warning.severity, warning.text.replace(/p99 \S+/, 'p99 X')]), [['warning', 'etcd-1: backend commit p99 X > 250ms: the disk is too slow for etcd']]);
});

void test('no leader is critical', () => {
	const state = fold([[0, etcdMetrics({hasLeader: false})]]);
	assert.deepEqual(bare(state.warnings), [{severity: 'critical', text: 'etcd-1: has no leader (etcd_server_has_leader 0)'}]);
	assert.equal(state.severity, 'critical');
});

void test('leader changes: 4 in 15 minutes warn; once they age out of the window the warning goes', () => {
	const at = (offset: number, changes: number): [number, EtcdMetrics] => [offset, etcdMetrics({leaderChangesSeen: changes})];
	const busy = fold([at(0, 10), at(minute, 11), at(2 * minute, 12), at(3 * minute, 13)]);
	assert.equal(busy.members[0]!.leaderChangesRecent, 3);
	assert.deepEqual(bare(busy.warnings), []);
	const fourth = fold([at(4 * minute, 14)], busy);
	assert.equal(fourth.members[0]!.leaderChangesRecent, 4);
	assert.deepEqual(bare(fourth.warnings), [{severity: 'warning', text: 'etcd-1: 4 leader changes in 15 min (alert at 4)'}]);
	const later = fold([at(17 * minute, 14), at(20 * minute, 14)], fourth);
	assert.equal(later.members[0]!.leaderChangesRecent, 0);
	assert.deepEqual(bare(later.warnings), []);
});

void test('a member that started inside the window: all its leader changes count, even before the first scrape', () => {
	const startedSeconds = (start - (5 * minute)) / 1000;
	const state = fold([[0, etcdMetrics({leaderChangesSeen: 5, processStartSeconds: startedSeconds})]]);
	assert.equal(state.members[0]!.leaderChangesRecent, 5);
	assert.equal(state.warnings.length, 1);
});

void test('failed proposals in the last 15 minutes warn', () => {
	const state = fold([[0, etcdMetrics({proposalsFailed: 7})], [second, etcdMetrics({proposalsFailed: 9})]]);
	assert.equal(state.members[0]!.proposalsFailedRecent, 2);
	assert.deepEqual(bare(state.warnings), [{severity: 'warning', text: 'etcd-1: 2 failed proposals in 15 min'}]);
});

void test('DB over 80% of its quota warns, over 95% is critical; open fds over 80% of max warn', () => {
	const quota = 1000 * 1000 * 1000;
	const severities = (metrics: Partial<EtcdMetrics>) => fold([[0, etcdMetrics({quotaBytes: quota, ...metrics})]]).warnings.map(warning => warning.severity);
	assert.deepEqual(severities({dbSizeBytes: 0.8 * quota}), []);
	assert.deepEqual(severities({dbSizeBytes: 0.81 * quota}), ['warning']);
	assert.deepEqual(severities({dbSizeBytes: 0.96 * quota}), ['critical']);
	assert.match(fold([[0, etcdMetrics({quotaBytes: quota, dbSizeBytes: 0.96 * quota})]]).warnings[0]!.text, /^etcd-1: DB 960 MB is 96(\.0)?% of its 1 GB quota: compact and defragment$/);
	assert.deepEqual(severities({openFds: 800, maxFds: 1000}), []);
	const fds = fold([[0, etcdMetrics({openFds: 801, maxFds: 1000})]]).warnings;
	assert.equal(fds.length, 1);
	assert.match(fds[0]!.text, /^etcd-1: 801 of 1000 file descriptors open \(80(\.1)?%\)$/);
});

void test('--quota-bytes overrides the member\'s own quota for its DB share', () => {
	const own = 1000 * 1000 * 1000;
	const round = roundOf(members, start, [scrapeOf(m1, start, etcdMetrics({quotaBytes: own, dbSizeBytes: 0.9 * own}))]);
	assert.equal(advanceHealth(undefined, round).members[0]!.quotaBytes, own);
	const overridden = advanceHealth(undefined, round, {...defaultHealthOptions, quotaBytes: 4 * own});
	assert.equal(overridden.members[0]!.quotaBytes, 4 * own);
	assert.deepEqual(bare(overridden.warnings), []);
});

void test('a member whose scrape fails shows why; the others are judged as usual', () => {
	const error = 'connection refused: is etcd running and listening on this address?';
	const round = roundOf(members, start, [scrapeOf(m1, start, etcdMetrics()), scrapeOf(m2, start, undefined, error), scrapeOf(m3, start, etcdMetrics({hasLeader: false}))]);
	const state = advanceHealth(undefined, round);
	const failed = state.members[1]!;
	assert.equal(failed.name, 'etcd-2');
	assert.equal(failed.error, error);
	assert.equal(failed.hasLeader, undefined);
	assert.equal(state.members[0]!.severity, 'ok');
	assert.equal(state.members[0]!.hasLeader, true);
	assert.deepEqual(bare(state.warnings), [
		{severity: 'critical', text: 'etcd-3: has no leader (etcd_server_has_leader 0)'},
		{severity: 'warning', text: `etcd-2: no metrics: ${error} (http://10.0.0.2:2379/metrics)`},
	]);
});

void test('after a failed scrape the next interval spans the gap, and the trend shows the gap', () => {
	const fsyncs = (count: number) => histogram(diskBounds, [count]);
	const state = fold([[0, etcdMetrics({walFsync: fsyncs(10)})], [second, undefined, 'no answer within 1000 ms (--timeout)'], [2 * second, etcdMetrics({walFsync: fsyncs(30)})]]);
	const health = state.members[0]!;
	assert.equal(health.error, undefined);
	assert.equal(health.intervalMs, 2 * second);
	assert.equal(health.walFsync?.count, 20);
	assert.deepEqual(health.trend.map(point => point.walFsyncP99 === undefined), [true, true, false]);
});

void test('percentiles cover the oldest scrape inside the window, at least the previous one', () => {
	const fsyncs = (count: number) => histogram(diskBounds, [count]);
	const window = defaultHealthOptions.percentileWindowMs;
	const steps: Array<[number, EtcdMetrics]> = [0, 1, 2, 3].map(index => [index * (window / 2), etcdMetrics({walFsync: fsyncs(index * 100)})]);
	const state = fold(steps);
	// At 1.5 windows the scrapes at 0.5 and 1 window are inside it: the baseline is the one at 0.5.
	assert.equal(state.members[0]!.intervalMs, window);
	assert.equal(state.members[0]!.walFsync?.count, 200);
	const sparse = fold([[0, etcdMetrics({walFsync: fsyncs(0)})], [10 * window, etcdMetrics({walFsync: fsyncs(50)})]]);
	assert.equal(sparse.members[0]!.intervalMs, 10 * window);
	assert.equal(sparse.members[0]!.walFsync?.count, 50);
});

void test('a restarted member (new start time) counts its whole histogram as the interval\'s', () => {
	const state = fold([
		[0, etcdMetrics({walFsync: histogram(diskBounds, [5000]), processStartSeconds: 1_700_000_000})],
		[second, etcdMetrics({walFsync: histogram(diskBounds, [6000]), processStartSeconds: 1_700_000_500})],
	]);
	assert.equal(state.members[0]!.walFsync?.count, 6000);
});

void test('no fsync in the interval: no percentile, count 0', () => {
	const state = fold([[0, etcdMetrics({walFsync: emptyDisk()})], [second, etcdMetrics({walFsync: emptyDisk()})]]);
	assert.deepEqual(state.members[0]!.walFsync, {p50: undefined, p99: undefined, count: 0});
});

void test('the trend keeps the last points only', () => {
	const steps: Array<[number, EtcdMetrics]> = Array.from({length: defaultHealthOptions.trendLength + 10}, (_, index) => [index * second, etcdMetrics()]);
	assert.equal(fold(steps).members[0]!.trend.length, defaultHealthOptions.trendLength);
});

void test('counter increase: resets count from zero, readings outside the window do not count', () => {
	const reading = (at: number, value: number, processStartMs = 0) => ({at, value, processStartMs});
	assert.equal(increaseWithin([reading(0, 5), reading(10, 7), reading(20, 2, 15), reading(30, 4, 15)], 100, 30), 2 + 2 + 2);
	assert.equal(increaseWithin([reading(0, 5), reading(10, 9), reading(200, 9)], 100, 200), 0);
	assert.equal(increaseWithin([], 100, 200), 0);
});

void test('a peer round-trip warning goes with the last bad sample leaving the percentile window, not later', () => {
	// etcd observes a peer's round trip every 30 s; scrapes come every 10 s. Bad samples at 30 s and 60 s.
	const good = histogram(roundTripBounds, [0, 0, 1]);
	const bad = histogram(roundTripBounds, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
	let observed = histogram(roundTripBounds, [0]);
	let state: HealthState | undefined;
	const warnedAt: number[] = [];
	for (let at = 0; at <= 180 * second; at += 10 * second) {
		if (at % (30 * second) === 0) {
			observed = plus(observed, at === 30 * second || at === 60 * second ? bad : good);
		}

		state = fold([[at, etcdMetrics({peerRoundTrips: [{peerId: m2.id, histogram: observed}]})]], state);
		if (state.warnings.some(warning => warning.text.includes('round trip to etcd-2'))) {
			warnedAt.push(at / second);
		}
	}

	// Warned from the first bad sample while any is inside the 60 s window, then let go at once.
	assert.deepEqual(warnedAt, [30, 40, 50, 60, 70, 80, 90, 100, 110]);
	assert.equal(defaultHealthOptions.percentileWindowMs, 60 * second);
	assert.equal(state!.members[0]!.intervalMs, 60 * second);
	// etcd observes its prober's smoothed round trip, which decays for minutes after a stall: the advice says so.
	const warned = fold([[0, etcdMetrics({peerRoundTrips: [{peerId: m2.id, histogram: histogram(roundTripBounds, [0])}]})], [10 * second, etcdMetrics({peerRoundTrips: [{peerId: m2.id, histogram: bad}]})]]);
	assert.match(warned.warnings[0]?.advice ?? '', /smoothed round trip every 30 s, so after a stall it takes a few minutes to fall back/);
});
