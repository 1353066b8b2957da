import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {advanceHealth, type HealthState} from '../../source/model/health/health.ts';
import {HealthPane} from '../../source/ui/health/HealthPane.tsx';
import {cells, linesOf} from '../support/render.tsx';
import {diskBounds, etcdMetrics, histogram, plus, roundOf, roundTripBounds, scrapeOf, threeMembers} from '../support/metrics-fixtures.ts';

const start = Date.UTC(2025, 0, 15, 12, 0, 0);
const members = threeMembers();
const [m1, m2, m3] = members as [typeof members[0], typeof members[0], typeof members[0]];
const refused = 'connection refused: is etcd running and listening on this address?';

const production = histogram(diskBounds, [398_245, 405_102, 408_811, 410_312, 410_790, 410_901, 410_950, 410_966, 410_971, 410_978]);
const zeroTrips = histogram(roundTripBounds, [0]);
const fastTrips = histogram(roundTripBounds, [0, 0, 0, 0, 0, 2]);

/** etcd-1 healthy, etcd-2 unreachable, etcd-3 on a disk whose fsyncs take 1-2 s; two rounds 5 s apart. */
function mixedHealth(): HealthState {
	const first = roundOf(members, start, [
		scrapeOf(m1, start, etcdMetrics({isLeader: true, peerRoundTrips: [{peerId: m2.id, histogram: zeroTrips}, {peerId: m3.id, histogram: zeroTrips}]})),
		scrapeOf(m2, start, undefined, refused),
		scrapeOf(m3, start, etcdMetrics()),
	]);
	const later = start + 5000;
	const second = roundOf(members, later, [
		scrapeOf(m1, later, etcdMetrics({isLeader: true, walFsync: production, peerRoundTrips: [{peerId: m2.id, histogram: zeroTrips}, {peerId: m3.id, histogram: fastTrips}]})),
		scrapeOf(m2, later, undefined, refused),
		scrapeOf(m3, later, etcdMetrics({walFsync: plus(histogram(diskBounds, [0]), histogram(diskBounds, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50]))})),
	]);
	return advanceHealth(advanceHealth(undefined, first), second);
}

function draw(health: HealthState | undefined, {width = 100, height = 20, selectedId = undefined as string | undefined, emptyText = 'scraping /metrics…'} = {}): string[] {
	const {lastFrame, unmount} = render(<HealthPane health={health} width={width} height={height} selectedId={selectedId} emptyText={emptyText} />);
	try {
		return linesOf(lastFrame());
	} finally {
		unmount();
	}
}

const rowOf = (lines: string[], name: string) => lines.find(line => line.trimStart().startsWith(name));

void test('one row per member: latencies between scrapes, leader, and the failed member\'s reason', () => {
	const lines = draw(mixedHealth(), {width: 160});
	const titles = lines[0]!;
	for (const title of ['MEMBER', 'STATUS', 'HAS LEADER', 'FSYNC p50', 'FSYNC p99', 'FSYNC TREND', 'COMMIT p99', 'RTT p99', 'LDR CHG 15m', 'FAILED 15m', 'DB/QUOTA', 'FDS/MAX']) {
		assert.ok(titles.includes(title), `${title} missing: ${titles}`);
	}

	const healthy = rowOf(lines, 'etcd-1')!;
	// The production interval: p99 0.00295 s, p50 0.000516 s; round trips to etcd-3 all in (1.6, 3.2] ms.
	// HAS LEADER is etcd_server_has_leader: the leader itself says yes, as every follower that knows one does.
	assert.match(healthy, /^\S*\s*etcd-1\s+ok\s+yes\s+3\.0ms\s/);
	assert.ok(healthy.includes('516µs'), healthy);
	assert.ok(healthy.includes('3.2ms') || healthy.includes('3.1ms'), healthy);
	const failed = rowOf(lines, 'etcd-2')!;
	assert.match(failed, /etcd-2\s+no metrics\s*$/);
	assert.match(rowOf(lines, 'etcd-3')!, /etcd-3\s+CRITICAL\s+yes\s+2\.04s\s/);
	// Under the table, every member's problems, worst first, each with its reason.
	const below = lines.slice(lines.indexOf('') + 1);
	assert.equal(below[0], '✖ etcd-3: WAL fsync p99 2.04s > 1.00s: the disk is too slow for etcd');
	assert.equal(below[1], `▲ etcd-2: no metrics: ${refused} (http://10.0.0.2:2379/metrics)`);
});

