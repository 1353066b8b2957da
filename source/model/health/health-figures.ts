import type {Severity, Warning} from '../shared/warnings.ts';
/** Percentiles over what a histogram observed in an interval. */
export interface LatencyFigures {
	/** Seconds; undefined when nothing was observed in the interval. */
	p50: number | undefined;
	p99: number | undefined;
	/** Observations in the interval. */
	count: number;
}

/** Round trips from one member to one peer, over the interval. */
export interface PeerHealth {
	peerId: string;
	/** The peer's member name, or its ID while the member list does not name it. */
	peerName: string;
	p99: number | undefined;
	count: number;
}

/** One point of a member's short history. */
export interface TrendPoint {
	at: number;
	walFsyncP99: number | undefined;
	backendCommitP99: number | undefined;
	/** The slowest peer's round-trip p99. */
	peerRoundTripP99: number | undefined;
}

/** What the health pane shows for one member. */
export interface MemberHealth {
	/** Member ID when known, else the scraped URL: the row's identity, as in the other panes. */
	id: string;
	memberId: string | undefined;
	/** Member name, or the URL when no member list names it. */
	name: string;
	url: string;
	/** Why this member's metrics could not be had from `url` or read; the figures are then undefined. */
	error: string | undefined;
	/** How long the interval the percentiles cover is; undefined until a second scrape. */
	intervalMs: number | undefined;
	hasLeader: boolean | undefined;
	isLeader: boolean | undefined;
	leaderChangesTotal: number | undefined;
	/** Leader changes in the last 15 minutes (of what was watched, or since the member started). */
	leaderChangesRecent: number | undefined;
	walFsync: LatencyFigures | undefined;
	/** Cumulative fsyncs since the member started. */
	walFsyncTotal: number | undefined;
	backendCommit: LatencyFigures | undefined;
	peers: PeerHealth[];
	proposalsCommitted: number | undefined;
	proposalsApplied: number | undefined;
	proposalsPending: number | undefined;
	proposalsFailedTotal: number | undefined;
	/** Failed proposals in the last 15 minutes. */
	proposalsFailedRecent: number | undefined;
	dbSizeBytes: number | undefined;
	quotaBytes: number | undefined;
	openFds: number | undefined;
	maxFds: number | undefined;
	trend: TrendPoint[];
	warnings: Warning[];
	severity: Severity;
}
