import type {ClusterAlarm, ClusterReading, EndpointProbe, EndpointStatus, MemberInfo} from '../../source/cluster/cluster-reading.ts';
import type {ReadingSource} from '../../source/cluster/reading-poller.ts';

/**
 * ClusterReading builders for component tests: plain data shaped like what ClusterService returns,
 * with no etcd behind it. Every builder returns a fresh object, so a test may change what it gets.
 */

/** etcd's default --quota-backend-bytes; pass it to summarize() or App with these fixtures. */
export const fixtureQuotaBytes = 2 * 1024 ** 3;

/** 12:34:56 UTC, so the status line's clock is predictable. */
export const fixtureTakenAt = Date.UTC(2025, 0, 15, 12, 34, 56);

export const fixtureClusterId = 'cdf818194e3a8c32';

/** The leader's raft index in every fixture. */
export const leaderRaftIndex = 12_345;

export interface FixtureNode {
	id: string;
	name: string;
	/** Client URL: also the endpoint its probe reports. */
	endpoint: string;
	peerUrl: string;
	isLearner: boolean;
}

/** Hex IDs as etcdctl prints them; the last one is the learner of the healthy cluster. */
const knownIds = ['8e9e05c52164694d', '91bc3c398fb3c146', 'fd422379fda50e48', '2f0fd4b3a5cb0e1a'];

/**
 * Member `index` (0-based) of a fixture cluster: etcd-1 at 10.0.0.1, etcd-2 at 10.0.0.2, … Names are
 * zero-padded to `nameDigits` so that large clusters list in numeric order (etcd-01 … etcd-25).
 */
export function fixtureNode(index: number, isLearner = false, nameDigits = 1): FixtureNode {
	const host = `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`;
	return {
		id: knownIds[index] ?? (0x1000_0000_0000_0000n + BigInt(index)).toString(16),
		name: `etcd-${String(index + 1).padStart(nameDigits, '0')}`,
		endpoint: `http://${host}:2379`,
		peerUrl: `http://${host}:2380`,
		isLearner,
	};
}

export function memberInfo(node: FixtureNode, overrides: Partial<MemberInfo> = {}): MemberInfo {
	return {id: node.id, name: node.name, peerUrls: [node.peerUrl], clientUrls: [node.endpoint], isLearner: node.isLearner, started: true, ...overrides};
}

export function endpointStatus(node: FixtureNode, leaderId: string, overrides: Partial<EndpointStatus> = {}): EndpointStatus {
	return {
		source: 'status',
		version: '3.5.17',
		dbSizeBytes: 20_480,
		dbSizeInUseBytes: 16_384,
		leaderId,
		raftTerm: 4,
		raftIndex: leaderRaftIndex,
		raftAppliedIndex: leaderRaftIndex,
		isLearner: node.isLearner,
		errors: [],
		...overrides,
	};
}

export function answeringProbe(node: FixtureNode, status: EndpointStatus, latencyMs = 3): EndpointProbe {
	return {endpoint: node.endpoint, memberId: node.id, status, error: undefined, latencyMs};
}

/** The same probe, failed: the member list still names its member, as the cluster service does. */
export function failProbe(probe: EndpointProbe, error: string): EndpointProbe {
	return {...probe, status: undefined, error, latencyMs: 2000};
}

export function readingOf(members: MemberInfo[], probes: EndpointProbe[], overrides: Partial<ClusterReading> = {}): ClusterReading {
	return {
		takenAt: fixtureTakenAt,
		clusterId: fixtureClusterId,
		members,
		memberListFrom: probes.find(probe => probe.status !== undefined)?.endpoint,
		memberListError: undefined,
		probes,
		alarms: [],
		alarmsError: undefined,
		durationMs: 12,
		...overrides,
	};
}

export interface ClusterShape {
	voters: number;
	learners: number;
	/** Index of the leading voter. */
	leader?: number;
}

/**
 * Every member started and answering, each a few raft entries behind the leader (member `index` at
 * {@link leaderRaftIndex} - `index`, far from the lag warning): a cluster with nothing to say.
 */
export function healthyCluster({voters, learners, leader = 0}: ClusterShape): ClusterReading {
	const digits = String(voters + learners).length;
	const nodes = [...Array.from({length: voters}, (_, index) => fixtureNode(index, false, digits)), ...Array.from({length: learners}, (_, index) => fixtureNode(voters + index, true, digits))];
	const leaderId = nodes[leader]!.id;
	return readingOf(
		nodes.map(node => memberInfo(node)),
		nodes.map((node, index) => {
			const raftIndex = leaderRaftIndex - Math.abs(index - leader);
			return answeringProbe(node, endpointStatus(node, leaderId, {raftIndex, raftAppliedIndex: raftIndex}));
		}),
	);
}

/** etcd-1 (leader), etcd-2, etcd-3 voting, etcd-4 a learner; all answer, no alarms, small DBs. */
export function healthyReading(): ClusterReading {
	return healthyCluster({voters: 3, learners: 1});
}

/** The error an unreachable member's probe reports in the voter-unreachable fixture. */
export const unreachableError = 'connect ECONNREFUSED 10.0.0.3:2379';

/** The healthy cluster with voter etcd-3 down: its probe failed with {@link unreachableError}. */
export function voterUnreachableReading(): ClusterReading {
	const reading = healthyReading();
	const down = fixtureNode(2);
	return {...reading, probes: reading.probes.map(probe => (probe.memberId === down.id ? failProbe(probe, unreachableError) : probe))};
}

