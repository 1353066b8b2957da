import type {MemberInfo} from '../cluster/cluster-reading.ts';

/** One cumulative histogram bucket: how many observations were at most `le` seconds. */
export interface HistogramBucket {
	/** Upper bound in seconds; Infinity for the +Inf bucket. */
	le: number;
	count: number;
}

/** A Prometheus histogram as etcd exposes it: cumulative since the process started. */
export interface Histogram {
	/** Sorted by `le`, ending with the +Inf bucket. */
	buckets: HistogramBucket[];
	count: number;
	sum: number;
}

/** One peer's round-trip histogram, as the member that measured it reports it. */
export interface PeerRoundTrip {
	/** Hex member ID of the peer (etcd's `To` label). */
	peerId: string;
	histogram: Histogram;
}

/**
 * The etcd figures one member's /metrics page gave, as plain data. Counters are cumulative since that
 * member's process started; a figure the member did not expose (older etcd, not Linux) is undefined.
 */
export interface EtcdMetrics {
	/** Hex member ID from `etcd_server_id` (etcd 3.4+). */
	memberId: string | undefined;
	version: string | undefined;
	hasLeader: boolean;
	isLeader: boolean | undefined;
	/** `etcd_server_is_learner` (etcd 3.4+). */
	isLearner: boolean | undefined;
	leaderChangesSeen: number | undefined;
	proposalsCommitted: number | undefined;
	proposalsApplied: number | undefined;
	proposalsPending: number | undefined;
	proposalsFailed: number | undefined;
	walFsync: Histogram | undefined;
	backendCommit: Histogram | undefined;
	peerRoundTrips: PeerRoundTrip[];
	dbSizeBytes: number | undefined;
	/** `etcd_mvcc_db_total_size_in_use_in_bytes` (etcd 3.4+): the DB size less its free pages. */
	dbSizeInUseBytes: number | undefined;
	/** `etcd_server_quota_backend_bytes`: the member's own --quota-backend-bytes. */
	quotaBytes: number | undefined;
	openFds: number | undefined;
	maxFds: number | undefined;
	/** Unix time in seconds; a change means the member restarted and its counters began again. */
	processStartSeconds: number | undefined;
}

/** What one member's /metrics gave, or why it gave nothing. */
export interface MemberScrape {
	/** The URL scraped (a client URL + /metrics, or one of --metrics-urls). */
	url: string;
	/** From the member list when the URL is a member's client URL, else from the metrics themselves. */
	memberId: string | undefined;
	takenAt: number;
	metrics: EtcdMetrics | undefined;
	/** Operator-facing reason the scrape of `url` failed (connection refused, HTTP 404, not etcd metrics…). */
	error: string | undefined;
	latencyMs: number;
}

/** One round of scrapes of every member, taken in parallel. */
export interface MetricsRound {
	takenAt: number;
	/** The member list the targets came from: names members and peers. */
	members: MemberInfo[];
	scrapes: MemberScrape[];
	durationMs: number;
}
