import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import {findLeader, memberViews, type MemberView} from '../cluster/member-view.ts';

/** Where one member stood behind the leader at one refresh. */
export interface MemberLagPoint {
	/** Raft entries behind the leader; undefined when its own or the leader's index is unknown. */
	raftLag: number | undefined;
	appliedLag: number | undefined;
	isLearner: boolean;
	/** Published its name and client URLs (etcdctl's "started"). */
	started: boolean;
	/** Its own status call answered. */
	reachable: boolean;
	/** Why its status call failed, when it did. */
	error: string | undefined;
}

/** What one refresh said about every member's lag. */
export interface LagSample {
	takenAt: number;
	/** Hex ID of the member that said it leads, when one did. */
	leaderId: string | undefined;
	/** By hex member ID: only members in the member list. */
	members: Readonly<Record<string, MemberLagPoint>>;
}

/** Successive samples, oldest first, no older than the window and no more than the cap. */
export interface LagHistory {
	samples: readonly LagSample[];
}

/** "The last few minutes". */
export const lagWindowMs = 5 * 60_000;
/** A backstop for very short refresh intervals: the window, not this, bounds the history in practice. */
export const maxLagSamples = 1200;

export const emptyLagHistory: LagHistory = {samples: []};

/** One refresh's lag of every member in the member list. */
export function lagSample(reading: ClusterReading): LagSample {
	const members: Record<string, MemberLagPoint> = {};
	for (const view of memberViews(reading)) {
		if (view.member !== undefined) {
			members[view.member.id] = lagPoint(view);
		}
	}

	return {takenAt: reading.takenAt, leaderId: findLeader(reading)?.id, members};
}

/** A member's lag and whether it answered, from its view in one reading. */
export function lagPoint(view: MemberView): MemberLagPoint {
	return {
		raftLag: view.lagEntries,
		appliedLag: view.appliedLagEntries,
		isLearner: view.isLearner,
		started: view.member?.started ?? true,
		reachable: view.status !== undefined,
		error: view.probe?.error,
	};
}

/**
 * Adds a refresh to the history and drops what has left the window. A reading no newer than the last
 * one recorded changes nothing, so handing the same reading twice cannot fake "two refreshes in a row".
 */
export function recordLag(history: LagHistory, reading: ClusterReading, windowMs = lagWindowMs): LagHistory {
	const last = history.samples.at(-1);
	if (last !== undefined && reading.takenAt <= last.takenAt) {
		return history;
	}

	const samples = [...history.samples, lagSample(reading)].filter(sample => sample.takenAt >= reading.takenAt - windowMs);
	return {samples: samples.slice(-maxLagSamples)};
}

/** One member's raft lag at each sample, oldest first; undefined where it was unknown. */
export function raftLagSeries(history: LagHistory, memberId: string): Array<number | undefined> {
	return history.samples.map(sample => sample.members[memberId]?.raftLag);
}

/**
 * Squeezes a series into at most `points` columns for a chart: each column shows the worst (largest) lag
 * of the samples it covers, so a short spike is not averaged away. asciichart draws no gaps, so an
 * unknown value repeats the last known one (the first known one before it): every series keeps the
 * history's length and so its time axis. A series with no known value is empty.
 */
export function chartPoints(series: ReadonlyArray<number | undefined>, points: number): number[] {
	const firstKnown = series.find(value => value !== undefined);
	if (firstKnown === undefined || points < 1) {
		return [];
	}

	let last = firstKnown;
	const filled = series.map(value => {
		last = value ?? last;
		return last;
	});
	if (filled.length <= points) {
		return filled;
	}

	return Array.from({length: points}, (_, column) => {
		const start = Math.floor((column * filled.length) / points);
		const end = Math.floor(((column + 1) * filled.length) / points);
		return Math.max(...filled.slice(start, Math.max(end, start + 1)));
	});
}

/** How long the history covers, first sample to last, in milliseconds. */
export function historySpanMs(history: LagHistory): number {
	const first = history.samples[0];
	const last = history.samples.at(-1);
	return first === undefined || last === undefined ? 0 : last.takenAt - first.takenAt;
}
