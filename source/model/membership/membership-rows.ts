import type {PeerAnswer} from '../../cluster/membership/peer-answer.ts';
import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import type {LagHistory} from '../lag/lag-history.ts';
import type {Column, Row} from '../shared/table.ts';
import {memberColumns, memberRows, type MemberColumnKey} from '../cluster/member-rows.ts';
import {answers} from './known-members.ts';
import {joinStatus} from './join-status.ts';
import {rejoinText, type RejoinState} from './rejoin-tracker.ts';
import {stopSafety} from './restart-safety.ts';

export type MembershipColumnKey = 'id' | 'status' | 'name' | 'peerAddrs' | 'isLearner' | 'state' | 'safeToStop';

/** `etcdctl member list` with what the membership runbooks ask of each member: where it stands, and whether it may stop now. */
export const membershipColumns: ReadonlyArray<Column<MembershipColumnKey>> = [
	{key: 'id', title: 'ID', align: 'left', priority: 9, shrinkable: false},
	{key: 'status', title: 'STATUS', align: 'left', priority: 7, shrinkable: false},
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'peerAddrs', title: 'PEER ADDRS', align: 'left', priority: 5, shrinkable: true},
	{key: 'isLearner', title: 'IS LEARNER', align: 'left', priority: 6, shrinkable: false},
	{key: 'state', title: 'STATE', align: 'left', priority: 8, shrinkable: true},
	{key: 'safeToStop', title: 'SAFE TO STOP', align: 'left', priority: 4, shrinkable: true},
];

/** What the rows are made of beyond one reading: the lag history, unstarted members' peer answers (by member ID), rejoins. */
export interface MembershipContext {
	history: LagHistory;
	peers: Readonly<Record<string, PeerAnswer>>;
	rejoins: RejoinState;
	now: number;
}

/** One member's state: joining (unstarted → catching up → ready), rejoining after a restart, or its role. */
export function memberState(summary: ClusterSummary, memberId: string, context: MembershipContext): {text: string; tone: Row<MembershipColumnKey>['tone']} {
	const view = summary.views.find(candidate => candidate.member?.id === memberId);
	if (view === undefined) {
		return {text: 'not in the member list', tone: 'warning'};
	}

	const rejoin = context.rejoins[memberId];
	if (rejoin !== undefined) {
		return {text: rejoinText(rejoin, context.now), tone: rejoin.phase === 'in-sync' ? 'normal' : rejoin.phase === 'down' ? 'error' : 'warning'};
	}

	const join = joinStatus(view, context.history, summary.clusterId, context.peers[memberId]);
	if (join !== undefined) {
		return {text: join.text, tone: join.phase === 'other-cluster' ? 'error' : join.phase === 'ready' ? 'normal' : 'warning'};
	}

	if (!answers(view)) {
		return {text: `not answering: ${view.probe?.error ?? 'no answer'}`, tone: 'error'};
	}

	return {text: view.isLeader ? 'leader' : 'follower', tone: 'normal'};
}

/** A state worth a line of its own: anything but a leader or follower that may stop. */
function notable(state: {text: string}, safety: {safe: boolean}): boolean {
	return !safety.safe || (state.text !== 'leader' && state.text !== 'follower');
}

export function membershipRows(summary: ClusterSummary, context: MembershipContext): Array<Row<MembershipColumnKey>> {
	return summary.views
		.filter(view => view.member !== undefined)
		.map(view => {
			const member = view.member!;
			const state = memberState(summary, member.id, context);
			const safety = stopSafety(summary, member.id);
			return {
				id: member.id,
				tone: state.tone,
				...(notable(state, safety) ? {detail: `${member.name || member.id}: ${state.text}; ${safety.reason}`} : {}),
				cells: {
					id: member.id,
					status: member.started ? 'started' : 'unstarted',
					name: member.name,
					peerAddrs: member.peerUrls.join(','),
					isLearner: String(member.isLearner),
					state: state.text,
					safeToStop: safety.safe ? 'yes' : safety.reason.replace(/^not safe(?: yet)?: /, 'no: '),
				},
			};
		});
}

export type MemberStateColumnKey = MemberColumnKey | 'state' | 'safeToStop';

/** Pane 1: `etcdctl member list`'s columns, then each member's state and whether it may stop (hidden first when narrow). */
export const memberStateColumns: ReadonlyArray<Column<MemberStateColumnKey>> = [
	...memberColumns,
	{key: 'state', title: 'STATE', align: 'left', priority: 5.5, shrinkable: true},
	{key: 'safeToStop', title: 'SAFE TO STOP', align: 'left', priority: 3, shrinkable: true},
];

/**
 * The member list's rows with the membership columns filled in (the detail line says both in full), or
 * undefined when no member has anything to say (every one a leader or follower that may stop): the
 * member list then stays as etcdctl prints it.
 */
export function memberStateRows(summary: ClusterSummary, context: MembershipContext): Array<Row<MemberStateColumnKey>> | undefined {
	const stateRows = membershipRows(summary, context);
	if (stateRows.every(row => row.detail === undefined)) {
		return undefined;
	}

	const states = new Map(stateRows.map(row => [row.id, row]));
	return memberRows(summary).map(row => {
		const state = states.get(row.id);
		if (state === undefined) {
			return {...row, cells: {...row.cells, state: '', safeToStop: ''}};
		}

		return {
			...row,
			tone: row.tone === 'error' ? 'error' : state.tone,
			detail: row.detail === undefined ? state.detail : `${row.detail}; ${state.cells.state}`,
			// ROLE already says leader or follower: STATE only says what is news (joining, catching up, rejoined).
			cells: {...row.cells, state: state.cells.state === row.cells['role'] ? '' : state.cells.state, safeToStop: state.cells.safeToStop},
		};
	});
}
