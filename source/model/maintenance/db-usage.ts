import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import {memberQuota, type MemberQuota} from '../cluster/cluster-summary.ts';
import {memberViews, type MemberView} from '../cluster/member-view.ts';

/** One member's DB figures at one refresh. */
export interface DbSample {
	at: number;
	sizeBytes: number;
	inUseBytes: number | undefined;
}

/**
 * One member's DB sizes since etcdeck started watching it, or since its DB last shrank (a defragment
 * or a restore starts a new series: growth before it says nothing about growth after it). The first
 * sample is kept for the rate since then; the recent ones only as far back as the fast-growth test
 * reads, so the history stays small however long the dashboard runs.
 */
export interface DbSeries {
	baseline: DbSample;
	/** Oldest first; the last is the newest figure. */
	recent: readonly DbSample[];
}

export interface DbUsageHistory {
	/** By hex member ID. */
	members: Readonly<Record<string, DbSeries>>;
	lastTakenAt: number | undefined;
}

export const emptyDbUsageHistory: DbUsageHistory = {members: {}, lastTakenAt: undefined};

/** What "growing fast" is judged on: the last stretch of this length, against the growth before it. */
export interface GrowthOptions {
	/** The recent stretch: its growth, and that of each of its halves, must be fast. */
	recentWindowMs: number;
	/** Recent growth must be this many times the member's own growth before it… */
	fastFactor: number;
	/** …and at least this share of the quota an hour (so a flat DB that grows a little is not "fast"). */
	minFastQuotaShareAnHour: number;
	/** The rate since the start is not shown before this much time has passed. */
	minRateSpanMs: number;
}

export const defaultGrowthOptions: GrowthOptions = {
	recentWindowMs: 10 * 60_000,
	fastFactor: 3,
	minFastQuotaShareAnHour: 0.01,
	minRateSpanMs: 60_000,
};

/** Recent samples are kept this much longer than the window, so one always sits at its start. */
const keepMarginMs = 60_000;
/** A backstop for very short refresh intervals. */
const maxRecentSamples = 2000;

/** Adds a refresh's DB figures. A reading no newer than the last one recorded changes nothing. */
export function recordDbUsage(history: DbUsageHistory, reading: ClusterReading, options: GrowthOptions = defaultGrowthOptions): DbUsageHistory {
	if (history.lastTakenAt !== undefined && reading.takenAt <= history.lastTakenAt) {
		return history;
	}

	const members: Record<string, DbSeries> = {};
	for (const view of memberViews(reading)) {
		const id = view.member?.id;
		if (id === undefined) {
			continue;
		}

		const known = history.members[id];
		const status = view.status;
		if (status === undefined) {
			// Unreachable this time: its series waits for the next answer.
			if (known !== undefined) {
				members[id] = known;
			}

			continue;
		}

		const sample: DbSample = {at: reading.takenAt, sizeBytes: status.dbSizeBytes, inUseBytes: status.dbSizeInUseBytes};
		members[id] = known === undefined || sample.sizeBytes < known.recent.at(-1)!.sizeBytes ? {baseline: sample, recent: [sample]} : extend(known, sample, options);
	}

	return {members, lastTakenAt: reading.takenAt};
}

function extend(series: DbSeries, sample: DbSample, options: GrowthOptions): DbSeries {
	const oldest = sample.at - options.recentWindowMs - keepMarginMs;
	const recent = [...series.recent, sample];
	// Keep the newest sample at or before `oldest`: it stands at the window's start.
	let first = 0;
	while (first + 1 < recent.length && recent[first + 1]!.at <= oldest) {
		first += 1;
	}

	return {baseline: series.baseline, recent: recent.slice(first).slice(-maxRecentSamples)};
}

const hourMs = 3_600_000;

/** How one member's DB grows, from its series. Rates are bytes an hour. */
export interface DbGrowth {
	/** Since etcdeck started watching (or since the DB last shrank); undefined until minRateSpanMs passed. */
	bytesPerHour: number | undefined;
	/** How long the series covers. */
	spanMs: number;
	/** Over the recent window; undefined until the series covers it. */
	recentBytesPerHour: number | undefined;
	/** Before the recent window (the member's own norm so far); undefined until the series covers twice the window. */
	normBytesPerHour: number | undefined;
	/** Recent growth well above its norm, in both halves of the window. */
	fast: boolean;
	/** The recent window judged. */
	recentWindowMs: number;
}