export const quorumLostError = 'context deadline exceeded';

/**
 * etcd-1 and etcd-2 down, so only one of three voters (etcd-3) and the learner answer. The survivors
 * still name the old leader etcd-1, but no member claims to lead, and alarms cannot be read.
 */
export function quorumLostReading(): ClusterReading {
	const reading = healthyReading();
	const down = new Set([fixtureNode(0).id, fixtureNode(1).id]);
	return {
		...reading,
		probes: reading.probes.map(probe => (down.has(probe.memberId!) ? failProbe(probe, quorumLostError) : probe)),
		alarms: undefined,
		alarmsError: 'etcdserver: request timed out',
	};
}

/** The node of the member added to the healthy cluster that has not started yet. */
export function unstartedNode(): FixtureNode {
	return fixtureNode(4, true);
}

/**
 * The healthy cluster plus a learner that was added (`member add --learner`) but never started: no
 * name, no client URLs, hence no probe.
 */
export function unstartedMemberReading(): ClusterReading {
	const reading = healthyReading();
	const added = unstartedNode();
	return {...reading, members: [...reading.members, memberInfo(added, {name: '', clientUrls: [], started: false})]};
}

/** The healthy cluster with the leader's DB at `ratio` of {@link fixtureQuotaBytes} (90% by default). */
export function dbNearQuotaReading(ratio = 0.9): ClusterReading {
	const reading = healthyReading();
	const leader = fixtureNode(0);
	const dbSizeBytes = Math.ceil(fixtureQuotaBytes * ratio);
	return {
		...reading,
		// Every member's own quota, as the service reads it from /metrics.
		probes: reading.probes.map(probe => ({...probe, quotaBytes: fixtureQuotaBytes, ...(probe.memberId === leader.id ? {status: {...probe.status!, dbSizeBytes, dbSizeInUseBytes: dbSizeBytes}} : {})})),
	};
}

/** The healthy cluster with a NOSPACE alarm raised on etcd-2, which every member reports in its status errors (ID in decimal, as etcd writes it). */
export function alarmReading(): ClusterReading {
	const reading = healthyReading();
	const raised = fixtureNode(1);
	const alarms: ClusterAlarm[] = [{memberId: raised.id, alarm: 'NOSPACE'}];
	return {
		...reading,
		alarms,
		probes: reading.probes.map(probe => ({...probe, status: {...probe.status!, errors: [`memberID:${BigInt(`0x${raised.id}`)} alarm:NOSPACE `]}})),
	};
}

/**
 * More warnings than the header has room for: quorum lost, no leader, two unreachable voters, an alarm
 * (alarms read from a cache, say) and a DB near its quota on a survivor: six in all.
 */
export function manyWarningsReading(): ClusterReading {
	const reading = quorumLostReading();
	const survivor = fixtureNode(2);
	return {
		...reading,
		alarms: [{memberId: survivor.id, alarm: 'NOSPACE'}],
		alarmsError: undefined,
		probes: reading.probes.map(probe => (probe.memberId === survivor.id ? {...probe, status: {...probe.status!, dbSizeBytes: Math.round(fixtureQuotaBytes * 0.85)}} : probe)),
	};
}

/** Hands out the given readings one per refresh, then repeats the last; counts the calls. */
export class FixtureSource implements ReadingSource<ClusterReading> {
	calls = 0;
	private readonly pending: ClusterReading[];
	private last: ClusterReading;

	constructor(first: ClusterReading, ...rest: ClusterReading[]) {
		this.pending = [first, ...rest];
		this.last = first;
	}

	/** Readings for the next refreshes, after any still pending. */
	queue(...readings: ClusterReading[]): void {
		this.pending.push(...readings);
	}

	refresh(): Promise<ClusterReading> {
		this.calls++;
		this.last = this.pending.shift() ?? this.last;
		return Promise.resolve(this.last);
	}
}

/** Every state the fixtures can put the cluster in, by name: for tests that check each one. */
export const statusDeniedReason = 'Status: permission denied: the user\'s roles do not allow this request';

/**
 * The healthy cluster as a user whose roles may not call Status sees it on etcd 3.5.30: every member
 * refused Status, its figures read from its /metrics (no raft term; which member a follower follows
 * unknown), and no alarms known.
 */
export function statusDeniedReading(): ClusterReading {
	const reading = healthyReading();
	return {
		...reading,
		alarms: undefined,
		alarmsError: 'only Status reports alarms, and this user may not call it',
		probes: reading.probes.map(probe => {
			const leads = probe.status!.leaderId === probe.memberId;
			return {...probe, statusDenied: statusDeniedReason, quotaBytes: fixtureQuotaBytes, status: {...probe.status!, source: 'metrics' as const, version: '3.5.30', raftTerm: undefined, leaderId: leads ? probe.memberId : undefined}};
		}),
	};
}

export const namedReadings: Record<string, () => ClusterReading> = {
	healthy: healthyReading,
	'voter unreachable': voterUnreachableReading,
	'quorum lost': quorumLostReading,
	'unstarted member': unstartedMemberReading,
	'DB near quota': () => dbNearQuotaReading(),
	alarm: alarmReading,
	'many warnings': manyWarningsReading,
	'Status denied': statusDeniedReading,
};
