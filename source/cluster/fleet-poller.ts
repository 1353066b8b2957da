import type {ContextReading} from './fleet-reading.ts';
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

interface MemberState {
	member: FleetMember;
	reading: ContextReading;
	/** When the next refresh is due; undefined while one runs. */
	dueAt: number | undefined;
	/** A refresh whose promise has not settled (past its deadline too): no other starts until it does. */
	inFlight: boolean;
}

/**
 * Refreshes many clusters, each on its own rhythm, at most `concurrency` at a time: the one due longest
 * goes first. Each refresh has a deadline; one that passes it marks its cluster unreachable and gives its
 * place to the others, so a dead cluster delays no one else's refresh by more than its deadline's share
 * of one place. A cluster that does not answer is asked less often (doubling up to maxBackoffMs).
 * Readings are plain data, handed to `onChange` (all of them, in the fleet's order).
 */
export class FleetPoller {
	private readonly states: MemberState[];
	private active = 0;
	private running = false;
	private timer: NodeJS.Timeout | undefined;
	private notifyTimer: NodeJS.Timeout | undefined;
	private lastNotifyAt = 0;
	private readonly settledWaiters = new Set<() => void>();
	private readonly listeners = new Set<(readings: ContextReading[]) => void>();

	constructor(members: readonly FleetMember[], onChange?: (readings: ContextReading[]) => void, private readonly options: FleetPollerOptions = defaultFleetOptions) {
		if (onChange !== undefined) {
			this.listeners.add(onChange);
		}

		this.states = members.map(member => ({
			member,
			reading: {name: member.name, cluster: undefined, overdue: undefined, lastAnswerAt: undefined, refreshing: false, failures: 0},
			dueAt: 0,
			inFlight: false,
		}));
	}