export function dbGrowth(series: DbSeries, quotaBytes: number, options: GrowthOptions = defaultGrowthOptions): DbGrowth {
	const last = series.recent.at(-1)!;
	const spanMs = last.at - series.baseline.at;
	const rate = (from: DbSample, to: DbSample) => ((to.sizeBytes - from.sizeBytes) / (to.at - from.at)) * hourMs;
	const bytesPerHour = spanMs >= options.minRateSpanMs ? rate(series.baseline, last) : undefined;
	const windowStart = sampleAtOrBefore(series, last.at - options.recentWindowMs);
	if (windowStart === undefined || windowStart.at >= last.at) {
		return {bytesPerHour, spanMs, recentBytesPerHour: undefined, normBytesPerHour: undefined, fast: false, recentWindowMs: options.recentWindowMs};
	}

	const recentBytesPerHour = rate(windowStart, last);
	const middle = sampleAtOrBefore(series, last.at - (options.recentWindowMs / 2));
	const hasNorm = windowStart.at - series.baseline.at >= options.recentWindowMs;
	const normBytesPerHour = hasNorm ? rate(series.baseline, windowStart) : undefined;
	const floor = quotaBytes * options.minFastQuotaShareAnHour;
	const fastEnough = (value: number) => value >= floor && value >= options.fastFactor * Math.max(0, normBytesPerHour ?? 0);
	const halves = middle === undefined || middle.at <= windowStart.at || middle.at >= last.at ? [] : [rate(windowStart, middle), rate(middle, last)];
	const fast = normBytesPerHour !== undefined && halves.length === 2 && fastEnough(recentBytesPerHour) && halves.every(value => fastEnough(value));
	return {bytesPerHour, spanMs, recentBytesPerHour, normBytesPerHour, fast, recentWindowMs: options.recentWindowMs};
}

/** The newest sample taken at or before `at`: the baseline when the recent ones all come later. */
function sampleAtOrBefore(series: DbSeries, at: number): DbSample | undefined {
	for (let index = series.recent.length - 1; index >= 0; index--) {
		if (series.recent[index]!.at <= at) {
			return series.recent[index];
		}
	}

	return series.baseline.at <= at ? series.baseline : undefined;
}

/** How long until the DB reaches `quotaBytes` at `bytesPerHour`; undefined when it does not grow. */
export function timeToQuotaMs(sizeBytes: number, quotaBytes: number, bytesPerHour: number | undefined): number | undefined {
	if (sizeBytes >= quotaBytes) {
		return 0;
	}

	return bytesPerHour === undefined || bytesPerHour <= 0 ? undefined : ((quotaBytes - sizeBytes) / bytesPerHour) * hourMs;
}

/** One member's disk usage as the DB pane shows it. */
export interface DbUsage {
	id: string;
	name: string;
	endpoint: string | undefined;
	isLeader: boolean;
	isLearner: boolean;
	sizeBytes: number;
	inUseBytes: number | undefined;
	/** Size less in use: what a defragment gives back. */
	reclaimableBytes: number | undefined;
	quota: MemberQuota;
	/** Size as a share of the quota. */
	quotaRatio: number;
	growth: DbGrowth | undefined;
	timeToQuotaMs: number | undefined;
}

/** Every answering member's usage now, with its growth from the history. Members without figures are left out. */
export function dbUsages(reading: ClusterReading, history: DbUsageHistory, quotaOverride: number | undefined, options: GrowthOptions = defaultGrowthOptions): DbUsage[] {
	return memberViews(reading).flatMap(view => {
		const usage = dbUsageOf(view, history, quotaOverride, options);
		return usage === undefined ? [] : [usage];
	});
}

function dbUsageOf(view: MemberView, history: DbUsageHistory, quotaOverride: number | undefined, options: GrowthOptions): DbUsage | undefined {
	if (view.status === undefined || view.id === undefined) {
		return undefined;
	}

	const quota = memberQuota(view, quotaOverride);
	const sizeBytes = view.status.dbSizeBytes;
	const inUseBytes = view.status.dbSizeInUseBytes;
	const series = history.members[view.id];
	const growth = series === undefined ? undefined : dbGrowth(series, quota.bytes, options);
	return {
		id: view.id,
		name: view.name === '' ? view.id : view.name,
		endpoint: view.probe?.endpoint,
		isLeader: view.isLeader,
		isLearner: view.isLearner,
		sizeBytes,
		inUseBytes,
		reclaimableBytes: inUseBytes === undefined ? undefined : Math.max(0, sizeBytes - inUseBytes),
		quota,
		quotaRatio: sizeBytes / quota.bytes,
		growth,
		timeToQuotaMs: timeToQuotaMs(sizeBytes, quota.bytes, growth?.bytesPerHour),
	};
}
