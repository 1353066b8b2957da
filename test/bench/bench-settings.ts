/** The benchmark's sections, in the order. */
export const sections = ['refresh', 'startup', 'keys', 'idle', 'keystroke', 'fleet'] as const;
export type Section = (typeof sections)[number];

/** What a run measures and how long; the defaults are the issue's, the variables are for trial runs. */
export interface BenchSettings {
	/** BENCH_RUNS: runs of each side of a comparison, whose median is reported. */
	runs: number;
	/** BENCH_ONLY: a comma-separated subset of the sections. */
	only: readonly Section[];
	/** BENCH_IDLE_SECONDS: how long etcdeck is watched idling (the issue: 60). */
	idleSeconds: number;
	/** BENCH_KEY_COUNTS: key counts under the browsed prefix. */
	keyCounts: readonly number[];
	/** BENCH_KEYSTROKES: key presses timed, each way. */
	keystrokes: number;
	/** BENCH_LOG_RATE: lines a second into the Logs pane while keystrokes are timed. */
	logRate: number;
}

function positiveInteger(name: string, fallback: number): number {
	const text = process.env[name];
	if (text === undefined || text === '') {
		return fallback;
	}

	const value = Number(text);
	if (!Number.isInteger(value) || value <= 0) {
		throw new Error(`${name} must be a positive whole number, not "${text}"`);
	}

	return value;
}

export function benchSettings(): BenchSettings {
	const onlyText = process.env['BENCH_ONLY'];
	const only = onlyText === undefined || onlyText === '' ? [...sections] : onlyText.split(',').map(name => name.trim());
	const unknown = only.filter(name => !(sections as readonly string[]).includes(name));
	if (unknown.length > 0) {
		throw new Error(`BENCH_ONLY names unknown sections (${unknown.join(', ')}); the sections are ${sections.join(', ')}`);
	}

	const countsText = process.env['BENCH_KEY_COUNTS'];
	const keyCounts = countsText === undefined || countsText === '' ? [10_000, 100_000, 200_000] : countsText.split(',').map(Number);
	if (keyCounts.some(count => !Number.isInteger(count) || count <= 0) || keyCounts.some((count, index) => index > 0 && count <= keyCounts[index - 1]!)) {
		throw new Error(`BENCH_KEY_COUNTS must be rising positive whole numbers, not "${countsText}"`);
	}

	return {
		runs: positiveInteger('BENCH_RUNS', 7),
		only: only as Section[],
		idleSeconds: positiveInteger('BENCH_IDLE_SECONDS', 60),
		keyCounts,
		keystrokes: positiveInteger('BENCH_KEYSTROKES', 30),
		logRate: positiveInteger('BENCH_LOG_RATE', 2000),
	};
}
