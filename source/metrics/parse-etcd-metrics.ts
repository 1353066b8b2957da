import {getMetricsFromIterator, type PromData, type PromHistogramData, type PromMetric, type PromMetrics} from 'prom2javascript';
import type {EtcdMetrics, Histogram, PeerRoundTrip} from './etcd-metrics.ts';

/** A page that is not Prometheus text, or not an etcd member's metrics. */
export class MetricsFormatError extends Error {
	override name = 'MetricsFormatError';
}

/** The metric families the health pane and the Status stand-in read; an etcd page holds ten times as many. */
const wantedFamilies = [
	'etcd_server_has_leader', 'etcd_server_id', 'etcd_server_version', 'etcd_server_is_leader', 'etcd_server_is_learner', 'etcd_server_leader_changes_seen_total',
	'etcd_server_proposals_committed_total', 'etcd_server_proposals_applied_total', 'etcd_server_proposals_pending', 'etcd_server_proposals_failed_total',
	'etcd_disk_wal_fsync_duration_seconds', 'etcd_disk_backend_commit_duration_seconds', 'etcd_network_peer_round_trip_time_seconds',
	'etcd_mvcc_db_total_size_in_bytes', 'etcd_debugging_mvcc_db_total_size_in_bytes', 'etcd_mvcc_db_total_size_in_use_in_bytes', 'etcd_server_quota_backend_bytes',
	'process_open_fds', 'process_max_fds', 'process_start_time_seconds',
] as const;

const wanted = new Set<string>(wantedFamilies);
const metricName = /^[a-zA-Z_:][\w:]*/;
const histogramSuffix = /_(bucket|sum|count)$/;

/** The family a line belongs to: its name, or the name its # HELP / # TYPE comment is about (histograms add _bucket, _sum, _count). */
function familyOf(line: string): string {
	const name = line.startsWith('# ') ? (line.split(' ', 3)[2] ?? '') : (metricName.exec(line)?.[0] ?? '');
	return name.replace(histogramSuffix, '');
}

/**
 * Only the lines of the families read (parsing a whole page cost ten times as much, every scrape), and
 * any line that is not Prometheus text at all, so the parser still says what is wrong with the page.
 * Each line's family is found once: a page has about 1,500 lines, scraped from every member.
 */
function wantedLines(text: string): string[] {
	const lines: string[] = [];
	for (const line of text.split('\n')) {
		const family = familyOf(line);
		if (wanted.has(family) || (family === '' && line.trim() !== '')) {
			lines.push(line);
		}
	}

	return lines;
}

/** Longest piece of a bad line quoted in an error, so one odd line cannot flood the screen. */
const quotedLineLimit = 120;

/**
 * Parses a member's /metrics page (Prometheus text format) and picks out the figures the health pane
 * judges. Throws MetricsFormatError when the text does not parse or holds no etcd server metrics.
 */
export async function parseEtcdMetrics(text: string): Promise<EtcdMetrics> {
	let families: PromMetrics;
	try {
		families = await getMetricsFromIterator(wantedLines(text)[Symbol.iterator]());
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new MetricsFormatError(`not Prometheus text format: ${cut(message)}`);
	}

	const hasLeader = gauge(families, 'etcd_server_has_leader');
	if (hasLeader === undefined) {
		throw new MetricsFormatError('no etcd_server_has_leader metric: this is not an etcd member\'s metrics page');
	}

	return {
		memberId: label(families, 'etcd_server_id', 'server_id'),
		version: label(families, 'etcd_server_version', 'server_version'),
		hasLeader: hasLeader === 1,
		isLeader: flag(gauge(families, 'etcd_server_is_leader')),
		isLearner: flag(gauge(families, 'etcd_server_is_learner')),
		leaderChangesSeen: gauge(families, 'etcd_server_leader_changes_seen_total'),
		proposalsCommitted: gauge(families, 'etcd_server_proposals_committed_total'),
		proposalsApplied: gauge(families, 'etcd_server_proposals_applied_total'),
		proposalsPending: gauge(families, 'etcd_server_proposals_pending'),
		proposalsFailed: gauge(families, 'etcd_server_proposals_failed_total'),
		walFsync: histograms(families, 'etcd_disk_wal_fsync_duration_seconds')[0]?.histogram,
		backendCommit: histograms(families, 'etcd_disk_backend_commit_duration_seconds')[0]?.histogram,
		peerRoundTrips: peerRoundTrips(families),
		// etcd 3.3 only has the debugging name; 3.4 has both, 3.5 only the first.
		dbSizeBytes: gauge(families, 'etcd_mvcc_db_total_size_in_bytes') ?? gauge(families, 'etcd_debugging_mvcc_db_total_size_in_bytes'),
		dbSizeInUseBytes: gauge(families, 'etcd_mvcc_db_total_size_in_use_in_bytes'),
		quotaBytes: gauge(families, 'etcd_server_quota_backend_bytes'),
		openFds: gauge(families, 'process_open_fds'),
		maxFds: gauge(families, 'process_max_fds'),
		processStartSeconds: gauge(families, 'process_start_time_seconds'),
	};
}

function cut(text: string): string {
	return text.length <= quotedLineLimit ? text : `${text.slice(0, quotedLineLimit - 1)}…`;
}

function flag(value: number | undefined): boolean | undefined {
	return value === undefined ? undefined : value === 1;
}

function isHistogram(family: PromMetric): family is PromMetric & {data: PromHistogramData[]} {
	return family.type === 'histogram';
}

function samples(family: PromMetric | undefined): PromData[] {
	if (family === undefined || family.type === 'histogram' || family.type === 'summary') {
		return [];
	}

	return family.data as PromData[];
}

/** The value of an unlabelled counter or gauge (its first series). */
function gauge(families: PromMetrics, name: string): number | undefined {
	return samples(families[name])[0]?.value;
}

/** A label of an info-style gauge such as etcd_server_version{server_version="3.4.23"} 1. */
function label(families: PromMetrics, name: string, labelName: string): string | undefined {
	return samples(families[name]).find(sample => sample.value === 1)?.labels[labelName];
}

function histograms(families: PromMetrics, name: string): Array<{labels: Record<string, string>; histogram: Histogram}> {
	const family = families[name];
	if (family === undefined || !isHistogram(family)) {
		return [];
	}

	return family.data.map(series => ({
		labels: series.labels,
		histogram: {
			buckets: Object.entries(series.buckets)
				.map(([le, count]) => ({le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count}))
				.sort((a, b) => a.le - b.le),
			count: series.count,
			sum: series.sum ?? 0,
		},
	}));
}

function peerRoundTrips(families: PromMetrics): PeerRoundTrip[] {
	return histograms(families, 'etcd_network_peer_round_trip_time_seconds')
		.filter(series => series.labels['To'] !== undefined)
		.map(series => ({peerId: series.labels['To']!, histogram: series.histogram}));
}
