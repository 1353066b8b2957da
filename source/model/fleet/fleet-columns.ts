import {formatBytesAsEtcdctl, formatPercent, plural} from '../shared/format.ts';
import type {Column, Row, RowTone} from '../shared/table.ts';
import type {FleetHealth, FleetRow} from './fleet-row.ts';

export type FleetColumnKey = 'context' | 'health' | 'leader' | 'voters' | 'learners' | 'warning' | 'db' | 'versions' | 'answered';

/** The fleet table: one row a context, what `etcdeck status` says of each cluster in a line. */
export const fleetColumns: ReadonlyArray<Column<FleetColumnKey>> = [
	{key: 'context', title: 'CONTEXT', align: 'left', priority: 10, shrinkable: true},
	{key: 'health', title: 'HEALTH', align: 'left', priority: 10, shrinkable: false},
	{key: 'leader', title: 'LEADER', align: 'left', priority: 7, shrinkable: true},
	/** Healthy voters of all, and the quorum: "2/3 q2". */
	{key: 'voters', title: 'VOTERS', align: 'left', priority: 8, shrinkable: false},
	{key: 'learners', title: 'LEARNERS', align: 'right', priority: 3, shrinkable: false},
	{key: 'db', title: 'LARGEST DB', align: 'left', priority: 5, shrinkable: false},
	{key: 'versions', title: 'VERSION', align: 'left', priority: 4, shrinkable: false},
	{key: 'answered', title: 'ANSWERED', align: 'left', priority: 6, shrinkable: false},
	{key: 'warning', title: 'WORST WARNING', align: 'left', priority: 9, shrinkable: true},
];

const healthTone: Record<FleetHealth, RowTone> = {connecting: 'normal', healthy: 'normal', degraded: 'warning', unavailable: 'error', 'quorum lost': 'error', unreachable: 'error'};

/** An answer older than this shows its age beside its time. */
const staleAfterMs = 60_000;

/** The table's rows; `now` dates the answers ("12:00:05, 3 min ago"). */
export function fleetTableRows(rows: readonly FleetRow[], now: number): Array<Row<FleetColumnKey>> {
	return rows.map(row => {
		// Under the table for the selected row: what a narrow terminal hides, and the warning in full.
		const detail = [
			`answered ${answeredCell(row.lastAnswerAt, now)}`,
			row.worstWarning === undefined ? undefined : `${row.worstWarning.severity === 'critical' ? '✖' : '▲'} ${row.worstWarning.text}${row.warningCount > 1 ? ` (${plural(row.warningCount - 1, 'more warning')})` : ''}`,
			row.voters === 0 ? undefined : `learners ${row.learners}`,
			row.versions.length === 0 ? undefined : `etcd ${row.versions.join(', ')}`,
			row.largestDb === undefined ? undefined : `largest DB ${dbCell(row)} on ${row.largestDb.member}`,
			row.clusterId === undefined ? undefined : `cluster ${row.clusterId}`,
		].filter((part): part is string => part !== undefined).join(' · ');
		return {
			id: row.name,
			tone: healthTone[row.health],
			detail: `${row.name}: ${detail}`,
			cells: {
				context: row.readOnly ? `${row.name} (read-only)` : row.name,
				health: row.health === 'connecting' ? 'connecting…' : row.health,
				leader: row.exitCode === undefined || row.health === 'unreachable' ? '' : row.leader ?? 'none',
				voters: row.voters === 0 ? '' : `${row.healthyVoters}/${row.voters} q${row.quorum}`,
				learners: row.voters === 0 ? '' : String(row.learners),
				db: dbCell(row),
				versions: row.versions.join(', '),
				answered: answeredCell(row.lastAnswerAt, now),
				warning: row.worstWarning?.text ?? '',
			},
		};
	});
}

function dbCell(row: FleetRow): string {
	const db = row.largestDb;
	return db === undefined ? '' : `${formatBytesAsEtcdctl(db.bytes)}/${formatBytesAsEtcdctl(db.quotaBytes)} ${formatPercent(db.ratio)}`;
}

/** The time of the last answer, on the operator's clock, with its age once it is old. */
export function answeredCell(at: number | undefined, now: number): string {
	if (at === undefined) {
		return 'never';
	}

	const date = new Date(at);
	const clock = [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
	const age = now - at;
	if (age < staleAfterMs) {
		return clock;
	}

	return `${clock}, ${age < 3_600_000 ? `${Math.floor(age / 60_000)} min` : `${Math.floor(age / 3_600_000)} h`} ago`;
}

/**
 * `status --all-contexts`'s line for one cluster, as `status`'s verdict line reads: the context, its
 * health, leader, voters against quorum, learners, largest DB against its quota, versions, when it last
 * answered (UTC, ISO 8601) and its worst warning.
 */
export function fleetLine(row: FleetRow): string {
	const parts = [
		`${row.name}${row.readOnly ? ' (read-only)' : ''}: ${row.health}`,
		...(row.health === 'unreachable' ? [] : [
			`leader ${row.leader ?? 'none'}`,
			`voters ${row.healthyVoters}/${row.voters} healthy, quorum ${row.quorum}`,
			`learners ${row.learners}`,
			...(row.largestDb === undefined ? [] : [`largest DB ${dbCell(row)} on ${row.largestDb.member}`]),
			...(row.versions.length === 0 ? [] : [`etcd ${row.versions.join(', ')}`]),
		]),
		`last answer ${row.lastAnswerAt === undefined ? 'never' : new Date(row.lastAnswerAt).toISOString()}`,
		...(row.worstWarning === undefined ? [] : [`${row.worstWarning.severity.toUpperCase()}: ${row.worstWarning.text}${row.warningCount > 1 ? ` (+${row.warningCount - 1} more)` : ''}`]),
	];
	return parts.join('; ');
}
