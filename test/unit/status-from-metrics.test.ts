import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MetricsFormatError, parseEtcdMetrics} from '../../source/metrics/parse-etcd-metrics.ts';
import {statusFromMetrics} from '../../source/metrics/status-from-metrics.ts';
import {etcdMetrics} from '../support/metrics-fixtures.ts';

/** The lines of a 3.5.30 follower's page that stand in for Status (seen on a learner-less cluster). */
const followerPage = [
	'# TYPE etcd_mvcc_db_total_size_in_bytes gauge',
	'etcd_mvcc_db_total_size_in_bytes 20480',
	'# TYPE etcd_mvcc_db_total_size_in_use_in_bytes gauge',
	'etcd_mvcc_db_total_size_in_use_in_bytes 16384',
	'# TYPE etcd_server_has_leader gauge',
	'etcd_server_has_leader 1',
	'# TYPE etcd_server_id gauge',
	'etcd_server_id{server_id="8895ee3631a5d333"} 1',
	'# TYPE etcd_server_is_leader gauge',
	'etcd_server_is_leader 0',
	'# TYPE etcd_server_is_learner gauge',
	'etcd_server_is_learner 1',
	'# TYPE etcd_server_proposals_applied_total gauge',
	'etcd_server_proposals_applied_total 33',
	'# TYPE etcd_server_proposals_committed_total gauge',
	'etcd_server_proposals_committed_total 34',
	'# TYPE etcd_server_quota_backend_bytes gauge',
	'etcd_server_quota_backend_bytes 2.147483648e+09',
	'# TYPE etcd_server_version gauge',
	'etcd_server_version{server_version="3.5.30"} 1',
	'',
].join('\n');

void test('a page\'s Status figures: committed and applied index, learner, DB size and in use, version; no term, no alarms', async () => {
	const metrics = await parseEtcdMetrics(followerPage);
	assert.equal(metrics.quotaBytes, 2_147_483_648);
	assert.deepEqual(statusFromMetrics(metrics), {
		source: 'metrics',
		version: '3.5.30',
		dbSizeBytes: 20_480,
		dbSizeInUseBytes: 16_384,
		// A follower with a leader: /metrics does not say which member leads.
		leaderId: undefined,
		raftTerm: undefined,
		raftIndex: 34,
		raftAppliedIndex: 33,
		isLearner: true,
		errors: [],
	});
});

void test('the leader names itself; a member without a leader says "0", as Status does', () => {
	assert.equal(statusFromMetrics(etcdMetrics({memberId: 'abc', isLeader: true})).leaderId, 'abc');
	assert.equal(statusFromMetrics(etcdMetrics({memberId: 'abc', isLeader: false, hasLeader: false})).leaderId, '0');
});

void test('a page without the figures Status has is refused, naming what is missing', () => {
	assert.throws(() => statusFromMetrics(etcdMetrics({memberId: undefined, proposalsCommitted: undefined})), (error: unknown) =>
		error instanceof MetricsFormatError && error.message === 'its /metrics lacks etcd_server_id, etcd_server_proposals_committed_total (etcd older than 3.4?)');
});
