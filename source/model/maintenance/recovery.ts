import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import {memberQuota, type ClusterSummary} from '../cluster/cluster-summary.ts';
import {formatBytes, formatPercent} from '../shared/format.ts';
import {memberViews} from '../cluster/member-view.ts';

/**
 * The NOSPACE way out, in the runbook's order: compact to the current revision (history is what fills a
 * DB that is not growing in keys), defragment every member (the file keeps its size until then), disarm
 * (etcd keeps refusing writes until told), then see the alarm gone from every member's Status.
 */
export const recoverySteps = ['compact', 'defrag', 'disarm', 'verify'] as const;

/**
 * Above this share of its quota a member would raise NOSPACE again with the first writes after the
 * disarm (etcd-defrag's --disalarm-threshold has the same default).
 */
export const disarmMaxQuotaRatio = 0.9;

/** Why disarming now would not help, or undefined when every member has room again. */
export function disarmRefusal(summary: ClusterSummary): string | undefined {
	const full = summary.views.filter(view => view.status !== undefined).map(view => {
		const quota = memberQuota(view, summary.quotaOverride);
		return {name: view.name || view.id || '?', size: view.status!.dbSizeBytes, quota: quota.bytes};
	}).filter(member => member.size >= member.quota * disarmMaxQuotaRatio);
	if (full.length === 0) {
		return undefined;
	}

	const figures = full.map(member => `${member.name} ${formatBytes(member.size)} (${formatPercent(member.size / member.quota)} of ${formatBytes(member.quota)})`).join(', ');
	return `the DB is still at or above ${formatPercent(disarmMaxQuotaRatio)} of its quota after compaction and defragmentation (${figures}): its keys themselves fill it, so disarming would only raise NOSPACE again with the next writes; delete keys or raise --quota-backend-bytes, then run recover-space again`;
}

/** A Status `errors` entry naming a NOSPACE alarm ("memberID:1520713267247070721 alarm:NOSPACE "), on whichever member. */
const nospaceEntry = /\balarm:NOSPACE\b/;

/** Whether any member's Status still reports NOSPACE, member by member; a member without Status cannot tell. */
export function nospaceCleared(reading: ClusterReading): {cleared: boolean; detail: string} {
	const views = memberViews(reading).filter(view => view.member !== undefined);
	const pending: string[] = [];
	const clear: string[] = [];
	for (const view of views) {
		const name = view.name || view.id || '?';
		if (view.status?.source !== 'status') {
			pending.push(`${name}: no Status (${view.probe?.error ?? view.probe?.statusDenied ?? 'no answer'})`);
		} else if (view.status.errors.some(entry => nospaceEntry.test(entry))) {
			pending.push(`${name}: Status still reports NOSPACE`);
		} else {
			clear.push(name);
		}
	}

	return pending.length === 0
		? {cleared: true, detail: `no NOSPACE in the Status of ${clear.join(', ')}`}
		: {cleared: false, detail: pending.join('; ')};
}

/** What a compaction would do: compact up to `revision`, and what that means. */
export interface CompactTarget {
	revision: number;
	currentRevision: number;
	compactedRevision: number | undefined;
	/** How many revisions of history go. */
	dropsRevisions: number;
}

/**
 * The revision to compact to: the one asked for, else the current one less `keepRevisions`. Refused
 * (a string) when it is not above the last compaction or lies in the future.
 */
export function compactTarget(currentRevision: number, compactedRevision: number | undefined, requested: number | undefined, keepRevisions: number): CompactTarget | string {
	const revision = requested ?? currentRevision - keepRevisions;
	if (!Number.isInteger(revision) || revision < 1) {
		return requested === undefined
			? `nothing to compact: the current revision ${currentRevision} is within the ${keepRevisions} revisions kept`
			: `revision ${String(requested)} is not a revision: give a whole number of at least 1`;
	}

	if (revision > currentRevision) {
		return `revision ${revision} is in the future: the current revision is ${currentRevision}`;
	}

	if (compactedRevision !== undefined && revision <= compactedRevision) {
		return `already compacted at revision ${compactedRevision}: nothing before ${revision} is left to remove`;
	}

	return {revision, currentRevision, compactedRevision, dropsRevisions: revision - (compactedRevision ?? 1)};
}

/** The confirmation's lines for a compaction: what is lost for good. */
export function compactConsequences(target: CompactTarget): string[] {
	return [
		`current revision ${target.currentRevision}; compacted so far up to ${target.compactedRevision ?? 'none (never compacted)'}`,
		`compact up to revision ${target.revision}: every key's history before it is removed for good (${target.dropsRevisions} revisions)`,
		`reads at an older revision and watchers started before ${target.revision} will fail ("required revision has been compacted")`,
	];
}
