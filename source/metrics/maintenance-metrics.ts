import {getMetricsFromIterator, type PromData} from 'prom2javascript';
import {refusePlaintext} from '../cluster/plaintext-refusal.ts';
import type {ConnectionSettings} from '../config/settings.ts';
import {maxMetricsPageBytes} from './fetch-etcd-metrics.ts';
import {httpGet} from './http-get.ts';
import {MetricsFormatError} from './parse-etcd-metrics.ts';

/**
 * What a member's /metrics says that maintenance needs and Status does not: whether it is defragmenting
 * right now (etcd_disk_defrag_inflight, 3.4 and 3.5) and its store's current and last compacted
 * revision (etcd_debugging_mvcc_current_revision and _compact_revision). /metrics needs no user, so a
 * defragment started by someone else (etcdctl, etcd-defrag's cron job) shows here too.
 */
export interface MaintenanceMetrics {
	/** Undefined on an etcd that does not expose the gauge. */
	defragInflight: boolean | undefined;
	currentRevision: number | undefined;
	/** Undefined when the member never compacted (etcd reports -1) or does not say. */
	compactRevision: number | undefined;
}

const families = ['etcd_disk_defrag_inflight', 'etcd_debugging_mvcc_current_revision', 'etcd_debugging_mvcc_compact_revision'] as const;

/** Reads the maintenance gauges of a /metrics page; throws MetricsFormatError when the page is not etcd's. */
export async function parseMaintenanceMetrics(text: string): Promise<MaintenanceMetrics> {
	const wanted = new Set<string>([...families, 'etcd_server_has_leader']);
	const lines = text.split('\n').filter(line => wanted.has(line.startsWith('# ') ? (line.split(' ')[2] ?? '') : (/^[a-zA-Z_:][\w:]*/.exec(line)?.[0] ?? '')));
	let parsed;
	try {
		parsed = await getMetricsFromIterator(lines[Symbol.iterator]());
	} catch (error) {
		throw new MetricsFormatError(`not Prometheus text format: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
	}

	const gauge = (name: string) => (parsed[name]?.data as PromData[] | undefined)?.[0]?.value;
	if (gauge('etcd_server_has_leader') === undefined) {
		throw new MetricsFormatError('no etcd_server_has_leader metric: this is not an etcd member\'s metrics page');
	}

	const inflight = gauge('etcd_disk_defrag_inflight');
	const compacted = gauge('etcd_debugging_mvcc_compact_revision');
	return {
		defragInflight: inflight === undefined ? undefined : inflight === 1,
		currentRevision: gauge('etcd_debugging_mvcc_current_revision'),
		compactRevision: compacted === undefined || compacted < 0 ? undefined : compacted,
	};
}

/** One member's maintenance gauges, from its /metrics URL (refused without TLS when the cluster uses it). */
export async function fetchMaintenanceMetrics(url: string, settings: Pick<ConnectionSettings, 'timeoutMs' | 'tls' | 'endpoints' | 'auth'>): Promise<MaintenanceMetrics> {
	refusePlaintext(new URL(url).origin, settings);
	const page = await httpGet(url, {timeoutMs: settings.timeoutMs, tls: settings.tls, maxBytes: maxMetricsPageBytes});
	return parseMaintenanceMetrics(page);
}
