/** A cumulative counter as read at one scrape. */
export interface CounterReading {
	at: number;
	value: number;
	/** The process start time the reading came with (ms); a change means the counter began again. */
	processStartMs: number | undefined;
}

/**
 * How much a counter grew over the last `windowMs` before `now`, like Prometheus' increase(): the sum of
 * the rises between consecutive readings in the window, where a reading after a restart counts from
 * zero. When the process itself started inside the window, its whole count happened there, which
 * covers the part before the first reading we saw.
 */
export function increaseWithin(readings: readonly CounterReading[], windowMs: number, now: number): number {
	const since = now - windowMs;
	const inWindow = readings.filter(reading => reading.at >= since);
	let observed = 0;
	for (let index = 1; index < inWindow.length; index++) {
		const previous = inWindow[index - 1]!;
		const current = inWindow[index]!;
		const restarted = current.value < previous.value || current.processStartMs !== previous.processStartMs;
		observed += restarted ? current.value : current.value - previous.value;
	}

	const latest = inWindow.at(-1);
	const startedInWindow = latest?.processStartMs !== undefined && latest.processStartMs >= since;
	return Math.max(observed, startedInWindow ? latest.value : 0);
}
