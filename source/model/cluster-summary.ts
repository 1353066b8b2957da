import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import {findLeader, memberViews, type LeaderView, type MemberView} from './member-view.ts';
import {evenSizeAddsNothing, failuresTolerated, quorumSize, spareVoters} from './quorum.ts';
import {formatBytes, formatPercent, plural} from './format.ts';

export type Severity = 'ok' | 'warning' | 'critical';

export interface Warning {
	severity: Exclude<Severity, 'ok'>;
	text: string;
}

/** What the header and `etcdeck status` say about the cluster as a whole. */
export interface ClusterSummary {
	clusterId: string | undefined;
	leader: LeaderView | undefined;
	voters: number;
	learners: number;
	/** Voters whose own status call answered. */
	healthyVoters: number;
	quorum: number;
	failuresTolerated: number;
	/** Voters that may still stop now without losing quorum (negative: quorum lost). */
	spareVoters: number;
	quorumLost: boolean;
	warnings: Warning[];
	severity: Severity;
	views: MemberView[];
}

export interface SummaryOptions {
	quotaBytes: number;
}

/** A DB at this share of the quota gets a warning, as etcd's own alert rules do. */
export const dbQuotaWarningRatio = 0.8;
/**
 * A member this many raft entries behind the leader is lagging. A few entries are normal between two
 * status calls on a busy cluster; hundreds are not.
 */
export const lagWarningEntries = 100;

export function summarize(snapshot: ClusterSnapshot, options: SummaryOptions): ClusterSummary {
	const views = memberViews(snapshot);
	const leader = findLeader(snapshot);
	const voterViews = views.filter(view => view.member !== undefined && !view.isLearner);
	const voters = voterViews.length;
	const learners = views.filter(view => view.member !== undefined && view.isLearner).length;
	const healthyVoters = voterViews.filter(view => view.status !== undefined).length;
	const answering = views.filter(view => view.status !== undefined);
	const warnings: Warning[] = [];
	const critical = (text: string) => warnings.push({severity: 'critical', text});
	const warning = (text: string) => warnings.push({severity: 'warning', text});
	const label = (view: MemberView) => view.name || view.id || view.probe?.endpoint || 'unknown member';

	if (answering.length === 0) {
		critical(`no endpoint answers${snapshot.memberListError === undefined ? '' : `: ${snapshot.memberListError}`}`);
	} else if (voters > 0 && healthyVoters < quorumSize(voters)) {
		const names = voterViews.filter(view => view.status !== undefined).map(label);
		critical(`QUORUM LOST: ${healthyVoters} of ${voters} voters answer, ${quorumSize(voters)} needed${names.length > 0 ? ` (answering: ${names.join(', ')})` : ''}`);
	}

	if (answering.length > 0 && leader === undefined) {
		critical('no leader: no member reports itself as leader');
	}

	if (snapshot.memberListError !== undefined && answering.length > 0) {
		warning(`member list unavailable: ${snapshot.memberListError}`);
	}

	for (const view of views) {
		if (view.member !== undefined && !view.member.started) {
			warning(`${view.isLearner ? 'learner' : 'voter'} ${view.id ?? ''} is added but not started`);
		} else if (view.status === undefined && view.probe !== undefined) {
			warning(`${label(view)} unreachable: ${view.probe.error ?? 'no answer'}`);
		}
	}

	if (evenSizeAddsNothing(voters)) {
		warning(`${voters} voters: an even count tolerates no more failures than ${voters - 1}`);
	}

	for (const alarm of snapshot.alarms ?? []) {
		const member = views.find(view => view.id === alarm.memberId);
		critical(`alarm ${alarm.alarm} on ${member === undefined ? alarm.memberId : label(member)}`);
	}

	if (snapshot.alarms === undefined && snapshot.alarmsError !== undefined && healthyVoters >= quorumSize(voters) && voters > 0) {
		warning(`alarms unknown: ${snapshot.alarmsError}`);
	}

	for (const view of answering) {
		const ratio = view.status!.dbSizeBytes / options.quotaBytes;
		if (ratio >= dbQuotaWarningRatio) {
			(ratio >= 0.95 ? critical : warning)(`${label(view)} DB ${formatBytes(view.status!.dbSizeBytes)} is ${formatPercent(ratio)} of the ${formatBytes(options.quotaBytes)} quota`);
		}

		if (view.lagEntries !== undefined && view.lagEntries >= lagWarningEntries) {
			warning(`${view.isLearner ? 'learner ' : ''}${label(view)} is ${plural(view.lagEntries, 'entry', 'entries')} behind the leader`);
		}
	}

	const severity: Severity = warnings.some(item => item.severity === 'critical') ? 'critical' : warnings.length > 0 ? 'warning' : 'ok';
	return {
		clusterId: snapshot.clusterId,
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
	};
}
