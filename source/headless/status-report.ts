import {memberQuota, type ClusterSummary} from '../model/cluster/cluster-summary.ts';
import type {MemberView} from '../model/cluster/member-view.ts';
import {endpointColumns, endpointRows, memberColumns, memberRows} from '../model/cluster/member-rows.ts';
import {statusExitCode} from '../model/cluster/cluster-summary.ts';
import {plural} from '../model/shared/format.ts';
import {safeJson, safeText} from '../model/shared/safe-text.ts';
import {textTable} from './text-table.ts';

const healthWords = ['healthy', 'degraded', 'unavailable'] as const;

/**
 * Members in the order etcdctl lists them: `member list` and `endpoint status --cluster` both print the
 * member list as etcd returns it, sorted by member ID; endpoints in no member list come last. (The
 * dashboard keeps the leader first, then followers, then learners.)
 */
export function inEtcdctlOrder(views: readonly MemberView[]): MemberView[] {
	const key = (view: MemberView) => (view.member === undefined || !/^[\da-f]+$/i.test(view.member.id) ? undefined : BigInt(`0x${view.member.id}`));
	return [...views].sort((a, b) => {
		const [left, right] = [key(a), key(b)];
		if (left === undefined || right === undefined) {
			return Number(left === undefined) - Number(right === undefined);
		}

		return left < right ? -1 : left > right ? 1 : 0;
	});
}

/**
 * The human report of `etcdeck status`, line by line: a verdict line, the warnings, then etcdctl's two
 * tables, in its order and with its columns (the dashboard's ROLE and NAME additions left out). Each line is sanitized (member names, URLs and etcd's errors are in them), table
 * cells before the table is laid out.
 */
export function statusLines(unordered: ClusterSummary): string[] {
	const summary = {...unordered, views: inEtcdctlOrder(unordered.views)};
	const code = statusExitCode(summary);
	return [
		`cluster ${summary.clusterId ?? '?'}: ${healthWords[code]}; leader ${summary.leader?.name ?? 'none'}; voters ${summary.healthyVoters}/${summary.voters} healthy, quorum ${summary.quorum}, tolerates ${plural(summary.failuresTolerated, 'failure')}; learners ${summary.learners}`,
		...summary.notes.map(note => `NOTE: ${note}`),
		...summary.warnings.map(warning => `${warning.severity.toUpperCase()}: ${warning.text}`),
		'',
		...textTable(memberColumns.filter(column => column.key !== 'role'), memberRows(summary)),
		'',
		...textTable(endpointColumns.filter(column => column.key !== 'name'), endpointRows(summary)),
	].map(line => safeText(line));
}

/** {@link statusLines} as one text. */
export function statusText(summary: ClusterSummary): string {
	return `${statusLines(summary).join('\n')}\n`;
}

/**
 * The machine report of `etcdeck status --json`. IDs are hex strings, never lossy JSON numbers; text
 * from etcd is escaped as JSON escapes, also the characters JSON.stringify leaves raw (C1, bidi, U+2028).
 */
export function statusJson(unordered: ClusterSummary): string {
	const summary = {...unordered, views: inEtcdctlOrder(unordered.views)};
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
	return safeJson(report, 2);
}
