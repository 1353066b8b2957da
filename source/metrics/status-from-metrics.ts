import type {EndpointStatus} from '../cluster/cluster-reading.ts';
import type {EtcdMetrics} from './etcd-metrics.ts';
import {MetricsFormatError} from './parse-etcd-metrics.ts';

/**
 * A member's Status figures from its /metrics, for a user whose roles may not call Status: the
 * committed and applied index (etcd_server_proposals_committed_total and _applied_total are the same
 * counters Status reports), leadership, learner, DB size and version. What /metrics lacks stays
 * unknown: the raft term, which member a follower follows, and the alarms.
 */
export function statusFromMetrics(metrics: EtcdMetrics): EndpointStatus {
	const missing = [
		metrics.memberId === undefined ? 'etcd_server_id' : undefined,
		metrics.proposalsCommitted === undefined ? 'etcd_server_proposals_committed_total' : undefined,
		metrics.proposalsApplied === undefined ? 'etcd_server_proposals_applied_total' : undefined,
		metrics.dbSizeBytes === undefined ? 'etcd_mvcc_db_total_size_in_bytes' : undefined,
		metrics.isLeader === undefined ? 'etcd_server_is_leader' : undefined,
	].filter(name => name !== undefined);
	if (missing.length > 0) {
		throw new MetricsFormatError(`its /metrics lacks ${missing.join(', ')} (etcd older than 3.4?)`);
	}

	return {
		source: 'metrics',
		version: metrics.version ?? '',
		dbSizeBytes: metrics.dbSizeBytes!,
		dbSizeInUseBytes: metrics.dbSizeInUseBytes,
		leaderId: metrics.isLeader === true ? metrics.memberId : metrics.hasLeader ? undefined : '0',
		raftTerm: undefined,
		raftIndex: metrics.proposalsCommitted!,
		raftAppliedIndex: metrics.proposalsApplied!,
		isLearner: metrics.isLearner ?? false,
		errors: [],
	};
}
