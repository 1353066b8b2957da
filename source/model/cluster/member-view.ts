import type {ClusterReading, EndpointProbe, EndpointStatus, MemberInfo} from '../../cluster/cluster-reading.ts';
import {inMemberOrder} from '../shared/member-order.ts';

/** One member as the panes show it: the member list's facts joined with its own status probe. */
export interface MemberView {
	/** Hex member ID, or undefined for an endpoint that answered nothing and is in no member list. */
	id: string | undefined;
	name: string;
	member: MemberInfo | undefined;
	probe: EndpointProbe | undefined;
	status: EndpointStatus | undefined;
	isLearner: boolean;
	isLeader: boolean;
	/** Raft entries behind the leader; undefined when either index is unknown. */
	lagEntries: number | undefined;
	appliedLagEntries: number | undefined;
}

export interface LeaderView {
	id: string;
	name: string;
	raftIndex: number;
	raftAppliedIndex: number;
	/** Undefined when the leader's figures come from its /metrics. */
	raftTerm: number | undefined;
}

/**
 * The leader is a member that says so itself. A follower's belief is not enough: a dead leader is
 * still named by its followers until they elect another. With two claimants (an old leader cut off
 * from the rest), the higher term wins.
 */
export function findLeader(reading: ClusterReading): LeaderView | undefined {
	const claimants = reading.probes.filter(probe => probe.status !== undefined && probe.memberId !== undefined && probe.status.leaderId === probe.memberId);
	const best = claimants.sort((a, b) => (b.status?.raftTerm ?? 0) - (a.status?.raftTerm ?? 0))[0];
	if (best?.status === undefined || best.memberId === undefined) {
		return undefined;
	}

	const member = reading.members.find(candidate => candidate.id === best.memberId);
	return {
		id: best.memberId,
		name: member?.name ?? best.memberId,
		raftIndex: best.status.raftIndex,
		raftAppliedIndex: best.status.raftAppliedIndex,
		raftTerm: best.status.raftTerm,
	};
}

/** Members in the one member order (leader, followers, learners; then name), then probes that match no member. */
export function memberViews(reading: ClusterReading): MemberView[] {
	const leader = findLeader(reading);
	const view = (member: MemberInfo | undefined, probe: EndpointProbe | undefined): MemberView => {
		const status = probe?.status;
		const id = member?.id ?? probe?.memberId;
		return {
			id,
			name: member === undefined ? '' : member.name,
			member,
			probe,
			status,
			isLearner: member?.isLearner ?? status?.isLearner ?? false,
			isLeader: leader !== undefined && id === leader.id,
			lagEntries: leader === undefined || status === undefined ? undefined : Math.max(0, leader.raftIndex - status.raftIndex),
			appliedLagEntries: leader === undefined || status === undefined ? undefined : Math.max(0, leader.raftAppliedIndex - status.raftAppliedIndex),
		};
	};

	const views = inMemberOrder(
		reading.members.map(member => view(member, reading.probes.find(probe => probe.memberId === member.id))),
		each => ({isLeader: each.isLeader, isLearner: each.isLearner, name: each.name, id: each.id ?? ''}),
	);
	const orphans = reading.probes.filter(probe => probe.memberId === undefined || !reading.members.some(member => member.id === probe.memberId));
	return [...views, ...orphans.map(probe => view(undefined, probe))];
}

/** What the ROLE columns say. */
export function roleOf(view: Pick<MemberView, 'isLeader' | 'isLearner'>): 'leader' | 'follower' | 'learner' {
	return view.isLeader ? 'leader' : view.isLearner ? 'learner' : 'follower';
}

/**
 * Whether the member can be talked to, in the members pane's STATUS words: `unstarted` (added, its etcd
 * not joined yet), `no answer` (took the call and said nothing in time: stopped, hung), `unreachable`
 * (refused, no route, TLS), else etcdctl's `started`.
 */
export function reachabilityOf(view: Pick<MemberView, 'member' | 'probe'>): 'started' | 'unstarted' | 'no answer' | 'unreachable' {
	if (view.member !== undefined && !view.member.started) {
		return 'unstarted';
	}

	if (view.probe?.error === undefined) {
		return 'started';
	}

	return view.probe.failure === 'no-answer' ? 'no answer' : 'unreachable';
}
