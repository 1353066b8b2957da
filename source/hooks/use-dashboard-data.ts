import {useEffect, useState} from 'react';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import type {KeyBrowserState} from '../model/keys/key-browser-state.ts';
import {summarize, type ClusterSummary} from '../model/cluster/cluster-summary.ts';
import {headerHealthWarnings} from '../model/health/header-warnings.ts';
import type {HealthState} from '../model/health/health.ts';
import type {LagHistory} from '../model/lag/lag-history.ts';
import {recurringTroubleWarnings} from '../model/logs/trouble-counts.ts';
import type {Warning} from '../model/shared/warnings.ts';
import type {DashboardServices} from './dashboard-services.ts';
import {useClusterReading} from './use-cluster-reading.ts';
import {useHealth} from './use-health.ts';
import {useKeyBrowser, type KeyBrowser} from './use-key-browser.ts';
import {useLagHistory} from './use-lag-history.ts';
import {useLogTail, type LogTail} from './use-log-tail.ts';
import {useDbUsageHistory} from './use-db-usage-history.ts';
import {dbUsages, type DbUsage} from '../model/maintenance/db-usage.ts';
import {dbUsageWarnings} from '../model/maintenance/db-usage-warnings.ts';

export interface DashboardDataOptions {
	refreshMs: number;
	/** --quota-bytes; undefined: each member's own quota. */
	quotaBytes: number | undefined;
	/** Lines the Logs pane keeps (--log-lines). */
	logLines: number;
	/** --prefix (undefined: found from the keys) and --separator. */
	keyBrowsing: {prefix: string | undefined; separator: string};
	/** A reading already taken (the start-up check's), shown at once instead of "connecting…". */
	initialReading?: ClusterReading;
}

/** What the panes are shown, and asked for the keys: what the services read, and what the model made of it. */
export interface DashboardData {
	reading: ClusterReading | undefined;
	summary: ClusterSummary | undefined;
	history: LagHistory;
	/** Every answering member's DB usage: size, in use, quota, growth since etcdeck started. */
	dbUsages: readonly DbUsage[];
	health: HealthState | undefined;
	/** Whether /metrics is scraped in this run at all. */
	scrapesMetrics: boolean;
	logs: LogTail;
	keys: KeyBrowser;
	/** Member names by hex ID, to name peers in log lines. */
	memberNames: ReadonlyMap<string, string>;
	/** The header's warnings besides the cluster's own: health, and trouble recurring in the logs. */
	extraWarnings: Warning[];
	refreshNow: () => void;
}

/** What the shell tells the data about the screen: which pane is shown, and the Keys pane's rows for a state. */
export interface DashboardFocus {
	pane: string;
	keysListRows: (state: KeyBrowserState) => number;
}

const backgroundMetricsMs = 10_000;

/** Every service the dashboard reads, polled and tailed, and the model's view of it all. */
export function useDashboardData(services: DashboardServices, options: DashboardDataOptions, focus: DashboardFocus): DashboardData {
	const {reading, refreshNow} = useClusterReading(services.cluster, options.refreshMs, options.initialReading);
	const history = useLagHistory(reading);
	const dbHistory = useDbUsageHistory(reading);
	const logs = useLogTail(services.logSource, options.logLines, undefined, reading?.members);
	// /metrics pages are large: scraped at the refresh interval while the Health pane is shown, and every
	// 10 s otherwise (enough for the header's health warnings).
	const {health} = useHealth(services.metrics, focus.pane === 'health' ? options.refreshMs : Math.max(options.refreshMs, backgroundMetricsMs), options.quotaBytes);
	// Nothing is read or watched until the Keys pane is shown once.
	const [keysActive, setKeysActive] = useState(false);
	useEffect(() => {
		if (focus.pane === 'keys') {
			setKeysActive(true);
		}
	}, [focus.pane]);
	const summary = reading === undefined ? undefined : summarize(reading, {quotaBytes: options.quotaBytes});
	const keys = useKeyBrowser(services.keyBrowser, {...options.keyBrowsing, active: keysActive, quorumLost: summary?.quorumLost}, focus.keysListRows);
	const memberNames = new Map((reading?.members ?? []).map(member => [member.id, member.name]));
	const usages = reading === undefined ? [] : dbUsages(reading, dbHistory, options.quotaBytes);
	const extraWarnings = [...headerHealthWarnings(health?.warnings ?? []), ...dbUsageWarnings(usages), ...recurringTroubleWarnings(logs.view.counts, logs.view.now, memberNames)];
	return {reading, summary, history, dbUsages: usages, health, scrapesMetrics: services.metrics !== undefined, logs, keys, memberNames, extraWarnings, refreshNow};
}
