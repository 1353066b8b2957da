import type {MemberInfo} from '../../cluster/cluster-reading.ts';
import type {EtcdMetrics, Histogram, MemberScrape, MetricsRound} from '../../metrics/etcd-metrics.ts';
import type {Severity, Warning} from '../shared/warnings.ts';
import {increaseWithin, type CounterReading} from './counter-increase.ts';
import {histogramDelta, histogramQuantile} from './histogram-quantile.ts';
import {judgeMember} from './health-rules.ts';
import {worst} from '../shared/warnings.ts';
import {inMemberOrder} from '../shared/member-order.ts';
import type {LatencyFigures, MemberHealth, PeerHealth, TrendPoint} from './health-figures.ts';

interface RetainedScrape {
	at: number;
	metrics: EtcdMetrics;
}

/** What one member's next round needs from the earlier ones. */
export interface MemberMemory {
	/** Successful scrapes inside the percentile window (at least the latest one). */
	recent: RetainedScrape[];
	leaderChanges: CounterReading[];
	proposalsFailed: CounterReading[];
	trend: TrendPoint[];
}

/** The health of every member after a round of scrapes, and what the next round builds on. */
export interface HealthState {
	takenAt: number;
	members: MemberHealth[];
	/** Every member's warnings, critical first, for the header. */
	warnings: Warning[];
	severity: Severity;
	/** Keyed by scraped URL. */
	memory: Record<string, MemberMemory>;
}

export interface HealthOptions {
	/**
	 * Percentiles cover the interval from the oldest scrape kept in this window to the newest (always at
	 * least the previous scrape): long enough to hold a few of etcd's peer round-trip samples, which it
	 * takes every 30 s.
	 */
	percentileWindowMs: number;
	/** The window of etcd's leader-change and failed-proposal alerts. */
	counterWindowMs: number;
	trendLength: number;
	/** --quota-bytes: judges every DB against this instead of the member's own quota. */
	quotaBytes?: number;
}

export const defaultHealthOptions: HealthOptions = {percentileWindowMs: 60_000, counterWindowMs: 15 * 60_000, trendLength: 60};

/**
 * Folds one round of scrapes into the health state: percentiles from histogram bucket deltas between
 * scrapes (never since the member started), counter increases over 15 minutes, a short trend, and
 * warnings by etcd's own alert rules. Pure: the previous state carries everything it needs.
 */
export function advanceHealth(previous: HealthState | undefined, round: MetricsRound, options: HealthOptions = defaultHealthOptions): HealthState {
	const memory: Record<string, MemberMemory> = {};
	const members = round.scrapes.map(scrape => {
		const result = memberHealth(scrape, previous?.memory[scrape.url], round.members, options);
		memory[scrape.url] = result.memory;
		return result.health;
	});
	// In the order every pane lists members; a learner is known from the member list or its own /metrics.
	const learner = (member: MemberHealth) => round.members.find(each => normaliseId(each.id) === member.id)?.isLearner ?? false;
	const ordered = inMemberOrder(members, member => ({isLeader: member.isLeader === true, isLearner: learner(member), name: member.name, id: member.url}));
	const warnings = ordered.flatMap(member => member.warnings).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
	return {takenAt: round.takenAt, members: ordered, warnings, severity: worst(warnings), memory};
}

/** The row IDs of the pane, in order, for selection. */
export function healthRowIds(state: HealthState | undefined): string[] {
	return state?.members.map(member => member.id) ?? [];
}

