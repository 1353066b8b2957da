import {dbQuotaWarningRatio} from '../cluster/cluster-summary.ts';
import type {Severity, Warning} from '../shared/warnings.ts';
import {formatBytes, formatPercent} from '../shared/format.ts';
import {formatLatency} from '../shared/format.ts';
import type {MemberHealth} from './health-figures.ts';
import {worst} from '../shared/warnings.ts';

/**
 * etcd's published alert rules (etcd3_alert.rules), applied to one member's figures. Latencies are in
 * seconds; ratios are of the quota or the limit.
 */
export const healthRules = {
	walFsyncP99Warning: 0.5,
	walFsyncP99Critical: 1,
	backendCommitP99Warning: 0.25,
	peerRoundTripP99Warning: 0.15,
	leaderChangesWarning: 4,
	dbQuotaWarning: dbQuotaWarningRatio,
	dbQuotaCritical: 0.95,
	openFdsWarning: 0.8,
} as const;

type Figures = Pick<MemberHealth,
	'name' | 'url' | 'error' | 'hasLeader' | 'leaderChangesRecent' | 'proposalsFailedRecent' | 'walFsync' | 'backendCommit' | 'peers' | 'dbSizeBytes' | 'quotaBytes' | 'openFds' | 'maxFds'
>;

/** A member's warnings, each naming the member, the figure and the threshold it crossed. */
export function judgeMember(member: Figures): {warnings: Warning[]; severity: Severity} {
	const warnings: Warning[] = [];
	const add = (severity: Warning['severity'], text: string, advice?: string) => warnings.push({severity, text: `${member.name}: ${text}`, member: member.name, source: 'metrics', advice});

	if (member.error !== undefined) {
		add('warning', `no metrics: ${member.error} (${member.url})`, 'is the member up, and is /metrics on its client URL (or --listen-metrics-urls)?');
	}

	if (member.hasLeader === false) {
		add('critical', 'has no leader (etcd_server_has_leader 0)', 'it cannot reach a quorum of peers: check the network to them and its log (pane 4)');
	}

	if (member.leaderChangesRecent !== undefined && member.leaderChangesRecent >= healthRules.leaderChangesWarning) {
		add('warning', `${member.leaderChangesRecent} leader changes in 15 min (alert at ${healthRules.leaderChangesWarning})`, 'elections keep restarting: look for slow disks (fsync) and network trouble between members');
	}

	if (member.proposalsFailedRecent !== undefined && member.proposalsFailedRecent > 0) {
		add('warning', `${member.proposalsFailedRecent} failed proposals in 15 min`, 'usually a leader election or lost quorum: see the leader changes and the logs');
	}

	const fsync = member.walFsync?.p99;
	if (fsync !== undefined && fsync > healthRules.walFsyncP99Warning) {
		const critical = fsync > healthRules.walFsyncP99Critical;
		add(critical ? 'critical' : 'warning', `WAL fsync p99 ${formatLatency(fsync)} > ${formatLatency(critical ? healthRules.walFsyncP99Critical : healthRules.walFsyncP99Warning)}: the disk is too slow for etcd`, 'move the data dir to an SSD of its own; check what else writes to that disk');
	}

	const commit = member.backendCommit?.p99;
	if (commit !== undefined && commit > healthRules.backendCommitP99Warning) {
		add('warning', `backend commit p99 ${formatLatency(commit)} > ${formatLatency(healthRules.backendCommitP99Warning)}: the disk is too slow for etcd`, 'move the data dir to a faster disk; defragment a large DB');
	}

	for (const peer of member.peers) {
		if (peer.p99 !== undefined && peer.p99 > healthRules.peerRoundTripP99Warning) {
			add('warning', `round trip to ${peer.peerName} p99 ${formatLatency(peer.p99)} > ${formatLatency(healthRules.peerRoundTripP99Warning)}: slow network between members`, 'check the network path between the two members (latency, packet loss, bandwidth); etcd samples a smoothed round trip every 30 s, so after a stall it takes a few minutes to fall back');
		}
	}

	if (member.dbSizeBytes !== undefined && member.quotaBytes !== undefined && member.quotaBytes > 0) {
		const ratio = member.dbSizeBytes / member.quotaBytes;
		if (ratio > healthRules.dbQuotaWarning) {
			add(ratio > healthRules.dbQuotaCritical ? 'critical' : 'warning', `DB ${formatBytes(member.dbSizeBytes)} is ${formatPercent(ratio)} of its ${formatBytes(member.quotaBytes)} quota: compact and defragment`, 'compact, then defragment one member at a time; at the quota etcd refuses writes (NOSPACE)');
		}
	}

	if (member.openFds !== undefined && member.maxFds !== undefined && member.maxFds > 0) {
		const ratio = member.openFds / member.maxFds;
		if (ratio > healthRules.openFdsWarning) {
			add('warning', `${member.openFds} of ${member.maxFds} file descriptors open (${formatPercent(ratio)})`, 'raise the limit (LimitNOFILE in the unit) or find what holds so many connections');
		}
	}

	return {warnings, severity: worst(warnings)};
}
