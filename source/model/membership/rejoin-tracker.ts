import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {formatDuration, plural} from '../shared/format.ts';
import {answers} from './known-members.ts';
import {restartInSyncEntries} from './restart-safety.ts';

/** One member's way back after it went down: down, back and catching up, back and in sync. */
export type Rejoin =
	| {phase: 'down'; downSince: number}
	| {phase: 'catching-up'; downSince: number; backAt: number; lagEntries: number | undefined}
	| {phase: 'in-sync'; downSince: number; backAt: number; inSyncAt: number};

/** By hex member ID: only members that went down while etcdeck watched, until a while after they are back. */
export type RejoinState = Readonly<Record<string, Rejoin>>;

export const noRejoins: RejoinState = {};

/** How long "rejoined, in sync after 14 s" stays on the row once it is true. */
export const rejoinShownMs = 5 * 60_000;

/**
 * Follows every started member across refreshes: when one stops answering it is down; when it answers
 * again it is back, and in sync once its raft index is within one entry of the leader's. A member that
 * was never seen down has no entry.
 */
export function trackRejoins(state: RejoinState, summary: ClusterSummary, takenAt: number): RejoinState {
	const next: Record<string, Rejoin> = {};
	for (const view of summary.views) {
		if (view.member === undefined || !view.member.started) {
			continue;
		}

		const id = view.member.id;
		const before = state[id];
		const up = answers(view);
		const lag = view.lagEntries;
		const inSync = up && (view.status === undefined || (lag !== undefined && lag < restartInSyncEntries));
		if (!up) {
			next[id] = before?.phase === 'down' ? before : {phase: 'down', downSince: takenAt};
			continue;
		}

		if (before === undefined) {
			continue;
		}

		if (before.phase === 'in-sync') {
			if (takenAt - before.inSyncAt < rejoinShownMs) {
				next[id] = before;
			}

			continue;
		}

		const backAt = before.phase === 'down' ? takenAt : before.backAt;
		next[id] = inSync ? {phase: 'in-sync', downSince: before.downSince, backAt, inSyncAt: takenAt} : {phase: 'catching-up', downSince: before.downSince, backAt, lagEntries: lag};
	}

	// Nothing changed: the state itself, so that React draws no frame for it.
	const ids = Object.keys(next);
	return ids.length === Object.keys(state).length && ids.every(id => next[id] === state[id]) ? state : next;
}

/** What the member's row says about its rejoin: "down for 12s", "rejoined, in sync after 14s". */
export function rejoinText(rejoin: Rejoin, now: number): string {
	switch (rejoin.phase) {
		case 'down': {
			return `down for ${formatDuration(now - rejoin.downSince)}: wait for it before stopping another`;
		}

		case 'catching-up': {
			const behind = rejoin.lagEntries === undefined ? 'raft index unknown' : `${plural(rejoin.lagEntries, 'entry', 'entries')} behind`;
			return `rejoined after ${formatDuration(rejoin.backAt - rejoin.downSince)} down, not in sync yet: ${behind}`;
		}

		case 'in-sync': {
			return `rejoined, in sync after ${formatDuration(rejoin.inSyncAt - rejoin.downSince)}`;
		}
	}
}
