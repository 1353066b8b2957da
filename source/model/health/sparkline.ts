const levels = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * The last `width` values as a one-line bar chart, scaled from zero to the largest of them (or to
 * `ceiling` when that is larger, so a flat low line stays low). A gap (undefined) is a space.
 */
export function sparkline(values: ReadonlyArray<number | undefined>, width: number, ceiling = 0): string {
	const shown = values.slice(Math.max(0, values.length - width));
	const top = Math.max(ceiling, ...shown.map(value => value ?? 0));
	return shown
		.map(value => {
			if (value === undefined) {
				return ' ';
			}

			if (top <= 0) {
				return levels[0];
			}

			const level = Math.min(levels.length - 1, Math.floor((value / top) * levels.length));
			return levels[Math.max(0, level)];
		})
		.join('');
}
