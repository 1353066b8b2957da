import {median, ratio, rounded, roundedAll} from './stats.ts';

export type Unit = 'ms' | 'MB' | '% of a core' | 'requests' | 'lines/s';

/** A promise of the issue and whether this run kept it. */
export interface Verdict {
	target: string;
	met: boolean;
}

/** One line of the table: etcdeck's figure, the alternative's beside it, raw runs kept for the JSON file. */
export interface Figure {
	section: string;
	measure: string;
	unit: Unit;
	etcdeck: {median: number; runs: number[]};
	alternative?: {label: string; median: number; runs: number[]};
	/** The alternative's median over etcdeck's: how many times faster (or leaner) etcdeck is. */
	ratio?: number;
	verdict?: Verdict;
	note?: string;
}

export interface Side {
	label: string;
	runs: readonly number[];
}

interface FigureInput {
	section: string;
	measure: string;
	unit: Unit;
	etcdeck: readonly number[];
	alternative?: Side;
	/** Whether the two sides make a ratio worth printing (not when the alternative is a baseline of etcdeck's own). */
	withRatio?: boolean;
	/** Decides the verdict from etcdeck's median and the ratio. */
	target?: {text: string; met: (etcdeckMedian: number, ratio: number | undefined) => boolean};
	note?: string;
}

/** A figure from raw runs: medians, the ratio when there is an alternative, and the verdict. */
export function figure({section, measure, unit, etcdeck, alternative, withRatio = true, target, note}: FigureInput): Figure {
	const etcdeckMedian = median(etcdeck);
	const alternativeMedian = alternative === undefined ? undefined : median(alternative.runs);
	const times = alternativeMedian === undefined || !withRatio ? undefined : ratio(alternativeMedian, etcdeckMedian);
	const digits = unit === 'requests' ? 2 : 1;
	return {
		section,
		measure,
		unit,
		etcdeck: {median: rounded(etcdeckMedian, digits), runs: roundedAll(etcdeck, digits)},
		...(alternative === undefined || alternativeMedian === undefined ? {} : {alternative: {label: alternative.label, median: rounded(alternativeMedian, digits), runs: roundedAll(alternative.runs, digits)}}),
		...(times === undefined || Number.isNaN(times) ? {} : {ratio: rounded(times, times < 1 ? 3 : 1)}),
		...(target === undefined || Number.isNaN(etcdeckMedian) ? {} : {verdict: {target: target.text, met: target.met(etcdeckMedian, times)}}),
		...(note === undefined ? {} : {note}),
	};
}

/** Targets as the issue states them. */
export const targets = {
	atMost: (limit: number, unit: string) => ({text: `≤ ${limit} ${unit}`, met: (value: number) => value <= limit}),
	fewerThan: (limit: number, unit: string) => ({text: `< ${limit} ${unit}`, met: (value: number) => value < limit}),
	timesFaster: (times: number) => ({text: `≥ ${times}× faster`, met: (_value: number, measured: number | undefined) => measured !== undefined && measured >= times}),
};

/** A measurement that could not be made, said in the table rather than dropped. */
export function notMeasured(section: string, measure: string, unit: Unit, reason: string): Figure {
	return {section, measure, unit, etcdeck: {median: Number.NaN, runs: []}, note: reason};
}
