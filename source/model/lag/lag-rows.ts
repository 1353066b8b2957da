import {catchUp, inSyncEntries, notAnswering, promoteReadiness} from './catch-up.ts';
import {formatDuration, formatRate} from '../shared/format.ts';
import {lagWarningEntries, type ClusterSummary} from '../cluster/cluster-summary.ts';
import {formatCount} from '../shared/format.ts';
import {lagPoint, type LagHistory} from './lag-history.ts';
import {roleOf, type MemberView} from '../cluster/member-view.ts';
import {fromMetricsMark} from '../cluster/member-rows.ts';
import type {Column, Row, RowTone} from '../shared/table.ts';

export type LagColumnKey = 'name' | 'id' | 'role' | 'raftLag' | 'appliedLag' | 'rate' | 'eta' | 'readiness';

/** The Lag pane's table: how far behind the leader each member is, and whether a learner may be promoted. */
export const lagColumns: ReadonlyArray<Column<LagColumnKey>> = [
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'id', title: 'ID', align: 'left', priority: 3, shrinkable: false},
	{key: 'role', title: 'ROLE', align: 'left', priority: 8, shrinkable: false},
	{key: 'raftLag', title: 'RAFT LAG', align: 'right', priority: 9, shrinkable: false},
	{key: 'appliedLag', title: 'APPLIED LAG', align: 'right', priority: 7, shrinkable: false},
	{key: 'rate', title: 'CATCH-UP', align: 'right', priority: 6, shrinkable: false},
	{key: 'eta', title: 'ETA', align: 'right', priority: 4, shrinkable: false},
	{key: 'readiness', title: 'READINESS', align: 'left', priority: 10, shrinkable: true},
];

export {roleOf} from '../cluster/member-view.ts';

/**
 * One row per member of the member list, in the members pane's order and with its row ids, so the
 * selection carries over. CATCH-UP and ETA are for a learner behind, or a voter far behind.
 * READINESS is a learner's promote readiness; for a voter, only what is wrong.
 */
export function lagRows(summary: ClusterSummary, history: LagHistory): Array<Row<LagColumnKey>> {
	return summary.views.flatMap(view => {
		if (view.member === undefined) {
			return [];
		}

		const id = view.member.id;
		const {lag, rate, etaMs} = catchUp(history, id);
		// A voter a few entries behind is only between two heartbeats: its rate would be noise.
		const behind = lag !== undefined && lag > inSyncEntries && (view.isLearner || lag >= lagWarningEntries);
		const readiness = promoteReadiness(history, id);
		const trouble = notAnswering(lagPoint(view));
		const state = view.isLearner ? (readiness.ready ? 'ready to promote' : readiness.reason) : trouble ?? '';
		const note = view.status?.source === 'metrics' ? [state, fromMetricsMark].filter(part => part !== '').join('; ') : state;
		return [{
			id,
			tone: rowTone(view, trouble),
			...(state === '' || readiness.ready ? {} : {detail: `${view.name || id}: ${note}`}),
			cells: {
				name: view.name,
				id,
				role: roleOf(view),
				raftLag: view.lagEntries === undefined ? '?' : formatCount(view.lagEntries),
				appliedLag: view.appliedLagEntries === undefined ? '?' : formatCount(view.appliedLagEntries),
				rate: behind && rate !== undefined ? formatRate(rate) : '',
				eta: behind && etaMs !== undefined ? formatDuration(etaMs) : '',
				readiness: note,
			},
		}];
	});
}

function rowTone(view: MemberView, trouble: string | undefined): RowTone {
	if (trouble !== undefined) {
		return view.member?.started === false ? 'warning' : 'error';
	}

	return view.lagEntries !== undefined && view.lagEntries >= lagWarningEntries ? 'warning' : 'normal';
}
