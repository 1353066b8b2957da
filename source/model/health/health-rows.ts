import type {Column, Row, RowTone} from '../shared/table.ts';
import {formatCount, formatPercent} from '../shared/format.ts';
import {formatLatency} from '../shared/format.ts';
import type {HealthState} from './health.ts';
import type {LatencyFigures, MemberHealth, PeerHealth} from './health-figures.ts';
import {healthRules} from './health-rules.ts';
import {sparkline} from './sparkline.ts';

export type HealthColumnKey = 'member' | 'status' | 'leader' | 'fsyncP50' | 'fsyncP99' | 'trend' | 'commitP99' | 'rttP99' | 'leaderChanges' | 'proposals' | 'db' | 'fds';

/** One row a member; the detail lines below the table give the rest. */
export const healthColumns: ReadonlyArray<Column<HealthColumnKey>> = [
	{key: 'member', title: 'MEMBER', align: 'left', priority: 10, shrinkable: true},
	{key: 'status', title: 'STATUS', align: 'left', priority: 10, shrinkable: false},
	// etcd_server_has_leader: whether the member knows a leader, not whether it is one.
	{key: 'leader', title: 'HAS LEADER', align: 'left', priority: 9, shrinkable: false},
	{key: 'fsyncP99', title: 'FSYNC p99', align: 'right', priority: 9, shrinkable: false},
	{key: 'commitP99', title: 'COMMIT p99', align: 'right', priority: 8, shrinkable: false},
	{key: 'rttP99', title: 'RTT p99', align: 'right', priority: 7, shrinkable: false},
	{key: 'db', title: 'DB/QUOTA', align: 'right', priority: 7, shrinkable: false},
	{key: 'leaderChanges', title: 'LDR CHG 15m', align: 'right', priority: 6, shrinkable: false},
	{key: 'proposals', title: 'FAILED 15m', align: 'right', priority: 5, shrinkable: false},
	{key: 'fds', title: 'FDS/MAX', align: 'right', priority: 4, shrinkable: false},
	{key: 'fsyncP50', title: 'FSYNC p50', align: 'right', priority: 3, shrinkable: false},
	{key: 'trend', title: 'FSYNC TREND', align: 'left', priority: 2, shrinkable: false},
];

/** Points in the table's trend column. */
export const tableTrendWidth = 10;

/** How the pane tells "not yet measurable" from "nothing happened". */
export const notYet = '…';
export const nothingObserved = '-';

/** A percentile cell: … until there are two scrapes, - when the interval saw no observation. */
export function latencyCell(figures: LatencyFigures | undefined, pick: 'p50' | 'p99', hasInterval: boolean): string {
	if (!hasInterval) {
		return notYet;
	}

	const value = figures?.[pick];
	return value === undefined ? nothingObserved : formatLatency(value);
}

/** The slowest peer's round-trip p99, with that peer's name. */
export function slowestPeer(peers: readonly PeerHealth[]): PeerHealth | undefined {
	return [...peers].filter(peer => peer.p99 !== undefined).sort((a, b) => b.p99! - a.p99!)[0];
}

/** A ratio of two optional figures, or undefined. */
export function ratioOf(part: number | undefined, whole: number | undefined): number | undefined {
	return part === undefined || whole === undefined || whole <= 0 ? undefined : part / whole;
}

function tone(member: MemberHealth): RowTone {
	if (member.error !== undefined || member.severity === 'critical') {
		return 'error';
	}

	return member.severity === 'warning' ? 'warning' : 'normal';
}

function leaderCell(member: MemberHealth): string {
	if (member.hasLeader === undefined) {
		return '';
	}

	return member.hasLeader ? 'yes' : 'NO';
}

/**
 * The one scale of the table's trend column: the worst fsync p99 any member shows in it, and never less
 * than etcd's warning threshold, so bars compare members and a steady few milliseconds stay low.
 */
export function tableTrendCeiling(members: readonly MemberHealth[]): number {
	const shown = members.filter(member => member.error === undefined).flatMap(member => member.trend.slice(-tableTrendWidth).map(point => point.walFsyncP99 ?? 0));
	return Math.max(healthRules.walFsyncP99Warning, ...shown);
}

/** A word for the row: the worst of its warnings, or that its metrics could not be had. */
function statusCell(member: MemberHealth): string {
	if (member.error !== undefined) {
		return 'no metrics';
	}

	if (member.severity === 'ok') {
		return 'ok';
	}

	const count = member.warnings.length;
	return member.severity === 'critical' ? 'CRITICAL' : count === 1 ? 'warning' : `${count} warnings`;
}

export function healthRows(state: HealthState | undefined): Array<Row<HealthColumnKey>> {
	const ceiling = tableTrendCeiling(state?.members ?? []);
	return (state?.members ?? []).map(member => {
		const failed = member.error !== undefined;
		const hasInterval = member.intervalMs !== undefined;
		const blank = (text: string) => (failed ? '' : text);
		const slowest = slowestPeer(member.peers);
		const db = ratioOf(member.dbSizeBytes, member.quotaBytes);
		const fds = ratioOf(member.openFds, member.maxFds);
		return {
			id: member.id,
			tone: tone(member),
			cells: {
				member: member.name,
				status: statusCell(member),
				leader: leaderCell(member),
				fsyncP50: blank(latencyCell(member.walFsync, 'p50', hasInterval)),
				fsyncP99: blank(latencyCell(member.walFsync, 'p99', hasInterval)),
				// A member whose scrape failed shows no figures: old bars would read as current.
				trend: blank(sparkline(member.trend.map(point => point.walFsyncP99), tableTrendWidth, ceiling)),
				commitP99: blank(latencyCell(member.backendCommit, 'p99', hasInterval)),
				rttP99: blank(member.peers.length === 0 ? nothingObserved : hasInterval ? (slowest?.p99 === undefined ? nothingObserved : formatLatency(slowest.p99)) : notYet),
				leaderChanges: member.leaderChangesRecent === undefined ? '' : formatCount(member.leaderChangesRecent),
				proposals: member.proposalsFailedRecent === undefined ? '' : formatCount(member.proposalsFailedRecent),
				db: db === undefined ? '' : formatPercent(db),
				fds: fds === undefined ? '' : formatPercent(fds),
			},
		};
	});
}
