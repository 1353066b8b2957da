import type {ReadingSource} from './reading-poller.ts';
import type {ClusterReading} from './cluster-reading.ts';

/** One cluster of the fleet: its context's name, where its readings come from, and its timings. */
export interface FleetMember {
	name: string;
	/** A ClusterService of the context (a fixture in tests). Its refresh never throws; a throw counts as no answer. */
	source: ReadingSource<ClusterReading>;
	/** Time from the end of one refresh to the start of the next, while the cluster answers. */
	refreshMs: number;
	/** A refresh not ended by then marks the cluster unreachable and frees its place for the others. */
	deadlineMs: number;
}

export interface FleetPollerOptions {
	/** Refreshes on the network at once, over the whole fleet. */
	concurrency: number;
	/** The longest wait between refreshes of a cluster that does not answer (it doubles from refreshMs). */
	maxBackoffMs: number;
	/** Readings are handed on at most this often, so fifty clusters answering do not draw fifty frames. */
	notifyEveryMs: number;
}

/** Refreshes at once: enough for fifty loopback clusters in well under a second, few enough not to flood a jump host. */
export const defaultFleetOptions: FleetPollerOptions = {concurrency: 8, maxBackoffMs: 30_000, notifyEveryMs: 100};

/**
 * A context's deadline from its --timeout: a refresh asks the member list and every member's status in
 * parallel, then the members it had not known, so two call deadlines and some slack.
 */
export function fleetDeadlineMs(timeoutMs: number): number {
	return (2 * timeoutMs) + 1000;
}
