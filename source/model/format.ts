import prettyBytes from 'pretty-bytes';

/** Byte sizes in SI units, as etcdctl's table prints them ("25 kB"). */
export function formatBytes(bytes: number): string {
	return prettyBytes(bytes);
}

export function formatPercent(ratio: number): string {
	return `${Math.round(ratio * 100)}%`;
}

export function formatCount(count: number): string {
	return count.toLocaleString('en-US');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
