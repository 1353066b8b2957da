import type {ClusterSummary} from './cluster-summary.ts';
import {reachabilityOf, roleOf, type MemberView} from './member-view.ts';
import {formatBytesAsEtcdctl} from '../shared/format.ts';
import type {Column, Row} from '../shared/table.ts';

export type MemberColumnKey = 'id' | 'status' | 'name' | 'role' | 'peerAddrs' | 'clientAddrs' | 'isLearner';

/**
 * `etcdctl member list -w table`, with each member's ROLE, and a STATUS that also says whether it
 * answers now (etcdctl's `started` only means it once published its name).
 */
export const memberColumns: ReadonlyArray<Column<MemberColumnKey>> = [
	{key: 'id', title: 'ID', align: 'left', priority: 9, shrinkable: false},
	{key: 'status', title: 'STATUS', align: 'left', priority: 9, shrinkable: false},
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'role', title: 'ROLE', align: 'left', priority: 10, shrinkable: false},
	{key: 'peerAddrs', title: 'PEER ADDRS', align: 'left', priority: 5, shrinkable: true},
	{key: 'clientAddrs', title: 'CLIENT ADDRS', align: 'left', priority: 6, shrinkable: true},
	// ROLE says it too: the first to go when narrow.
	{key: 'isLearner', title: 'IS LEARNER', align: 'left', priority: 4, shrinkable: false},
];

export type EndpointColumnKey = 'name' | 'endpoint' | 'id' | 'version' | 'dbSize' | 'dbSizeInUse' | 'isLeader' | 'isLearner' | 'raftTerm' | 'raftIndex' | 'raftAppliedIndex' | 'errors';

/** `etcdctl endpoint status -w table` (the same columns in 3.4 and 3.5), plus the member's NAME and the DB size in use. */
export const endpointColumns: ReadonlyArray<Column<EndpointColumnKey>> = [
	// Not etcdctl's: without it, a narrow terminal leaves only URLs to tell members apart.
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'endpoint', title: 'ENDPOINT', align: 'left', priority: 10, shrinkable: true},
	{key: 'id', title: 'ID', align: 'left', priority: 4, shrinkable: false},
	{key: 'version', title: 'VERSION', align: 'left', priority: 2, shrinkable: false},
	{key: 'dbSize', title: 'DB SIZE', align: 'right', priority: 6, shrinkable: false},
	{key: 'dbSizeInUse', title: 'IN USE', align: 'right', priority: 3, shrinkable: false},
	{key: 'isLeader', title: 'IS LEADER', align: 'left', priority: 8, shrinkable: false},
	{key: 'isLearner', title: 'IS LEARNER', align: 'left', priority: 7, shrinkable: false},
	{key: 'raftTerm', title: 'RAFT TERM', align: 'right', priority: 1, shrinkable: false},
	{key: 'raftIndex', title: 'RAFT INDEX', align: 'right', priority: 9, shrinkable: false},
	{key: 'raftAppliedIndex', title: 'RAFT APPLIED INDEX', align: 'right', priority: 5, shrinkable: false},
	{key: 'errors', title: 'ERRORS', align: 'left', priority: 10, shrinkable: true},
];

function rowId(view: MemberView): string {
	return view.id ?? view.probe?.endpoint ?? view.name;
}

export function memberRows(summary: ClusterSummary): Array<Row<MemberColumnKey>> {
	return summary.views
		.filter(view => view.member !== undefined)
		.map(view => {
			const member = view.member!;
			const status = reachabilityOf(view);
			return {
				id: rowId(view),
				tone: status === 'unstarted' ? 'warning' : status === 'started' ? 'normal' : 'error',
				...(view.probe?.error === undefined ? {} : {detail: `${member.name || member.id}: ${status}: ${view.probe.error}`}),
				cells: {
					id: member.id,
					status,
					name: member.name,
					role: roleOf(view),
					peerAddrs: member.peerUrls.join(','),
					clientAddrs: member.clientUrls.join(','),
					isLearner: String(member.isLearner),
				},
			};
		});
}

/** How a row whose figures were read from the member's /metrics (Status refused to the user) says so. */
export const fromMetricsMark = 'figures from /metrics';

export function endpointRows(summary: ClusterSummary): Array<Row<EndpointColumnKey>> {
	return summary.views
		.filter(view => view.probe !== undefined)
		.map(view => {
			const probe = view.probe!;
			const status = view.status;
			const fromMetrics = status?.source === 'metrics';
			const errors = probe.error ?? (fromMetrics ? fromMetricsMark : status?.errors.join(', ')) ?? '';
			return {
				id: rowId(view),
				tone: probe.error === undefined ? (errors === '' || fromMetrics ? 'normal' : 'warning') : 'error',
				...(errors === '' ? {} : {detail: `${probe.endpoint}: ${fromMetrics ? `${fromMetricsMark} (${probe.statusDenied ?? 'no Status'})` : errors}`}),
				cells: {
					name: view.name,
					endpoint: probe.endpoint,
					id: view.id ?? '',
					version: status?.version ?? '',
					dbSize: status === undefined ? '' : formatBytesAsEtcdctl(status.dbSizeBytes),
					dbSizeInUse: status?.dbSizeInUseBytes === undefined ? unknownFigure(status) : formatBytesAsEtcdctl(status.dbSizeInUseBytes),
					isLeader: status === undefined ? '' : String(view.isLeader),
					isLearner: status === undefined ? '' : String(view.isLearner),
					raftTerm: status?.raftTerm === undefined ? unknownFigure(status) : String(status.raftTerm),
					raftIndex: status === undefined ? '' : String(status.raftIndex),
					raftAppliedIndex: status === undefined ? '' : String(status.raftAppliedIndex),
					errors,
				},
			};
		});
}

/** A figure the member's answer lacks: blank when it did not answer, "-" when /metrics has no such figure. */
function unknownFigure(status: MemberView['status']): string {
	return status === undefined ? '' : '-';
}
