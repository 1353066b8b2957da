import type {ContextReading} from './fleet-reading.ts';
import {defaultFleetOptions, type FleetMember, type FleetPollerOptions} from './fleet-member.ts';
import {refreshWithDeadline, type MemberState} from './fleet-refresh.ts';
import {ThrottledNotifier} from './throttled-notifier.ts';

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
	private readonly settledWaiters = new Set<() => void>();
	/** Readings are handed on at most every notifyEveryMs (the last change always gets through). */
	private readonly notifier: ThrottledNotifier<ContextReading[]>;

	constructor(members: readonly FleetMember[], onChange?: (readings: ContextReading[]) => void, private readonly options: FleetPollerOptions = defaultFleetOptions) {
		this.notifier = new ThrottledNotifier(() => this.readings(), options.notifyEveryMs);
		if (onChange !== undefined) {
			this.notifier.subscribe(onChange);
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
		return this.notifier.subscribe(listener);
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
		this.notifier.cancel();
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
		await refreshWithDeadline(state, {
			release: () => {
				this.active -= 1;
			},
			changed: () => {
				this.notifier.changed();
			},
			settled: () => {
				this.afterSettle();
			},
		});
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
}
