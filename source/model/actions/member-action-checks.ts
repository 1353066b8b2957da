import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {notAnswering, promoteReadiness} from '../lag/catch-up.ts';
import {plural} from '../shared/format.ts';
import {lacksRootRole, rootRoleNeeded} from '../cluster/root-role.ts';
import type {LagHistory} from '../lag/lag-history.ts';
import {lagPoint} from '../lag/lag-history.ts';
import type {MemberView} from '../cluster/member-view.ts';
import {evenSizeAddsNothing, failuresTolerated, quorumSize} from '../cluster/quorum.ts';

/** The write actions on a member. */
export type MemberActionKind = 'promote' | 'move-leader';

export interface ConfirmationFact {
	label: string;
	value: string;
}

/** Everything a confirmation dialog shows before an action is sent. */
export interface Confirmation {
	action: MemberActionKind;
	/** Hex ID of the member acted on. */
	targetId: string;
	/** The member as dialogs and the action log name it: "etcd-4 (2f0fd4b3a5cb0e1a)". */
	target: string;
	title: string;
	facts: ConfirmationFact[];
	/** The etcdctl command that does the same, never with credentials. */
	etcdctl: string;
}

/** Whether a key may open its confirmation dialog, or the one-line reason it does nothing. */
export type ActionCheck = {allowed: true; confirmation: Confirmation} | {allowed: false; reason: string};

/** `etcdctl member promote`, sent where etcdeck sends it: to the leader. */
export function promoteCommand(endpoint: string | undefined, memberId: string): string {
	return `etcdctl ${endpointsFlag(endpoint)}member promote ${memberId}`;
}

/** `etcdctl move-leader`, which etcd only accepts on the current leader's endpoint. */
export function moveLeaderCommand(endpoint: string | undefined, memberId: string): string {
	return `etcdctl ${endpointsFlag(endpoint)}move-leader ${memberId}`;
}

/** The operator's name for a member: its name and hex ID, or the ID alone before it has a name. */
export function memberLabel(name: string, id: string): string {
	return name === '' ? id : `${name} (${id})`;
}

/** `p` on the selected member: a learner that is ready, or why not. */
export function checkPromote(summary: ClusterSummary | undefined, history: LagHistory, memberId: string | undefined): ActionCheck {
	const found = findTarget(summary, memberId, 'promote');
	if ('reason' in found) {
		return found;
	}

	const {view, summary: current} = found;
	const label = labelOf(view);
	if (lacksRootRole(current.views.map(candidate => candidate.probe))) {
		return refuse(`Cannot promote ${label}: ${rootRoleNeeded}`);
	}

	if (!view.isLearner) {
		return refuse(`Cannot promote ${label}: it is a voter already; only a learner can be promoted`);
	}

	const readiness = promoteReadiness(history, view.member.id);
	if (!readiness.ready) {
		return refuse(`Cannot promote ${label}: ${readiness.reason}`);
	}

	const leader = leaderOf(current);
	if (leader === undefined) {
		return refuse(`Cannot promote ${label}: no leader known`);
	}

	const voters = current.voters;
	const endpoint = endpointOf(leader);
	return {
		allowed: true,
		confirmation: {
			action: 'promote',
			targetId: view.member.id,
			target: label,
			title: `Promote learner ${view.name || view.member.id} to voter?`,
			facts: [
				{label: 'Member', value: label},
				lagFact(view, leader),
				{label: 'Voters', value: `${voters} → ${voters + 1} (quorum ${quorumSize(voters)} → ${quorumSize(voters + 1)})`},
				{label: 'Tolerates', value: toleratesAfter(voters, voters + 1)},
				sentToFact(leader),
			],
			etcdctl: promoteCommand(endpoint, view.member.id),
		},
	};
}

