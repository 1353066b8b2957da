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

/** What one endpoint's Status call returned. */
export interface EndpointStatus {
	version: string;
	dbSizeBytes: number;
	dbSizeInUseBytes: number;
	/** Hex ID of the member this endpoint believes leads; "0" when it knows no leader. */
	leaderId: string;
	raftTerm: number;
	raftIndex: number;
	raftAppliedIndex: number;
	isLearner: boolean;
	/** Errors etcd itself reports in the status (e.g. "NOSPACE" alarms on that member). */
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
	/** How long the call took, in milliseconds. */
	latencyMs: number;
}

export interface ClusterAlarm {
	memberId: string;
	alarm: string;
}

/** Everything one refresh learned about the cluster: plain data, no clients or promises. */
export interface ClusterSnapshot {
	takenAt: number;
	clusterId: string | undefined;
	members: MemberInfo[];
	/** Which endpoint answered the member list, when one did. */
	memberListFrom: string | undefined;
	/** Why no endpoint answered the member list, when none did. */
	memberListError: string | undefined;
	probes: EndpointProbe[];
	/** Active alarms; undefined when they could not be read (alarms need quorum). */
	alarms: ClusterAlarm[] | undefined;
	alarmsError: string | undefined;
	/** How long the whole refresh took, in milliseconds. */
	durationMs: number;
}
