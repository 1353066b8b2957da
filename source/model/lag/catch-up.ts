import {plural} from '../shared/format.ts';
import type {LagHistory, MemberLagPoint} from './lag-history.ts';
import {formatDuration, formatRate} from '../shared/format.ts';

/** How far back the catch-up rate looks: long enough to smooth bursts, short enough to follow a change. */
export const rateWindowMs = 30_000;

/** A member is in sync when its raft index is within this many entries of the leader's. */
export const inSyncEntries = 1;

export interface CatchUp {
	/** Raft entries behind the leader at the last refresh; undefined when unknown. */
	lag: number | undefined;
	/**
	 * Entries per second by which the lag shrank over the rate window (negative: it grew). Undefined
	 * until two refreshes in the window know the lag.
	 */
	rate: number | undefined;
	/** Time until in sync at that rate: 0 when in sync, undefined when not closing in. */
	etaMs: number | undefined;
}

/** How fast a member closes in on the leader, from the history's last refresh back over `windowMs`. */
export function catchUp(history: LagHistory, memberId: string, windowMs = rateWindowMs): CatchUp {
	const last = history.samples.at(-1);
	const lag = last?.members[memberId]?.raftLag;
	if (last === undefined || lag === undefined) {
		return {lag: undefined, rate: undefined, etaMs: undefined};
	}

	const earliest = history.samples.find(sample => sample !== last && sample.takenAt >= last.takenAt - windowMs && sample.members[memberId]?.raftLag !== undefined);
	const rate = earliest === undefined ? undefined : (earliest.members[memberId]!.raftLag! - lag) / ((last.takenAt - earliest.takenAt) / 1000);
	const behind = lag - inSyncEntries;
	const etaMs = behind <= 0 ? 0 : rate !== undefined && rate > 0 ? (behind / rate) * 1000 : undefined;
	return {lag, rate, etaMs};
}

export type PromoteReadiness = {ready: true} | {ready: false; reason: string};

/**
 * Whether a learner may be promoted, as the runbook says: started, answering, and its raft index within
 * one entry of the leader's on two refreshes in a row. Otherwise the reason, in the words an operator
 * would use for it.
 */
export function promoteReadiness(history: LagHistory, memberId: string): PromoteReadiness {
	const samples = history.samples;
	const last = samples.at(-1);
	if (last === undefined) {
		return {ready: false, reason: 'no refresh yet'};
	}

	const point = last.members[memberId];
	if (point === undefined) {
		return {ready: false, reason: 'not in the member list'};
	}

	if (!point.isLearner) {
		return {ready: false, reason: 'a voter already: only a learner can be promoted'};
	}

	const blocker = notAnswering(point) ?? (last.leaderId === undefined ? 'no leader known' : undefined);
	if (blocker !== undefined) {
		return {ready: false, reason: blocker};
	}

	if (point.raftLag === undefined) {
		return {ready: false, reason: 'raft index unknown'};
	}

	if (point.raftLag <= inSyncEntries) {
		const previous = samples.at(-2)?.members[memberId];
		return isInSync(previous) ? {ready: true} : {ready: false, reason: 'in sync with the leader; ready if it still is at the next refresh'};
	}

	return {ready: false, reason: behindReason(point.raftLag, catchUp(history, memberId))};
}

/** Why a member cannot take part in anything right now, or undefined when it answers. */
export function notAnswering(point: MemberLagPoint): string | undefined {
	if (!point.started) {
		return 'unstarted: added, but its etcd has not joined yet';
	}

	if (!point.reachable) {
		return `unreachable: ${point.error ?? 'no answer'}`;
	}

	return undefined;
}

function isInSync(point: MemberLagPoint | undefined): boolean {
	return point !== undefined && point.reachable && point.raftLag !== undefined && point.raftLag <= inSyncEntries;
}

function behindReason(lag: number, {rate, etaMs}: CatchUp): string {
	const behind = `${plural(lag, 'entry', 'entries')} behind`;
	if (rate === undefined) {
		return behind;
	}

	if (rate > 0) {
		return `${behind}, catching up at ${formatRate(rate)}${etaMs === undefined ? '' : ` (ETA ${formatDuration(etaMs)})`}`;
	}

	return rate < 0 ? `${behind} and falling behind (${formatRate(-rate)})` : `${behind}, not catching up`;
}
