/** A latency in seconds as an operator reads it: "740µs", "2.9ms", "38ms", "1.20s". */
export function formatLatency(seconds: number): string {
	const micros = Math.round(seconds * 1e6);
	if (micros < 1000) {
		return `${micros}µs`;
	}

	const millis = seconds * 1000;
	if (millis < 9.95) {
		return `${millis.toFixed(1)}ms`;
	}

	if (Math.round(millis) < 1000) {
		return `${Math.round(millis)}ms`;
	}

	return `${seconds.toFixed(2)}s`;
}
