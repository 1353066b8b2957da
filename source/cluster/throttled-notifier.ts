/** Hands a value to its listeners after changes, at most every `everyMs` (the last change always gets through). */
export class ThrottledNotifier<T> {
	private timer: NodeJS.Timeout | undefined;
	private lastNotifyAt = 0;
	private readonly listeners = new Set<(value: T) => void>();

	constructor(private readonly read: () => T, private readonly everyMs: number) {}

	/** Calls `listener` with the value after changes; returns what unsubscribes it. */
	subscribe(listener: (value: T) => void): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	changed(): void {
		if (this.timer !== undefined) {
			return;
		}

		const wait = this.lastNotifyAt + this.everyMs - Date.now();
		const notify = () => {
			this.timer = undefined;
			this.lastNotifyAt = Date.now();
			const value = this.read();
			for (const listener of this.listeners) {
				listener(value);
			}
		};

		if (wait <= 0) {
			notify();
		} else {
			this.timer = setTimeout(notify, wait);
		}
	}

	/** A change waiting for its turn is not handed on. */
	cancel(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}
}
