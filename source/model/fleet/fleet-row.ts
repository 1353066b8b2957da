import type {ContextReading} from '../../cluster/fleet-reading.ts';
import {memberQuota, statusExitCode, summarize} from '../cluster/cluster-summary.ts';
import {nothingAnswers} from '../cluster/reachability.ts';
import type {Warning} from '../shared/warnings.ts';

/** A cluster of the fleet in one word, worst last. */
export type FleetHealth = 'connecting' | 'healthy' | 'degraded' | 'unavailable' | 'quorum lost' | 'unreachable';

/** What the fleet shows of one context. */
export interface FleetRow {
	name: string;
	readOnly: boolean;
	health: FleetHealth;
	/** `etcdeck status`'s exit code for this cluster; undefined while its first refresh is on the network. */
	exitCode: 0 | 1 | 2 | undefined;
	clusterId: string | undefined;
	/** The leader's name (its ID when unnamed); undefined when none leads or none is known. */
	leader: string | undefined;
	voters: number;
	healthyVoters: number;
	quorum: number;
	learners: number;
	/** The worst of the cluster's warnings (critical first, then in the summary's order). */
	worstWarning: Warning | undefined;
	/** How many warnings the cluster has in all. */
	warningCount: number;
	/** The member whose DB is the largest share of its quota. */
	largestDb: {member: string; bytes: number; quotaBytes: number; ratio: number} | undefined;
	/** The etcd versions the members report, lowest first; two during a rolling upgrade. */
	versions: string[];
	lastAnswerAt: number | undefined;
	refreshing: boolean;
}

/** What a context says about itself that the row needs beside the reading. */
export interface FleetContext {
	name: string;
	readOnly: boolean;
	/** --quota-bytes or the context's quota-bytes: DB sizes are judged against it instead of each member's own. */
	quotaBytes: number | undefined;
}

/** How bad each health is: the fleet's summary and the worst exit code read it. */
export const healthRank: Record<FleetHealth, number> = {connecting: 0, healthy: 1, degraded: 2, unavailable: 3, 'quorum lost': 4, unreachable: 5};

/**
 * One context's row from its latest reading, judged as `etcdeck status` judges the cluster (the same
 * summary, the same exit code): unreachable when nothing answered in time, quorum lost, unavailable
 * (no leader, or an alarm refusing writes), degraded (any warning), healthy.
 */
export function fleetRow(context: FleetContext, reading: ContextReading): FleetRow {
	const base = {name: context.name, readOnly: context.readOnly, lastAnswerAt: reading.lastAnswerAt, refreshing: reading.refreshing};
	const empty = {clusterId: undefined, leader: undefined, voters: 0, healthyVoters: 0, quorum: 0, learners: 0, largestDb: undefined, versions: []};
	if (reading.overdue !== undefined) {
		const warning: Warning = {severity: 'critical', text: `no answer within ${formatSeconds(reading.overdue.deadlineMs)}`};
		return {...base, ...empty, health: 'unreachable', exitCode: 2, worstWarning: warning, warningCount: 1};
	}

	const {cluster} = reading;
	if (cluster === undefined) {
		return {...base, ...empty, health: 'connecting', exitCode: undefined, worstWarning: undefined, warningCount: 0};
	}

	const summary = summarize(cluster, {quotaBytes: context.quotaBytes});
	const exitCode = statusExitCode(summary);
	const health: FleetHealth = nothingAnswers(cluster) === undefined
		? exitCode === 0 ? 'healthy' : exitCode === 1 ? 'degraded' : summary.quorumLost ? 'quorum lost' : 'unavailable'
		: 'unreachable';
	const worstWarning = summary.warnings.find(warning => warning.severity === 'critical') ?? summary.warnings[0];
	const sized = summary.views.filter(view => view.status !== undefined).map(view => {
		const quota = memberQuota(view, context.quotaBytes);
		return {member: view.name || view.id || view.probe?.endpoint || '?', bytes: view.status!.dbSizeBytes, quotaBytes: quota.bytes, ratio: view.status!.dbSizeBytes / quota.bytes};
	});
	const largestDb = sized.sort((a, b) => b.ratio - a.ratio)[0];
	const versions = [...new Set(summary.views.map(view => view.status?.version).filter((version): version is string => version !== undefined && version !== ''))].sort(compareVersions);
	return {
		...base,
		health,
		exitCode,
		clusterId: summary.clusterId,
		leader: summary.leader?.name || summary.leader?.id,
		voters: summary.voters,
		healthyVoters: summary.healthyVoters,
		quorum: summary.quorum,
		learners: summary.learners,
		worstWarning,
		warningCount: summary.warnings.length,
		largestDb,
		versions,
	};
}

/** The exit code of `status --all-contexts`: the worst of its clusters'. */
export function worstExitCode(rows: readonly FleetRow[]): 0 | 1 | 2 {
	return rows.reduce<0 | 1 | 2>((worst, row) => Math.max(worst, row.exitCode ?? 2) as 0 | 1 | 2, 0);
}

/** How many contexts are in each health, worst first, for the fleet's title and the report's last line. */
export function healthCounts(rows: readonly FleetRow[]): Array<{health: FleetHealth; count: number}> {
	const counts = new Map<FleetHealth, number>();
	for (const row of rows) {
		counts.set(row.health, (counts.get(row.health) ?? 0) + 1);
	}

	return [...counts].map(([health, count]) => ({health, count})).sort((a, b) => healthRank[b.health] - healthRank[a.health]);
}

function compareVersions(a: string, b: string): number {
	const parts = (version: string) => version.split(/[.-]/).map(part => Number.parseInt(part, 10));
	const [left, right] = [parts(a), parts(b)];
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0 && !Number.isNaN(difference)) {
			return difference;
		}
	}

	return a.localeCompare(b);
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
