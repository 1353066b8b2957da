import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import {findLeader, memberViews, type LeaderView, type MemberView} from './member-view.ts';
import {evenSizeAddsNothing, failuresTolerated, quorumSize, spareVoters} from './quorum.ts';
import {formatBytes, formatPercent, plural} from '../shared/format.ts';
import type {Severity, Warning} from '../shared/warnings.ts';

/** An active alarm with the member it was raised on, as the operator names it. */
export interface NamedAlarm {
	/** etcdctl's spelling: NOSPACE, CORRUPT. */
	alarm: string;
	memberId: string;
	/** The member's name, or its ID when no member list names it. */
	member: string;
}

/** Where a member's quota figure comes from: --quota-bytes, its own /metrics, or etcd's default. */
export type QuotaSource = 'flag' | 'metrics' | 'default';

export interface MemberQuota {
	bytes: number;
	source: QuotaSource;
}

/** What the header and `etcdeck status` say about the cluster as a whole. */
export interface ClusterSummary {
	clusterId: string | undefined;
	leader: LeaderView | undefined;
	voters: number;
	learners: number;
	/** Voters whose own status call answered (with figures, or refusing Status to this user). */
	healthyVoters: number;
	quorum: number;
	failuresTolerated: number;
	/** Voters that may still stop now without losing quorum (negative: quorum lost). */
	spareVoters: number;
	quorumLost: boolean;
	warnings: Warning[];
	severity: Severity;
	views: MemberView[];
	/** Active alarms; empty when none is reported or they are unknown (see `notes`). */
	alarms: NamedAlarm[];
	/** A NOSPACE or CORRUPT alarm is active: the cluster refuses writes. */
	writesRefused: boolean;
	/**
	 * Status was refused to this user (etcd 3.5.30 keeps maintenance calls to root): figures come from
	 * /metrics, and actions that need root are refused before they are asked for.
	 */
	statusDenied: boolean;
	/** The members answered but no figures could be read (Status refused, /metrics unreadable): no leader can be told. */
	leaderUnknown: boolean;
	/** What this user cannot see and why: said in the header, not judged as the cluster's trouble. */
	notes: string[];
	/** --quota-bytes, when given: see memberQuota. */
	quotaOverride: number | undefined;
}

export interface SummaryOptions {
	/** --quota-bytes: overrides every member's own quota; undefined to use each member's. */
	quotaBytes: number | undefined;
}

/** etcd's default --quota-backend-bytes, assumed for a member whose /metrics did not say its own. */
export const etcdDefaultQuotaBytes = 2 * 1024 ** 3;

/** The alarms under which etcd refuses writes. */
const writeRefusingAlarms = new Set(['NOSPACE', 'CORRUPT']);

/** The quota a member's DB is judged against: --quota-bytes, else the member's own, else etcd's default. */
export function memberQuota(view: MemberView, override: number | undefined): MemberQuota {
	if (override !== undefined) {
		return {bytes: override, source: 'flag'};
	}

	const own = view.probe?.quotaBytes;
	return own !== undefined && own > 0 ? {bytes: own, source: 'metrics'} : {bytes: etcdDefaultQuotaBytes, source: 'default'};
}

function alarmMeaning(alarm: string): string {
	switch (alarm) {
		case 'NOSPACE': {
			return ': the cluster refuses writes (DB full); R or :recover-space compacts, defragments, disarms';
		}

		case 'CORRUPT': {
			return ': the cluster refuses writes (its data differs from the other members\')';
		}

		default: {
			return '';
		}
	}
}

/** A DB at this share of the quota gets a warning, as etcd's own alert rules do. */
export const dbQuotaWarningRatio = 0.8;
/**
 * A member this many raft entries behind the leader is lagging. A few entries are normal between two
 * status calls on a busy cluster; hundreds are not.
 */
export const lagWarningEntries = 100;