void test('the selected member\'s details: interval, figures, peers by name and its warnings', () => {
	const lines = draw(mixedHealth(), {selectedId: m1.id, height: 20});
	const text = lines.join('\n');
	assert.ok(text.includes('etcd-1  http://10.0.0.1:2379/metrics  percentiles over 5.0s between scrapes'), text);
	assert.match(text, /WAL fsync\s+p50 516µs {2}p99 3\.0ms {2}410,978 fsyncs/);
	assert.match(text, /peer RTT p99\s+etcd-2 - {2}etcd-3 3\.\dms/);
	assert.match(text, /proposals\s+committed 100 {2}applied 100 {2}pending 0 {2}failed 0 \(0 in 15 min\)/);
	assert.match(text, /leader\s+yes, this member leads {2}0 changes in 15 min, 1 since start/);

	const slow = draw(mixedHealth(), {selectedId: m3.id, height: 20}).join('\n');
	assert.match(slow, /etcd-3 {2}http:\/\/10\.0\.0\.3:2379\/metrics {2}percentiles over 5\.0s between scrapes\nWAL fsync\s+p50 1\.54s {2}p99 2\.04s {2}50 fsyncs/);
});

void test('a member whose metrics failed shows which URL and why in its details', () => {
	const text = draw(mixedHealth(), {selectedId: m2.id}).join('\n');
	assert.match(text, new RegExp(`etcd-2  http://10\\.0\\.0\\.2:2379/metrics\\n✖ no metrics: ${refused.replaceAll('?', '\\?')}`));
	assert.doesNotMatch(text, /proposals|percentiles over/);
});

void test('after one scrape only: … where a percentile needs a second scrape, and the details say so', () => {
	const state = advanceHealth(undefined, roundOf(members, start, [scrapeOf(m1, start, etcdMetrics())]));
	const lines = draw(state);
	assert.match(rowOf(lines, 'etcd-1')!, /etcd-1\s+ok\s+yes\s+…\s+…\s/);
	assert.ok(lines.some(line => line.includes('percentiles from the next scrape on')), lines.join('\n'));
});

void test('no health yet: the empty text', () => {
	const lines = draw(undefined, {emptyText: 'scraping /metrics…'});
	assert.equal(lines[1]?.trim(), 'scraping /metrics…');
});

void test('at 80x24 and smaller, every member row shows, no line is wider than the pane, and lines fit the height', () => {
	for (const [width, height] of [[80, 17], [80, 12], [80, 8], [60, 10]] as const) {
		const lines = draw(mixedHealth(), {width, height, selectedId: m2.id});
		assert.ok(lines.length <= height, `${lines.length} lines at height ${height}:\n${lines.join('\n')}`);
		for (const line of lines) {
			assert.ok(cells(line) <= width, `${cells(line)} cells at width ${width}: ${line}`);
		}

		for (const name of ['etcd-1', 'etcd-2', 'etcd-3']) {
			assert.ok(rowOf(lines, name) !== undefined, `${name} missing at ${width}x${height}:\n${lines.join('\n')}`);
		}

		assert.ok(lines.some(line => line.includes('connection refused')), `the failure's reason at ${width}x${height}:\n${lines.join('\n')}`);
	}
});

void test('FSYNC TREND bars share one scale, never below the warning threshold: a steady 7.4 ms stays low, the slow member\'s bars rise', () => {
	const base = mixedHealth();
	const points = (values: Array<number | undefined>) => values.map((walFsyncP99, index) => ({at: start + index, walFsyncP99, backendCommitP99: undefined, peerRoundTripP99: undefined}));
	const health: HealthState = {...base, members: base.members.map(member => ({
		...member,
		trend: member.name === 'etcd-1' ? points(Array.from({length: 10}, () => 0.0074)) : member.name === 'etcd-3' ? points([0.2, 0.4, 0.8, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6]) : points(Array.from({length: 10}, () => 0.9)),
	}))};
	const lines = draw(health, {width: 160});
	const trendAt = lines[0]!.indexOf('FSYNC TREND');
	const trendOf = (name: string) => rowOf(lines, name)!.slice(trendAt, trendAt + 10);
	assert.equal(trendOf('etcd-1'), '▁'.repeat(10), lines.join('\n'));
	assert.equal(trendOf('etcd-3'), '▂▃▅███████', lines.join('\n'));
	// etcd-2's scrape failed: its earlier bars would read as current, so its figures are blank.
	assert.equal(trendOf('etcd-2').trim(), '', lines.join('\n'));
	assert.match(rowOf(lines, 'etcd-2')!, /etcd-2\s+no metrics\s*$/);
});

void test('HAS LEADER says NO for a member that knows no leader', () => {
	const at = start;
	const health = advanceHealth(undefined, roundOf(members, at, [
		scrapeOf(m1, at, etcdMetrics({hasLeader: false})),
		scrapeOf(m2, at, etcdMetrics({isLeader: true})),
		scrapeOf(m3, at, etcdMetrics()),
	]));
	const lines = draw(health, {width: 160});
	const at1 = lines[0]!.indexOf('HAS LEADER');
	assert.equal(rowOf(lines, 'etcd-1')!.slice(at1, at1 + 3), 'NO ', lines.join('\n'));
	assert.equal(rowOf(lines, 'etcd-2')!.slice(at1, at1 + 3), 'yes', lines.join('\n'));
	// The leader first, as in every pane.
	assert.ok(lines[1]!.includes('etcd-2'), lines.join('\n'));
});