function memberHealth(scrape: MemberScrape, earlier: MemberMemory | undefined, members: readonly MemberInfo[], options: HealthOptions): {health: MemberHealth; memory: MemberMemory} {
	const metrics = scrape.metrics;
	const memberId = normaliseId(scrape.memberId ?? metrics?.memberId);
	const name = members.find(member => normaliseId(member.id) === memberId)?.name || memberId || scrape.url;
	const at = scrape.takenAt;
	const keep = <T extends {at: number}>(items: readonly T[], windowMs: number, limit = Number.POSITIVE_INFINITY) => items.filter(item => item.at >= at - windowMs).slice(-limit);

	if (metrics === undefined) {
		const trend = keep([...(earlier?.trend ?? []), {at, walFsyncP99: undefined, backendCommitP99: undefined, peerRoundTripP99: undefined}], Number.POSITIVE_INFINITY, options.trendLength);
		const health = emptyHealth(scrape, memberId, name, trend);
		return {health: {...health, ...judgeMember(health)}, memory: {recent: earlier?.recent ?? [], leaderChanges: earlier?.leaderChanges ?? [], proposalsFailed: earlier?.proposalsFailed ?? [], trend}};
	}

	// The baseline is the oldest scrape still inside the window, or the previous one when all are older.
	const inWindow = keep(earlier?.recent ?? [], options.percentileWindowMs);
	const baseline = inWindow[0] ?? earlier?.recent.at(-1);
	const restarted = baseline !== undefined && baseline.metrics.processStartSeconds !== metrics.processStartSeconds;
	const interval = (current: Histogram | undefined, before: Histogram | undefined) =>
		current === undefined || baseline === undefined ? undefined : figures(histogramDelta(current, before, restarted));

	const walFsync = interval(metrics.walFsync, baseline?.metrics.walFsync);
	const backendCommit = interval(metrics.backendCommit, baseline?.metrics.backendCommit);
	const peers = metrics.peerRoundTrips.map((peer): PeerHealth => {
		const peerId = normaliseId(peer.peerId) ?? peer.peerId;
		const before = baseline?.metrics.peerRoundTrips.find(candidate => candidate.peerId === peer.peerId)?.histogram;
		const rtt = baseline === undefined ? undefined : figures(histogramDelta(peer.histogram, before, restarted));
		return {peerId, peerName: members.find(member => normaliseId(member.id) === peerId)?.name || peerId, p99: rtt?.p99, count: rtt?.count ?? 0};
	});

	const processStartMs = metrics.processStartSeconds === undefined ? undefined : metrics.processStartSeconds * 1000;
	const reading = (value: number | undefined, readings: readonly CounterReading[] | undefined) =>
		keep(value === undefined ? readings ?? [] : [...(readings ?? []), {at, value, processStartMs}], options.counterWindowMs);
	const leaderChanges = reading(metrics.leaderChangesSeen, earlier?.leaderChanges);
	const proposalsFailed = reading(metrics.proposalsFailed, earlier?.proposalsFailed);
	const slowestPeer = Math.max(...peers.map(peer => peer.p99 ?? Number.NEGATIVE_INFINITY));
	const point: TrendPoint = {at, walFsyncP99: walFsync?.p99, backendCommitP99: backendCommit?.p99, peerRoundTripP99: Number.isFinite(slowestPeer) ? slowestPeer : undefined};
	const trend = keep([...(earlier?.trend ?? []), point], Number.POSITIVE_INFINITY, options.trendLength);

	const health: MemberHealth = {
		...emptyHealth(scrape, memberId, name, trend),
		intervalMs: baseline === undefined ? undefined : at - baseline.at,
		hasLeader: metrics.hasLeader,
		isLeader: metrics.isLeader,
		leaderChangesTotal: metrics.leaderChangesSeen,
		leaderChangesRecent: metrics.leaderChangesSeen === undefined ? undefined : increaseWithin(leaderChanges, options.counterWindowMs, at),
		walFsync,
		walFsyncTotal: metrics.walFsync?.count,
		backendCommit,
		peers,
		proposalsCommitted: metrics.proposalsCommitted,
		proposalsApplied: metrics.proposalsApplied,
		proposalsPending: metrics.proposalsPending,
		proposalsFailedTotal: metrics.proposalsFailed,
		proposalsFailedRecent: metrics.proposalsFailed === undefined ? undefined : increaseWithin(proposalsFailed, options.counterWindowMs, at),
		dbSizeBytes: metrics.dbSizeBytes,
		quotaBytes: options.quotaBytes ?? metrics.quotaBytes,
		openFds: metrics.openFds,
		maxFds: metrics.maxFds,
	};
	return {
		health: {...health, ...judgeMember(health)},
		memory: {recent: [...inWindow, {at, metrics}], leaderChanges, proposalsFailed, trend},
	};
}

function figures(histogram: Histogram): LatencyFigures {
	return {p50: histogramQuantile(0.5, histogram.buckets), p99: histogramQuantile(0.99, histogram.buckets), count: histogram.count};
}

function emptyHealth(scrape: MemberScrape, memberId: string | undefined, name: string, trend: TrendPoint[]): MemberHealth {
	return {
		id: memberId ?? scrape.url,
		memberId,
		name,
		url: scrape.url,
		error: scrape.error,
		intervalMs: undefined,
		hasLeader: undefined,
		isLeader: undefined,
		leaderChangesTotal: undefined,
		leaderChangesRecent: undefined,
		walFsync: undefined,
		walFsyncTotal: undefined,
		backendCommit: undefined,
		peers: [],
		proposalsCommitted: undefined,
		proposalsApplied: undefined,
		proposalsPending: undefined,
		proposalsFailedTotal: undefined,
		proposalsFailedRecent: undefined,
		dbSizeBytes: undefined,
		quotaBytes: undefined,
		openFds: undefined,
		maxFds: undefined,
		trend,
		warnings: [],
		severity: 'ok',
	};
}

/** Hex IDs as the member list spells them: lower case, no leading zeros. */
function normaliseId(id: string | undefined): string | undefined {
	if (id === undefined || !/^[\da-f]+$/i.test(id)) {
		return id;
	}

	return BigInt(`0x${id}`).toString(16);
}
