import {memberQuota, type ClusterSummary} from '../model/cluster-summary.ts';
import {endpointColumns, endpointRows, memberColumns, memberRows, statusExitCode} from '../model/table-rows.ts';
import {plural} from '../model/format.ts';
import {textTable} from './text-table.ts';

const healthWords = ['healthy', 'degraded', 'unavailable'] as const;

/** The human report of `etcdeck status`: a verdict line, the warnings, then etcdctl-style tables. */
export function statusText(summary: ClusterSummary): string {
	const code = statusExitCode(summary);
	const lines = [
		`cluster ${summary.clusterId ?? '?'}: ${healthWords[code]}; leader ${summary.leader?.name ?? 'none'}; voters ${summary.healthyVoters}/${summary.voters} healthy, quorum ${summary.quorum}, tolerates ${plural(summary.failuresTolerated, 'failure')}; learners ${summary.learners}`,
		...summary.notes.map(note => `NOTE: ${note}`),
		...summary.warnings.map(warning => `${warning.severity.toUpperCase()}: ${warning.text}`),
		'',
		textTable(memberColumns, memberRows(summary)),
		'',
		textTable(endpointColumns, endpointRows(summary)),
	];
	return `${lines.join('\n')}\n`;
}

/** The machine report of `etcdeck status --json`. IDs are hex strings, never lossy JSON numbers. */
export function statusJson(summary: ClusterSummary): string {
	const code = statusExitCode(summary);
	const report = {
		health: healthWords[code],
		exitCode: code,
		clusterId: summary.clusterId ?? null,
		leader: summary.leader === undefined ? null : {id: summary.leader.id, name: summary.leader.name},
		voters: summary.voters,
		healthyVoters: summary.healthyVoters,
		learners: summary.learners,
		quorum: summary.quorum,
		failuresTolerated: summary.failuresTolerated,
		quorumLost: summary.quorumLost,
		warnings: summary.warnings,
		notes: summary.notes,
		alarms: summary.alarms.map(alarm => ({alarm: alarm.alarm, memberId: alarm.memberId})),
		writesRefused: summary.writesRefused,
		members: summary.views.map(view => ({
			id: view.id ?? null,
			name: view.name,
			status: view.member === undefined ? null : view.member.started ? 'started' : 'unstarted',
			peerUrls: view.member?.peerUrls ?? [],
			clientUrls: view.member?.clientUrls ?? [],
			isLearner: view.isLearner,
			isLeader: view.isLeader,
			endpoint: view.probe?.endpoint ?? null,
			error: view.probe?.error ?? null,
			lagEntries: view.lagEntries ?? null,
			quota: view.status === undefined ? null : memberQuota(view, summary.quotaOverride),
			endpointStatus: view.status ?? null,
		})),
	};
	return `${JSON.stringify(report, null, 2)}\n`;
}