/** `m` on the selected member: a started, answering voter that does not lead yet, or why not. */
export function checkMoveLeader(summary: ClusterSummary | undefined, memberId: string | undefined): ActionCheck {
	const found = findTarget(summary, memberId, 'move leadership to');
	if ('reason' in found) {
		return found;
	}

	const {view, summary: current} = found;
	const label = labelOf(view);
	const refuseFor = (why: string) => refuse(`Cannot move leadership to ${label}: ${why}`);
	if (lacksRootRole(current.views.map(candidate => candidate.probe))) {
		return refuseFor(rootRoleNeeded);
	}

	if (view.isLearner) {
		return refuseFor('a learner cannot lead (promote it first)');
	}

	const unavailable = notAnswering(lagPoint(view));
	if (unavailable !== undefined) {
		return refuseFor(unavailable);
	}

	const leader = leaderOf(current);
	if (leader === undefined) {
		return refuseFor('no leader known, so none can hand leadership over');
	}

	if (view.isLeader) {
		return refuseFor('it is the leader already');
	}

	const voters = current.voters;
	return {
		allowed: true,
		confirmation: {
			action: 'move-leader',
			targetId: view.member.id,
			target: label,
			title: `Move leadership from ${leader.name || leader.member.id} to ${view.name || view.member.id}?`,
			facts: [
				{label: 'From', value: labelOf(leader)},
				{label: 'To', value: label},
				lagFact(view, leader),
				{label: 'Voters', value: `${voters}, quorum ${quorumSize(voters)}, tolerates ${plural(failuresTolerated(voters), 'failure')} (unchanged)`},
				sentToFact(leader),
			],
			etcdctl: moveLeaderCommand(endpointOf(leader), view.member.id),
		},
	};
}

type KnownMemberView = MemberView & {member: NonNullable<MemberView['member']>};

function findTarget(summary: ClusterSummary | undefined, memberId: string | undefined, verb: string): {view: KnownMemberView; summary: ClusterSummary} | {allowed: false; reason: string} {
	if (summary === undefined) {
		return refuse(`Cannot ${verb} a member before the first refresh`);
	}

	if (memberId === undefined) {
		return refuse(`Cannot ${verb} a member: none is selected`);
	}

	const view = summary.views.find((candidate): candidate is KnownMemberView => candidate.member !== undefined && candidate.member.id === memberId);
	return view === undefined ? refuse(`Cannot ${verb} ${memberId}: it is not in the member list`) : {view, summary};
}

function refuse(reason: string): {allowed: false; reason: string} {
	return {allowed: false, reason};
}

function leaderOf(summary: ClusterSummary): KnownMemberView | undefined {
	return summary.views.find((view): view is KnownMemberView => view.isLeader && view.member !== undefined);
}

function labelOf(view: KnownMemberView): string {
	return memberLabel(view.name, view.member.id);
}

function endpointOf(view: KnownMemberView): string | undefined {
	return view.probe?.endpoint ?? view.member.clientUrls[0];
}

function lagFact(view: MemberView, leader: KnownMemberView): ConfirmationFact {
	const raft = view.lagEntries === undefined ? 'unknown' : plural(view.lagEntries, 'entry', 'entries');
	const applied = view.appliedLagEntries === undefined ? 'unknown' : plural(view.appliedLagEntries, 'entry', 'entries');
	return {label: 'Lag', value: `${raft} behind leader ${leader.name || leader.member.id} (applied index: ${applied})`};
}

function toleratesAfter(before: number, after: number): string {
	const change = `${plural(failuresTolerated(before), 'failure')} → ${plural(failuresTolerated(after), 'failure')}`;
	return evenSizeAddsNothing(after) ? `${change} (${after} voters tolerate no more than ${after - 1})` : change;
}

function sentToFact(leader: KnownMemberView): ConfirmationFact {
	const endpoint = endpointOf(leader);
	return {label: 'Sent to', value: `the leader${endpoint === undefined ? '' : ` at ${endpoint}`}, looked up again on confirm`};
}

function endpointsFlag(endpoint: string | undefined): string {
	return endpoint === undefined ? '' : `--endpoints=${endpoint} `;
}
