import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MetricsFormatError, parseEtcdMetrics} from '../../source/metrics/parse-etcd-metrics.ts';
import {metricsTargets, metricsUrl} from '../../source/metrics/metrics-targets.ts';
import {diskBounds, roundTripBounds, threeMembers} from '../support/metrics-fixtures.ts';

/** Histogram lines as etcd 3.4 prints them (labels before le, %g-style bounds). */
function histogramLines(name: string, bounds: readonly number[], cumulative: readonly number[], sum: number, labels = ''): string[] {
	const prefix = labels === '' ? '' : `${labels},`;
	const count = cumulative.at(-1)!;
	const at = (index: number) => cumulative[Math.min(index, cumulative.length - 1)]!;
	return [
		...bounds.map((le, index) => `${name}_bucket{${prefix}le="${Number(le.toPrecision(6))}"} ${at(index)}`),
		`${name}_bucket{${prefix}le="+Inf"} ${count}`,
		`${name}_sum${labels === '' ? '' : `{${labels}}`} ${sum}`,
		`${name}_count${labels === '' ? '' : `{${labels}}`} ${count}`,
	];
}

/** A page shaped like etcd 3.4.23's, cut to what the pane reads plus neighbours of other kinds. */
const page = [
	'# HELP etcd_disk_wal_fsync_duration_seconds The latency distributions of fsync called by WAL.',
	'# TYPE etcd_disk_wal_fsync_duration_seconds histogram',
	...histogramLines('etcd_disk_wal_fsync_duration_seconds', diskBounds, [5, 5, 6], 0.004233795),
	'# HELP etcd_disk_backend_commit_duration_seconds The latency distributions of commit called by backend.',
	'# TYPE etcd_disk_backend_commit_duration_seconds histogram',
	...histogramLines('etcd_disk_backend_commit_duration_seconds', diskBounds, [5, 6], 0.0031428759999999997),
	'# HELP etcd_mvcc_db_total_size_in_bytes Total size of the underlying database physically allocated in bytes.',
	'# TYPE etcd_mvcc_db_total_size_in_bytes gauge',
	'etcd_mvcc_db_total_size_in_bytes 20480',
	'# HELP etcd_network_peer_round_trip_time_seconds Round-Trip-Time histogram between peers',
	'# TYPE etcd_network_peer_round_trip_time_seconds histogram',
	...histogramLines('etcd_network_peer_round_trip_time_seconds', roundTripBounds, [0, 0, 0, 1, 3], 0.0021, 'To="91bc3c398fb3c146"'),
	...histogramLines('etcd_network_peer_round_trip_time_seconds', roundTripBounds, [0, 0, 2, 2, 2, 4, 5], 0.0073, 'To="fd422379fda50e48"'),
	'# HELP etcd_server_has_leader Whether or not a leader exists. 1 is existence, 0 is not.',
	'# TYPE etcd_server_has_leader gauge',
	'etcd_server_has_leader 1',
	'# TYPE etcd_server_id gauge',
	'etcd_server_id{server_id="8e9e05c52164694d"} 1',
	'# TYPE etcd_server_is_leader gauge',
	'etcd_server_is_leader 1',
	'# TYPE etcd_server_leader_changes_seen_total counter',
	'etcd_server_leader_changes_seen_total 2',
	'# TYPE etcd_server_proposals_applied_total gauge',
	'etcd_server_proposals_applied_total 1041',
	'# TYPE etcd_server_proposals_committed_total gauge',
	'etcd_server_proposals_committed_total 1042',
	'# TYPE etcd_server_proposals_failed_total counter',
	'etcd_server_proposals_failed_total 3',
	'# TYPE etcd_server_proposals_pending gauge',
	'etcd_server_proposals_pending 1',
	'# TYPE etcd_server_quota_backend_bytes gauge',
	'etcd_server_quota_backend_bytes 2.147483648e+09',
	'# TYPE etcd_server_version gauge',
	'etcd_server_version{server_version="3.4.23"} 1',
	'# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.',
	'# TYPE go_gc_duration_seconds summary',
	'go_gc_duration_seconds{quantile="0"} 2.008e-05',
	'go_gc_duration_seconds{quantile="1"} 9.2357e-05',
	'go_gc_duration_seconds_sum 0.000112437',
	'go_gc_duration_seconds_count 2',
	'# TYPE process_max_fds gauge',
	'process_max_fds 20000',
	'# TYPE process_open_fds gauge',
	'process_open_fds 19',
	'# TYPE process_start_time_seconds gauge',
	'process_start_time_seconds 1.79544119248e+09',
	'',
].join('\n');

