import {dbQuotaWarningRatio} from '../cluster/cluster-summary.ts';
import {formatBytesAsEtcdctl, formatDuration, formatPercent} from '../shared/format.ts';
import type {Column, Row, RowTone} from '../shared/table.ts';
import type {DbUsage} from './db-usage.ts';
import {formatRatePerHour} from './db-usage-warnings.ts';

export type DbUsageColumnKey = 'name' | 'dbSize' | 'inUse' | 'reclaimable' | 'quota' | 'used' | 'growth' | 'toQuota';

/** The DB pane's table: one row a member, in etcdctl's byte units so sizes read as `endpoint status` does. */
export const dbUsageColumns: ReadonlyArray<Column<DbUsageColumnKey>> = [
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'dbSize', title: 'DB SIZE', align: 'right', priority: 9, shrinkable: false},
	{key: 'inUse', title: 'IN USE', align: 'right', priority: 7, shrinkable: false},
	{key: 'reclaimable', title: 'RECLAIMABLE', align: 'right', priority: 8, shrinkable: false},
	{key: 'quota', title: 'QUOTA', align: 'right', priority: 5, shrinkable: false},
	{key: 'used', title: 'USED', align: 'right', priority: 9, shrinkable: false},
	{key: 'growth', title: 'GROWTH', align: 'right', priority: 6, shrinkable: false},
	{key: 'toQuota', title: 'TO QUOTA', align: 'right', priority: 6, shrinkable: false},
];

const quotaSourceNote = {flag: ' (--quota-bytes)', metrics: '', default: ' (etcd default: its /metrics did not say)'} as const;

export function dbUsageRows(usages: readonly DbUsage[]): Array<Row<DbUsageColumnKey>> {
	return usages.map(usage => {
		const role = usage.isLeader ? ' *' : usage.isLearner ? ' (learner)' : '';
		const tone: RowTone = usage.quotaRatio >= 0.95 ? 'error' : usage.quotaRatio >= dbQuotaWarningRatio || usage.growth?.fast === true ? 'warning' : 'normal';
		return {
			id: usage.id,
			tone,
			cells: {
				name: `${usage.name}${role}`,
				dbSize: formatBytesAsEtcdctl(usage.sizeBytes),
				inUse: usage.inUseBytes === undefined ? '?' : formatBytesAsEtcdctl(usage.inUseBytes),
				reclaimable: usage.reclaimableBytes === undefined ? '?' : `${formatBytesAsEtcdctl(usage.reclaimableBytes)} ${reclaimableShare(usage)}`,
				quota: formatBytesAsEtcdctl(usage.quota.bytes),
				used: formatPercent(usage.quotaRatio),
				growth: growthCell(usage),
				toQuota: toQuotaCell(usage),
			},
			detail: `${usage.name}: quota ${formatBytesAsEtcdctl(usage.quota.bytes)}${quotaSourceNote[usage.quota.source]}; growth ${growthDetail(usage)}`,
		};
	});
}

function reclaimableShare(usage: DbUsage): string {
	return usage.sizeBytes === 0 || usage.reclaimableBytes === undefined ? '' : `(${Math.round((usage.reclaimableBytes / usage.sizeBytes) * 100)}%)`;
}

function growthCell(usage: DbUsage): string {
	const rate = usage.growth?.bytesPerHour;
	if (rate === undefined) {
		return 'measuring';
	}

	return `${rate > 0 ? '+' : ''}${formatRatePerHour(rate)}${usage.growth?.fast === true ? ' ▲' : ''}`;
}

function toQuotaCell(usage: DbUsage): string {
	if (usage.timeToQuotaMs === 0) {
		return 'reached';
	}

	if (usage.growth?.bytesPerHour === undefined) {
		return '';
	}

	return usage.timeToQuotaMs === undefined ? 'not growing' : formatDuration(usage.timeToQuotaMs);
}

function growthDetail(usage: DbUsage): string {
	const growth = usage.growth;
	if (growth === undefined || growth.bytesPerHour === undefined) {
		return 'measured once etcdeck has watched for a minute';
	}

	const since = `${formatRatePerHour(growth.bytesPerHour)} over ${formatDuration(growth.spanMs)} (since etcdeck started or the DB last shrank)`;
	const recent = growth.recentBytesPerHour === undefined ? '' : `, ${formatRatePerHour(growth.recentBytesPerHour)} over the last ${formatDuration(growth.recentWindowMs)}`;
	return `${since}${recent}${growth.fast ? ': growing fast' : ''}`;
}
