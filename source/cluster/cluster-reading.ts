/** A member as the member list reports it. IDs are hex, as etcdctl prints them. */
export interface MemberInfo {
	id: string;
	/** Empty until an added member has started and published its name. */
	name: string;
	peerUrls: string[];
	clientUrls: string[];
	isLearner: boolean;
	/** etcdctl's "started": the member has published its name and client URLs. */
	started: boolean;
}

/**
 * What one endpoint's Status call returned or, when the user's roles may not call Status (etcd 3.5
 * maintenance needs root), the same figures read from the member's /metrics (`source`).
 */
export interface EndpointStatus {
	source: 'status' | 'metrics';
	version: string;
	dbSizeBytes: number;
	dbSizeInUseBytes: number | undefined;
	/**
	 * Hex ID of the member this endpoint believes leads; "0" when it knows no leader; undefined when it
	 * has one that /metrics does not name (a follower: /metrics only says whether the member itself leads).
	 */
	leaderId: string | undefined;
	/** Undefined from /metrics, which has no raft term. */
	raftTerm: number | undefined;
	/** The committed index (from /metrics: etcd_server_proposals_committed_total, the same figure). */
	raftIndex: number;
	raftAppliedIndex: number;
	isLearner: boolean;
	/**
	 * What etcd itself reports in the status: the cluster's active alarms, as
	 * "memberID:1520713267247070721 alarm:NOSPACE ". Empty from /metrics, which does not carry them.
	 */
	errors: string[];
}

/** The outcome of asking one endpoint for its status. */
export interface EndpointProbe {
	endpoint: string;
	/** Hex member ID: from the status header, or from the member list when the call failed. */
	memberId: string | undefined;
	status: EndpointStatus | undefined;
	/** Operator-facing reason when the call failed. */
	error: string | undefined;
	/**
	 * How the call failed: the member took the connection but did not answer in time (a stopped or
	 * overloaded process), or could not be reached at all (refused, no route, TLS, wrong protocol).
	 */
	failure?: 'no-answer' | 'unreachable';
	/** How long the call took, in milliseconds. */
	latencyMs: number;
	/**
	 * Why the member's own Status could not be had although it answered (etcd 3.5.30 refuses Status to
	 * a user without the root role); `status` then holds the figures of its /metrics.
	 */
	statusDenied?: string;
	/** The member's backend quota from its /metrics (etcd_server_quota_backend_bytes), when read. */
	quotaBytes?: number;
}

/** An active alarm, as every member's Status reports the cluster's alarms. */
export interface ClusterAlarm {
	/** Hex ID of the member the alarm was raised on. */
	memberId: string;
	/** etcd's name of the alarm, as etcdctl prints it: NOSPACE, CORRUPT. */
	alarm: string;
}

/** Everything one refresh learned about the cluster: plain data, no clients or promises. */
export interface ClusterReading {
	takenAt: number;
	clusterId: string | undefined;
	members: MemberInfo[];
	/** Which endpoint answered the member list, when one did. */
	memberListFrom: string | undefined;
	/** Why no endpoint answered the member list, when none did. */
	memberListError: string | undefined;
	probes: EndpointProbe[];
	/**
	 * Active alarms, from the Status answers (read without raft); undefined when no member's Status
	 * answered, so they are unknown.
	 */
	alarms: ClusterAlarm[] | undefined;
	/** Why the alarms are unknown. */
	alarmsError: string | undefined;
	/** How long the whole refresh took, in milliseconds. */
	durationMs: number;
}