void test('an etcd 3.4 page: every figure the pane reads, with histograms sorted and ending at +Inf', async () => {
	const metrics = await parseEtcdMetrics(page);
	assert.equal(metrics.memberId, '8e9e05c52164694d');
	assert.equal(metrics.version, '3.4.23');
	assert.equal(metrics.hasLeader, true);
	assert.equal(metrics.isLeader, true);
	assert.equal(metrics.leaderChangesSeen, 2);
	assert.deepEqual(
		[metrics.proposalsCommitted, metrics.proposalsApplied, metrics.proposalsPending, metrics.proposalsFailed],
		[1042, 1041, 1, 3],
	);
	assert.deepEqual([metrics.dbSizeBytes, metrics.quotaBytes], [20_480, 2_147_483_648]);
	assert.deepEqual([metrics.openFds, metrics.maxFds], [19, 20_000]);
	assert.equal(metrics.processStartSeconds, 1_795_441_192.48);

	const fsync = metrics.walFsync!;
	assert.equal(fsync.count, 6);
	assert.equal(fsync.sum, 0.004233795);
	assert.equal(fsync.buckets.length, 15);
	assert.deepEqual(fsync.buckets.slice(0, 3), [{le: 0.001, count: 5}, {le: 0.002, count: 5}, {le: 0.004, count: 6}]);
	assert.deepEqual(fsync.buckets.at(-1), {le: Number.POSITIVE_INFINITY, count: 6});
	assert.deepEqual(fsync.buckets.map(bucket => bucket.le), [...fsync.buckets.map(bucket => bucket.le)].sort((a, b) => a - b));
	assert.equal(metrics.backendCommit?.count, 6);
});

void test('each peer keeps its own round-trip histogram (the To label), none merged into another', async () => {
	const metrics = await parseEtcdMetrics(page);
	assert.deepEqual(metrics.peerRoundTrips.map(peer => [peer.peerId, peer.histogram.count, peer.histogram.sum]), [
		['91bc3c398fb3c146', 3, 0.0021],
		['fd422379fda50e48', 5, 0.0073],
	]);
	const second = metrics.peerRoundTrips[1]!.histogram.buckets;
	assert.deepEqual(second.slice(0, 7).map(bucket => bucket.count), [0, 0, 2, 2, 2, 4, 5]);
});

void test('etcd 3.3 names: the DB size from the debugging gauge; no server_id means no member ID', async () => {
	const old = page
		.replace('etcd_mvcc_db_total_size_in_bytes 20480', 'etcd_debugging_mvcc_db_total_size_in_bytes 40960')
		.replace('etcd_server_id{server_id="8e9e05c52164694d"} 1', '');
	const metrics = await parseEtcdMetrics(old);
	assert.equal(metrics.dbSizeBytes, 40_960);
	assert.equal(metrics.memberId, undefined);
});

void test('a member without a leader', async () => {
	const metrics = await parseEtcdMetrics(page.replace('etcd_server_has_leader 1', 'etcd_server_has_leader 0'));
	assert.equal(metrics.hasLeader, false);
});

void test('text that is not the Prometheus format is refused with the parser\'s reason', async () => {
	await assert.rejects(parseEtcdMetrics('<html><body>404 page not found</body></html>'), (error: unknown) => {
		assert.ok(error instanceof MetricsFormatError);
		assert.match(error.message, /^not Prometheus text format: .*<html>/);
		return true;
	});
});

void test('Prometheus text without etcd server metrics (another exporter) is refused, naming the missing metric', async () => {
	await assert.rejects(parseEtcdMetrics('# TYPE node_load1 gauge\nnode_load1 0.5\n'), /no etcd_server_has_leader metric: this is not an etcd member's metrics page/);
});

void test('metrics URLs: a bare endpoint gets /metrics, a URL with a path is kept', () => {
	assert.equal(metricsUrl('http://127.0.0.1:2379'), 'http://127.0.0.1:2379/metrics');
	assert.equal(metricsUrl('https://etcd1:2381/'), 'https://etcd1:2381/metrics');
	assert.equal(metricsUrl('http://etcd1:2381/custom/metrics'), 'http://etcd1:2381/custom/metrics');
});

void test('targets: overrides win, else each member\'s first client URL, else the seeds', () => {
	const members = threeMembers();
	assert.deepEqual(metricsTargets(members, undefined, ['http://seed:2379']), members.map(member => ({url: `${member.clientUrls[0]!}/metrics`, memberId: member.id})));
	assert.deepEqual(metricsTargets(members, ['http://10.0.0.1:2381', 'http://10.0.0.1:2381'], []), [{url: 'http://10.0.0.1:2381/metrics', memberId: undefined}]);
	assert.deepEqual(metricsTargets([], undefined, ['http://seed:2379']), [{url: 'http://seed:2379/metrics', memberId: undefined}]);
	const unstarted = {...members[2]!, clientUrls: [], name: '', started: false};
	assert.equal(metricsTargets([members[0]!, unstarted], undefined, []).length, 1);
});
