/**
 * Edit distance (optimal string alignment): the fewest insertions, deletions, substitutions and swaps
 * of two neighbouring characters that turn `a` into `b`. A swap counts one, as typing "hepl" is one slip.
 */
export function editDistance(a: string, b: string): number {
	const rows: number[][] = [Array.from({length: b.length + 1}, (_, index) => index)];
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			const above = rows[i - 1]!;
			row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
			}
		}

		rows.push(row);
	}

	return rows[a.length]![b.length]!;
}

/**
 * The candidate a typo most likely meant: the nearest by edit distance, if it is near enough to be a
 * slip (at most 2 edits, and fewer than half the typed word); the first in `candidates` on a tie.
 * Undefined when nothing is close: a suggestion far off misleads more than none.
 */
export function nearestName(typed: string, candidates: readonly string[]): string | undefined {
	let best: {name: string; distance: number} | undefined;
	for (const name of candidates) {
		const distance = editDistance(typed, name);
		if (best === undefined || distance < best.distance) {
			best = {name, distance};
		}
	}

	return best !== undefined && best.distance <= 2 && best.distance * 2 < typed.length ? best.name : undefined;
}
