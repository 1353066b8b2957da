import prettyBytes from 'pretty-bytes';

/** Byte sizes in SI units, as etcdctl's table prints them ("25 kB"). */
export function formatBytes(bytes: number): string {
	return prettyBytes(bytes);
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