	/** Calls `listener` with every context's reading after changes; returns what unsubscribes it. */
	subscribe(listener: (readings: ContextReading[]) => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	/** Every context's reading, in the fleet's order. */
	readings(): ContextReading[] {
		return this.states.map(state => state.reading);
	}

	/** Starts refreshing: every context is due now (or whenever its rhythm says, after a stop). */
	start(): void {
		this.running = true;
		this.pump();
	}

	/** No refresh starts after this; those on the network end and are recorded. Readings are kept. */
	stop(): void {
		this.running = false;
		clearTimeout(this.timer);
		clearTimeout(this.notifyTimer);
		this.notifyTimer = undefined;
	}

	/** Makes every context (or the one named) due now. */
	refreshNow(name?: string): void {
		for (const state of this.states) {
			if ((name === undefined || state.member.name === name) && state.dueAt !== undefined) {
				state.dueAt = 0;
			}
		}

		this.pump();
	}

	/**
	 * One refresh of every context, under the same bound and deadlines, for `status --all-contexts`:
	 * resolves once each has answered or missed its deadline.
	 */
	async refreshOnce(): Promise<ContextReading[]> {
		const pending = new Set(this.states);
		const done = new Set<MemberState>();
		await new Promise<void>(resolve => {
			const next = () => {
				while (this.active < this.options.concurrency && pending.size > 0) {
					const state = [...pending].find(candidate => !candidate.inFlight);
					if (state === undefined) {
						break;
					}

					pending.delete(state);
					void this.refresh(state).then(() => {
						done.add(state);
						if (done.size === this.states.length) {
							resolve();
						} else {
							next();
						}
					});
				}
			};

			if (this.states.length === 0) {
				resolve();
			}

			next();
		});
		return this.readings();
	}

	/** Resolves when no refresh is on the network (those past their deadline included). */
	async settled(): Promise<void> {
		if (this.states.every(state => !state.inFlight)) {
			return;
		}

		await new Promise<void>(resolve => {
			this.settledWaiters.add(resolve);
		});
	}

	private pump(): void {
		clearTimeout(this.timer);
		if (!this.running) {
			return;
		}

		const now = Date.now();
		for (;;) {
			if (this.active >= this.options.concurrency) {
				return;
			}

			const due = this.states
				.filter(state => state.dueAt !== undefined && state.dueAt <= now && !state.inFlight)
				.sort((a, b) => a.dueAt! - b.dueAt!)[0];
			if (due === undefined) {
				break;
			}

			due.dueAt = undefined;
			void this.refresh(due).then(() => {
				due.dueAt = Date.now() + this.intervalOf(due);
				this.pump();
			});
		}

		const next = Math.min(...this.states.filter(state => state.dueAt !== undefined && !state.inFlight).map(state => state.dueAt!));
		if (Number.isFinite(next)) {
			this.timer = setTimeout(() => {
				this.pump();
			}, Math.max(0, next - now));
		}
	}

	private intervalOf(state: MemberState): number {
		const {refreshMs} = state.member;
		if (state.reading.failures === 0) {
			return refreshMs;
		}

		return Math.min(refreshMs * (2 ** Math.min(state.reading.failures, 16)), Math.max(refreshMs, this.options.maxBackoffMs));
	}

	/** One refresh of one context; resolves when it ended or missed its deadline (its place is free then). */
	private async refresh(state: MemberState): Promise<void> {
		this.active += 1;
		state.inFlight = true;
		state.reading = {...state.reading, refreshing: true};
		const {deadlineMs} = state.member;
		let deadline: NodeJS.Timeout | undefined;
		let released = false;
		const release = () => {
			if (!released) {
				released = true;
				this.active -= 1;
			}
		};

		const missed = new Promise<'missed'>(resolve => {
			deadline = setTimeout(() => {
				resolve('missed');
			}, deadlineMs);
		});
		const answer = state.member.source.refresh().then(
			cluster => cluster,
			() => undefined,
		);
		const first = await Promise.race([answer, missed]);
		if (first === 'missed') {
			state.reading = {...state.reading, overdue: {at: Date.now(), deadlineMs}, refreshing: false, failures: state.reading.failures + 1};
			release();
			this.changed();
			// The late answer only frees the context for its next refresh: the row stays "no answer within".
			void answer.then(late => {
				state.inFlight = false;
				if (late !== undefined && answered(late)) {
					state.reading = {...state.reading, lastAnswerAt: late.takenAt};
				}

				this.afterSettle();
			});
			return;
		}

		clearTimeout(deadline);
		const cluster = first;
		const ok = cluster !== undefined && answered(cluster);
		state.reading = {
			...state.reading,
			cluster: cluster ?? state.reading.cluster,
			overdue: cluster === undefined ? {at: Date.now(), deadlineMs} : undefined,
			lastAnswerAt: ok ? cluster.takenAt : state.reading.lastAnswerAt,
			refreshing: false,
			failures: ok ? 0 : state.reading.failures + 1,
		};
		state.inFlight = false;
		release();
		this.changed();
		this.afterSettle();
	}

	private afterSettle(): void {
		if (this.states.every(state => !state.inFlight)) {
			for (const resolve of this.settledWaiters) {
				resolve();
			}

			this.settledWaiters.clear();
		}

		this.pump();
	}

	/** Hands the readings on, at most every notifyEveryMs (the last change always gets through). */
	private changed(): void {
		if (this.notifyTimer !== undefined) {
			return;
		}

		const wait = this.lastNotifyAt + this.options.notifyEveryMs - Date.now();
		const notify = () => {
			this.notifyTimer = undefined;
			this.lastNotifyAt = Date.now();
			const readings = this.readings();
			for (const listener of this.listeners) {
				listener(readings);
			}
		};

		if (wait <= 0) {
			notify();
		} else {
			this.notifyTimer = setTimeout(notify, wait);
		}
	}
}

/** Whether any member answered: with its Status, or refusing Status to this user (it is up all the same). */
function answered(cluster: ClusterReading): boolean {
	return cluster.probes.some(probe => probe.status !== undefined || probe.statusDenied !== undefined);
}
