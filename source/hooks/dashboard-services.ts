import type {DrillSnapshot} from '../backup/dashboard-driller.ts';
import type {SaveSnapshot} from '../backup/dashboard-saver.ts';
import type {MemberActionResult} from '../cluster/member-action-result.ts';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import type {ReadingSource} from '../cluster/reading-poller.ts';
import type {KeyBrowserSource} from './use-key-browser.ts';
import type {LogTailSource} from './use-log-tail.ts';
import type {MetricsRound} from '../metrics/etcd-metrics.ts';
import type {MaintenanceJobs} from '../model/maintenance/maintenance-events.ts';
import type {MembershipActions} from './use-membership.ts';

/** The writes the dashboard can ask of the cluster; both answer with what happened and never throw. */
export interface MemberActions {
	promote: (memberId: string) => Promise<MemberActionResult>;
	moveLeader: (memberId: string) => Promise<MemberActionResult>;
}

/**
 * Everything the dashboard reads and acts through: the services of source/cluster, logs, metrics and
 * backup, made once by the CLI (fixtures in the component tests) and handed down as one object.
 */
export interface DashboardServices {
	/** The cluster's state, polled every --refresh. */
	cluster: ReadingSource<ClusterReading>;
	/** Promote and move-leader. */
	actions: MemberActions;
	/** Member add and remove, and what unstarted members' peer URLs say; undefined: not offered in this session. */
	membership?: MembershipActions;
	/** Streams, verifies and places a snapshot file (s). */
	saveSnapshot: SaveSnapshot;
	/** Restores a saved snapshot into a throwaway etcd and compares it with its manifest (d after a save). */
	drillSnapshot: DrillSnapshot;
	/** The log tail of the Logs pane (journalctl or --log-command); started on mount, stopped on unmount. */
	logSource: LogTailSource;
	/** Scrapes every member's /metrics for the Health pane; undefined when this run scrapes none. */
	metrics: ReadingSource<MetricsRound> | undefined;
	/** The Keys pane's reads and watches; nothing is read until the pane is first shown. */
	keyBrowser: KeyBrowserSource;
	/** Defragment, compact, NOSPACE recovery and the HashKV check; undefined when this run has none. */
	maintenance?: MaintenanceJobs;
}