export function summarize(reading: ClusterReading, options: SummaryOptions): ClusterSummary {
	const views = memberViews(reading);
	const leader = findLeader(reading);
	const voterViews = views.filter(view => view.member !== undefined && !view.isLearner);
	const voters = voterViews.length;
	const learners = views.filter(view => view.member !== undefined && view.isLearner).length;
	// A member that refused Status to the user answered all the same: it is up, its figures may be unknown.
	const answered = (view: MemberView) => view.status !== undefined || view.probe?.statusDenied !== undefined;
	const healthyVoters = voterViews.filter(answered).length;
	const answering = views.filter(answered);
	const withFigures = views.filter(view => view.status !== undefined);
	const leaderUnknown = answering.length > 0 && withFigures.length === 0;
	const warnings: Warning[] = [];
	const add = (severity: Warning['severity']) => (text: string, advice: string, member?: string) => warnings.push({severity, text, source: 'status', advice, ...(member === undefined ? {} : {member})});
	const critical = add('critical');
	const warning = add('warning');
	const label = (view: MemberView) => view.name || view.id || view.probe?.endpoint || 'unknown member';
	const denied = views.filter(view => view.probe?.statusDenied !== undefined);
	const notes: string[] = [];

	if (answering.length === 0) {
		critical(`no endpoint answers${reading.memberListError === undefined ? '' : `: ${reading.memberListError}`}`, 'check that etcd runs on the --endpoints given and that the network, TLS and credentials are right');
	} else if (voters > 0 && healthyVoters < quorumSize(voters)) {
		const names = voterViews.filter(answered).map(label);
		critical(`QUORUM LOST: ${healthyVoters} of ${voters} voters answer, ${quorumSize(voters)} needed${names.length > 0 ? ` (answering: ${names.join(', ')})` : ''}`, 'writes stop: bring the stopped voters back (systemctl start etcd); if they are lost for good, rebuild from the last snapshot (etcdutl snapshot restore)');
	}

	if (withFigures.length > 0 && leader === undefined) {
		critical('no leader: no member reports itself as leader', 'an election should end within seconds; if it does not, check the network between members and their logs (pane 4)');
	} else if (leaderUnknown) {
		warning('leader unknown: the members answered, but none of their figures could be read', 'give the user the root role, or read the figures from /metrics');
	}

	if (reading.memberListError !== undefined && answering.length > 0) {
		warning(`member list unavailable: ${reading.memberListError}`, 'ask a voter (a learner refuses the member list): add a voter\'s endpoint to --endpoints');
	}

	for (const view of views) {
		if (view.member !== undefined && !view.member.started) {
			warning(`${view.isLearner ? 'learner' : 'voter'} ${view.id ?? ''} is added but not started`, 'start etcd on the new node with --initial-cluster-state existing, or remove the member (etcdctl member remove)', view.id);
		} else if (view.status === undefined && view.probe?.statusDenied !== undefined) {
			warning(`${label(view)}: no figures: ${view.probe.error ?? view.probe.statusDenied}`, 'Status needs the root role: its /metrics gives the figures', label(view));
		} else if (view.status === undefined && view.probe !== undefined) {
			// An unreachable voter is one failure fewer the cluster can take: critical; a learner is not.
			(view.isLearner ? warning : critical)(`${label(view)} unreachable: ${view.probe.error ?? 'no answer'}`, 'is etcd running there (systemctl status etcd, journalctl -u etcd)? a stopped voter counts against quorum: restart it before touching another', label(view));
		}
	}

	if (evenSizeAddsNothing(voters)) {
		warning(`${voters} voters: an even count tolerates no more failures than ${voters - 1}`, `add a voter (as a learner, then promote) or remove one to get ${voters + 1} or ${voters - 1}`);
	}

	const alarms = (reading.alarms ?? []).map((alarm): NamedAlarm => {
		const member = views.find(view => view.id === alarm.memberId);
		return {alarm: alarm.alarm, memberId: alarm.memberId, member: member === undefined ? alarm.memberId : label(member)};
	});
	// One line an alarm kind: each member raises its own NOSPACE, and three lines would crowd the header.
	for (const kind of new Set(alarms.map(alarm => alarm.alarm))) {
		const on = alarms.filter(alarm => alarm.alarm === kind).map(alarm => alarm.member);
		critical(`alarm ${kind} on ${on.join(', ')}${alarmMeaning(kind)}`, kind === 'NOSPACE' ? 'compact, defragment each member, then etcdctl alarm disarm; or raise --quota-backend-bytes' : kind === 'CORRUPT' ? 'stop the member whose data differs, remove it and add it back empty (or restore from a snapshot)' : 'read the members\' logs (pane 4), then etcdctl alarm disarm', on.join(', '));
	}

	if (denied.length > 0) {
		const version = denied.map(view => /^\d+\.\d+/.exec(view.status?.version ?? '')?.[0]).find(found => found !== undefined);
		const lacking = ['no raft term', ...(reading.alarms === undefined ? ['alarms unknown'] : [])];
		notes.push(`Status needs the root role on etcd ${version ?? 'this cluster'}: figures from /metrics (${lacking.join(', ')})`);
	} else if (reading.alarms === undefined && reading.alarmsError !== undefined && healthyVoters >= quorumSize(voters) && voters > 0) {
		warning(`alarms unknown: ${reading.alarmsError}`, 'etcdctl alarm list as root shows them');
	}

	for (const view of withFigures) {
		const quota = memberQuota(view, options.quotaBytes);
		const ratio = view.status!.dbSizeBytes / quota.bytes;
		if (ratio >= dbQuotaWarningRatio) {
			const of = {flag: `the ${formatBytes(quota.bytes)} quota (--quota-bytes)`, metrics: `its ${formatBytes(quota.bytes)} quota`, default: `etcd's default ${formatBytes(quota.bytes)} quota (its /metrics did not say its own)`}[quota.source];
			(ratio >= 0.95 ? critical : warning)(`${label(view)} DB ${formatBytes(view.status!.dbSizeBytes)} is ${formatPercent(ratio)} of ${of}`, 'compact old revisions and defragment (one member at a time), or raise --quota-backend-bytes; at the quota etcd refuses writes (NOSPACE)', label(view));
		}

		if (view.lagEntries !== undefined && view.lagEntries >= lagWarningEntries) {
			warning(`${view.isLearner ? 'learner ' : ''}${label(view)} is ${plural(view.lagEntries, 'entry', 'entries')} behind the leader`, view.isLearner ? 'wait for it to catch up before promoting (pane 3 says when it is ready)' : 'check its disk and network (pane 6: fsync, peer round trips)', label(view));
		}
	}

	const severity: Severity = warnings.some(item => item.severity === 'critical') ? 'critical' : warnings.length > 0 ? 'warning' : 'ok';
	return {
		clusterId: reading.clusterId,
		leader,
		voters,
		learners,
		healthyVoters,
		quorum: quorumSize(voters),
		failuresTolerated: failuresTolerated(voters),
		spareVoters: spareVoters(voters, healthyVoters),
		quorumLost: answering.length === 0 || (voters > 0 && healthyVoters < quorumSize(voters)),
		warnings,
		severity,
		views,
		alarms,
		writesRefused: alarms.some(alarm => writeRefusingAlarms.has(alarm.alarm)),
		statusDenied: denied.length > 0,
		leaderUnknown,
		notes,
		quotaOverride: options.quotaBytes,
	};
}

/**
 * `etcdeck status` exits 0 when healthy, 1 when degraded, 2 when the cluster cannot serve: no quorum,
 * no leader, or an alarm (NOSPACE, CORRUPT) under which it refuses writes. What the user may not see
 * (notes) is judged by what could be seen.
 */
export function statusExitCode(summary: ClusterSummary): 0 | 1 | 2 {
	if (summary.quorumLost || (summary.leader === undefined && !summary.leaderUnknown) || summary.writesRefused) {
		return 2;
	}

	return summary.warnings.length > 0 ? 1 : 0;
}
