import type {Etcd3} from 'etcd3';
import {hexIdToDecimal} from './ids.ts';
import type {MemberActionResult, NamedMember} from './member-action-result.ts';
import type {EndpointProbe, MemberInfo} from './cluster-reading.ts';

/** What the member actions need from the cluster service: fresh facts and calls under its deadline. */
export interface ActionTransport {
	/** The member list as a voter reports it now. */
	memberList(): Promise<MemberInfo[]>;
	/** The client URL a member is reached on (undefined: it has none). */
	endpointOf(member: MemberInfo): string | undefined;
	/** One endpoint's status now; never throws (a failure is in the probe). */
	probe(endpoint: string): Promise<EndpointProbe>;
	/** Runs `work` on that endpoint's client under the --timeout deadline. */
	call<T>(endpoint: string, work: (client: Etcd3) => Promise<T>): Promise<T>;
	/** An operator-facing line for what a call threw, credentials masked. */
	describe(error: unknown): string;
}

/** The cluster as it is right now, read just before an action is sent. */
export interface ClusterNow {
	members: MemberInfo[];
	/** Every started voter's own status. */
	probes: EndpointProbe[];
	leader: {member: MemberInfo; endpoint: string} | undefined;
}

/**
 * Promotes a learner to a voter. The request goes to the leader, the only member that knows whether the
 * learner is in sync; etcd's own refusal comes back in its words. Never throws.
 */
export async function promoteMember(transport: ActionTransport, memberId: string): Promise<MemberActionResult> {
	const now = await lookNow(transport);
	if (typeof now === 'string') {
		return notSent(now, undefined);
	}

	const target = now.members.find(member => member.id === memberId);
	const leaderBefore = now.leader === undefined ? undefined : named(now.leader.member);
	if (target === undefined) {
		return notSent(`no member ${memberId} in the member list`, leaderBefore);
	}

	if (!target.isLearner) {
		return notSent(`${label(target)} is a voter already; only a learner can be promoted`, leaderBefore);
	}

	if (now.leader === undefined) {
		return notSent(noLeader, leaderBefore);
	}

	const {endpoint} = now.leader;
	try {
		const response = await transport.call(endpoint, async client => client.cluster.memberPromote({ID: hexIdToDecimal(memberId)}));
		const voters = response.members.filter(member => !member.isLearner).length;
		return {ok: true, message: `${label(target)} promoted to voter: ${voters} voters now`, sentTo: endpoint, leaderBefore, leaderAfter: undefined};
	} catch (error) {
		return {ok: false, message: transport.describe(error), sentTo: endpoint, leaderBefore, leaderAfter: undefined};
	}
}

/**
 * Hands leadership to a voter. etcd accepts MoveLeader only on the leader's own endpoint, so the leader
 * is looked up from a fresh status of every voter rather than from the last refresh. Refuses, without
 * sending anything, a learner, an unstarted or unreachable member, and the leader itself (etcd would
 * accept that as a no-op). Never throws.
 */
export async function moveLeader(transport: ActionTransport, targetId: string): Promise<MemberActionResult> {
	const now = await lookNow(transport);
	if (typeof now === 'string') {
		return notSent(now, undefined);
	}

	const target = now.members.find(member => member.id === targetId);
	const leaderBefore = now.leader === undefined ? undefined : named(now.leader.member);
	if (target === undefined) {
		return notSent(`no member ${targetId} in the member list`, leaderBefore);
	}

	const refusal = moveLeaderRefusal(target, now);
	if (refusal !== undefined) {
		return notSent(refusal, leaderBefore);
	}

	const {endpoint, member: leader} = now.leader!;
	try {
		await transport.call(endpoint, async client => client.maintenance.moveLeader({targetID: hexIdToDecimal(targetId)}));
		// etcd answers only once the old leader sees the new one lead.
		return {ok: true, message: `Leadership transferred from ${nameOf(leader)} to ${nameOf(target)}`, sentTo: endpoint, leaderBefore, leaderAfter: named(target)};
	} catch (error) {
		return {ok: false, message: transport.describe(error), sentTo: endpoint, leaderBefore, leaderAfter: undefined};
	}
}

const noLeader = 'no leader known: no member reports itself as leader';

function moveLeaderRefusal(target: MemberInfo, now: ClusterNow): string | undefined {
	if (target.isLearner) {
		return `${label(target)} is a learner: a learner cannot lead (promote it first)`;
	}

	if (!target.started) {
		return `${label(target)} is unstarted: added, but its etcd has not joined yet`;
	}

	const probe = now.probes.find(candidate => candidate.memberId === target.id);
	if (probe?.status === undefined) {
		return `${label(target)} is unreachable: ${probe?.error ?? 'no answer'}`;
	}

	if (now.leader === undefined) {
		return noLeader;
	}

	return now.leader.member.id === target.id ? `${label(target)} is the leader already` : undefined;
}

/** A fresh member list and every started voter's status, or why they could not be read. */
export async function lookNow(transport: ActionTransport): Promise<ClusterNow | string> {
	let members: MemberInfo[];
	try {
		members = await transport.memberList();
	} catch (error) {
		return `cannot read the member list: ${transport.describe(error)}`;
	}

	const voters = members.filter(member => !member.isLearner && member.started && transport.endpointOf(member) !== undefined);
	const probes = await Promise.all(voters.map(async voter => {
		const probe = await transport.probe(transport.endpointOf(voter)!);
		return {...probe, memberId: probe.memberId ?? voter.id};
	}));
	// A member that says it leads, not one its followers still name; the higher term wins a split.
	const claimant = probes
		.filter(probe => probe.status !== undefined && probe.status.leaderId === probe.memberId)
		.sort((a, b) => (b.status!.raftTerm ?? 0) - (a.status!.raftTerm ?? 0))[0];
	const leaderMember = members.find(member => member.id === claimant?.memberId);
	return {members, probes, leader: claimant === undefined || leaderMember === undefined ? undefined : {member: leaderMember, endpoint: claimant.endpoint}};
}

function notSent(message: string, leaderBefore: NamedMember | undefined): MemberActionResult {
	return {ok: false, message, sentTo: undefined, leaderBefore, leaderAfter: undefined};
}

function named(member: MemberInfo): NamedMember {
	return {id: member.id, name: member.name};
}

function nameOf(member: MemberInfo): string {
	return member.name === '' ? member.id : member.name;
}

function label(member: MemberInfo): string {
	return member.name === '' ? member.id : `${member.name} (${member.id})`;
}
