/** Anything that can take a reading: the cluster service, or a fixture in tests. */
export interface ReadingSource<T> {
	refresh(): Promise<T>;
}

/**
 * Refreshes on an interval measured from the end of the previous refresh, so refreshes never overlap
 * and a slow cluster is not piled up with calls. `refreshNow` during a refresh queues exactly one more.
 */
export class ReadingPoller<T> {
	private timer: NodeJS.Timeout | undefined;
	private running = false;
	private queued = false;
	private stopped = true;
	/** Bumped by start() and stop(), so a refresh still in flight from an earlier run cannot schedule another. */
	private generation = 0;

	constructor(
		private readonly source: ReadingSource<T>,
		private readonly intervalMs: number,
		private readonly onReading: (reading: T) => void,
		private readonly onError: (error: unknown) => void = () => undefined,
	) {}

	/** Starts polling; the first refresh runs after `delayMs`. */
	start(delayMs = 0): void {
		clearTimeout(this.timer);
		this.stopped = false;
		this.generation += 1;
		this.queued = false;
		this.timer = setTimeout(() => void this.run(), delayMs);
	}

	refreshNow(): void {
		if (this.running) {
			this.queued = true;
			return;
		}

		clearTimeout(this.timer);
		void this.run();
	}

	stop(): void {
		this.stopped = true;
		this.generation += 1;
		clearTimeout(this.timer);
	}

	private async run(): Promise<void> {
		if (this.stopped) {
			return;
		}

		if (this.running) {
			// A restart's timer fired while the earlier refresh still runs: go right after it.
			this.queued = true;
			return;
		}

		const generation = this.generation;
		const current = () => !this.stopped && generation === this.generation;
		this.running = true;
		try {
			const reading = await this.source.refresh();
			if (current()) {
				this.onReading(reading);
			}
		} catch (error) {
			if (current()) {
				this.onError(error);
			}
		} finally {
			this.running = false;
		}

		if (this.stopped) {
			return;
		}

		if (this.queued) {
			this.queued = false;
			void this.run();
			return;
		}

		if (generation !== this.generation) {
			// Restarted while this refresh ran: start() has set the next run's timer.
			return;
		}

		this.timer = setTimeout(() => void this.run(), this.intervalMs);
	}
}
