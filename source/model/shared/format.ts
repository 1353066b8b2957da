import prettyBytes from 'pretty-bytes';

/** Byte sizes in SI units, as etcdctl's table prints them ("25 kB"). */
export function formatBytes(bytes: number): string {
	return prettyBytes(bytes);
}

const etcdctlUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * Byte sizes exactly as etcdctl's tables print them (go-humanize's Bytes): "20 kB", "5.3 kB", "2.1 GB",
 * so a DB SIZE beside etcdctl's reads the same. pretty-bytes keeps three digits ("20.5 kB").
 */
export function formatBytesAsEtcdctl(bytes: number): string {
	if (bytes < 10) {
		return `${bytes} B`;
	}

	const exponent = Math.floor(Math.log(bytes) / Math.log(1000));
	const value = Math.floor((bytes / (1000 ** exponent) * 10) + 0.5) / 10;
	return `${value < 10 ? value.toFixed(1) : roundHalfToEven(value)} ${etcdctlUnits[exponent]}`;
}

/** Go's %.0f: a tie goes to the even neighbour (20.5 → 20, 21.5 → 22), where JavaScript rounds up. */
function roundHalfToEven(value: number): string {
	const floor = Math.floor(value);
	const rounded = value - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(value);
	return String(rounded);
}

/** Rounded down to a tenth, so a figure just under a threshold never reads as the threshold. */
export function formatPercent(ratio: number): string {
	// The epsilon keeps 0.9 (computed as 0.8999…) from reading as 89.9%.
	return `${(Math.floor((ratio * 1000) + 1e-9) / 10).toFixed(1)}%`;
}

export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** Entries per second, with one decimal below 10 so a slow trickle does not read as 0. */
export function formatRate(entriesPerSecond: number): string {
	const magnitude = Math.abs(entriesPerSecond);
	const shown = magnitude < 10 ? String(Math.round(entriesPerSecond * 10) / 10) : Math.round(entriesPerSecond).toLocaleString('en-US');
	return `${shown}/s`;
}

/** A duration as "45s", "2m 05s" or "1h 02m", rounded up so an ETA never promises too early. */
export function formatDuration(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
	}

	return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
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
