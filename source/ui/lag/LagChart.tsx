import React from 'react';
import {Box} from 'ink';
import {ColouredLine, Text} from '../shared/text.tsx';
import asciichart from 'asciichart';
import {chartPoints} from '../../model/lag/lag-history.ts';
import {formatCount} from '../../model/shared/format.ts';

/** One line of the chart: a member's lag, oldest first, undefined where it was unknown. */
export interface LagSeries {
	label: string;
	values: ReadonlyArray<number | undefined>;
}

export interface LagChartProps {
	series: readonly LagSeries[];
	width: number;
	/** Lines available, the legend's included. */
	height: number;
}

/** asciichart colours and the Ink names of the same colours, for the legend. */
const palette = [
	{ansi: asciichart.cyan, ink: 'cyan'},
	{ansi: asciichart.magenta, ink: 'magenta'},
	{ansi: asciichart.yellow, ink: 'yellow'},
	{ansi: asciichart.green, ink: 'green'},
	{ansi: asciichart.blue, ink: 'blue'},
	{ansi: asciichart.red, ink: 'red'},
] as const;

/** The plot's own columns besides the points: the labels' gap and the axis. */
const axisColumns = 2;

/**
 * Lag over time as an asciichart line per series, squeezed into `width` columns (each column keeps the
 * worst lag it covers) with whole-entry axis labels, and a legend in the series' colours.
 */
export function LagChart({series, width, height}: LagChartProps) {
	const drawable = series.filter(item => item.values.some(value => value !== undefined));
	if (drawable.length === 0) {
		return <Text dimColor>no lag known yet</Text>;
	}

	const highest = Math.max(0, ...drawable.flatMap(item => item.values.filter((value): value is number => value !== undefined)));
	const labelWidth = formatCount(highest).length + 1;
	const points = Math.max(2, width - labelWidth - axisColumns);
	const lines = drawable.map(item => chartPoints(item.values, points));
	// One line per entry of lag when that fits, so small lags read exactly; otherwise every line there is.
	const plotRows = Math.max(1, Math.min(height - 1, highest + 1));
	const plot = asciichart.plot(lines, {
		min: 0,
		height: plotRows - 1,
		offset: axisColumns,
		colors: drawable.map((_item, index) => palette[index % palette.length]!.ansi),
		format: value => formatCount(Math.round(value)).padStart(labelWidth),
	});
	return (
		<Box flexDirection="column" width={width}>
			{plot.split('\n').map((line, index) => (
				<ColouredLine key={index} wrap="truncate" line={line} />
			))}
			<Text wrap="truncate">
				{drawable.map((item, index) => (
					<Text key={item.label} color={palette[index % palette.length]!.ink}>{index === 0 ? '' : '  '}━ {item.label}</Text>
				))}
			</Text>
		</Box>
	);
}
