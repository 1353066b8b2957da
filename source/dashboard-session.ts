import {dashboardDriller} from './backup/dashboard-driller.ts';
import {dashboardSaver} from './backup/dashboard-saver.ts';
import {writeNewFile} from './backup/write-new-file.ts';
import {ClusterService} from './cluster/cluster-service.ts';
import type {ClusterReading} from './cluster/cluster-reading.ts';
import {secretsOf} from './cluster/describe-error.ts';
import {KeyBrowserService} from './cluster/key-browser/key-browser-service.ts';
import type {ContextFlags} from './config/contexts/open-context.ts';
import {parseEndpoints} from './config/endpoints.ts';
import {resolveKeyBrowsing} from './config/key-browsing.ts';
import {defaults, type Settings} from './config/settings.ts';
import type {DashboardServices} from './hooks/dashboard-services.ts';
import {ClusterLogSource} from './logs/cluster-log-source.ts';
import {localAddresses} from './logs/local-addresses.ts';
import {planTails} from './model/logs/log-template.ts';
import {resolveLogSettings, type LogSettings} from './logs/log-settings.ts';
import {MetricsService} from './metrics/metrics-service.ts';
import {resolveSnapshotDir} from './model/snapshots/snapshot-files.ts';
import {DashboardMaintenance} from './maintenance/maintenance-jobs.ts';
import {lagWarningEntries} from './model/cluster/cluster-summary.ts';

/** What the dashboard takes beside the connection: logs, metrics, snapshots, keys. */
export interface DashboardOptions {
	/** --keep-revisions: what a compaction without a revision keeps. */
	keepRevisions: number;
	logSettings: LogSettings;
	metricsUrls: string[] | undefined;
	snapshotDir: string;
	keyBrowsing: {prefix: string | undefined; separator: string};
}

/** The dashboard's options from the flags (with a context's fields beneath them); ConfigError names the flag. */
export function dashboardOptions(flags: ContextFlags, cwd: string, keepRevisions: number = defaults.keepRevisions): DashboardOptions {
	return {
		keepRevisions,
		logSettings: resolveLogSettings(flags),
		metricsUrls: flags.metricsUrls === undefined ? undefined : parseEndpoints(flags.metricsUrls, '--metrics-urls'),
		snapshotDir: resolveSnapshotDir(flags.snapshotDir, cwd),
		keyBrowsing: resolveKeyBrowsing(flags),
	};
}

/** The Logs pane's tails: one per member for a --log-command template, else the one command or the journal. */
function clusterLogSource(logSettings: LogSettings, secrets: readonly string[]): ClusterLogSource {
	const here = localAddresses();
	const tailSettings = {logCommand: logSettings.logCommand, units: logSettings.units, copiedJournal: logSettings.journalDir !== undefined || logSettings.journalFile !== undefined};
	return new ClusterLogSource(logSettings, {secrets, plan: members => planTails(tailSettings, members, here)});
}

/** One cluster's dashboard services, and what ends them. */
export interface DashboardSession {
	services: DashboardServices;
	/** Closes the cluster's connections (the hooks stop the polls and the log tail as they unmount). */
	close: () => void;
}

/**
 * The services of one cluster's dashboard: its own connections, metrics scrapes that follow the member
 * list of the latest refresh, the log tail, snapshots and the key browser. `service` is the cluster
 * service to use (the CLI's, which took the first reading); one is made otherwise.
 */
export function openDashboardSession(settings: Settings, options: DashboardOptions, env: NodeJS.ProcessEnv, first?: ClusterReading, service = new ClusterService(settings.connection)): DashboardSession {
	let members = first?.members ?? [];
	const cluster = {
		refresh: async () => {
			const reading = await service.refresh();
			members = reading.members;
			return reading;
		},
		promote: async (memberId: string) => service.promote(memberId),
		moveLeader: async (memberId: string) => service.moveLeader(memberId),
	};
	const keyBrowser = new KeyBrowserService(settings.connection);
	const maintenance = new DashboardMaintenance(settings.connection, {keepRevisions: options.keepRevisions, maxLagEntries: lagWarningEntries, quotaBytes: settings.quotaBytes});
	return {
		services: {
			cluster,
			actions: cluster,
			membership: {
				addMember: async request => service.addMember(request),
				removeMember: async memberId => service.removeMember(memberId),
				askPeer: async peerUrl => service.askPeer(peerUrl),
				writeNewFile,
			},
			saveSnapshot: dashboardSaver(settings.connection, options.keyBrowsing.separator),
			drillSnapshot: dashboardDriller(settings.connection, env['PATH']),
			logSource: clusterLogSource(options.logSettings, secretsOf(settings.connection)),
			metrics: new MetricsService(settings.connection, {metricsUrls: options.metricsUrls, members: () => members}),
			keyBrowser,
			maintenance,
		},
		close: () => {
			service.close();
			keyBrowser.close();
			maintenance.close();
		},
	};
}
