/** The middle value (the mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How many times `slower` is `faster`: 12 means etcdeck took a twelfth of the alternative's time. */
export function ratio(slower: number, faster: number): number {
	return faster > 0 ? slower / faster : Number.NaN;
}

/** Rounded to `digits` decimals, for figures that are read by people and diffed between runs. */
export function rounded(value: number, digits = 1): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

/** Every value rounded, for the raw figures in the JSON file. */
export function roundedAll(values: readonly number[], digits = 1): number[] {
	return values.map(value => rounded(value, digits));
}
