import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {formatDuration} from '../../model/shared/format.ts';
import {wrapWords} from '../shared/wrap-words.ts';
import type {DatedWarning} from './use-warnings-since.ts';

export interface WarningsOverlayProps {
	warnings: readonly DatedWarning[];
	/** The reading's time: "since" is counted up to it. */
	now: number;
	width: number;
	height: number;
	/** First line shown. */
	offset: number;
}

/** Two border lines, the title and the hint. */
const frameLines = 4;
const frameColumns = 4;
const indent = '  ';
const sourceNames = {status: 'Status', metrics: '/metrics', logs: 'logs'} as const;

type Line = {kind: 'head'; dated: DatedWarning; text: string} | {kind: 'text'; text: string} | {kind: 'advice'; text: string};

function clock(at: number): string {
	return new Date(at).toISOString().slice(11, 19);
}

/** Every line of the list, worst first: severity, member, since when and from where; the warning; what to do. */
export function warningLines(warnings: readonly DatedWarning[], now: number, width: number): Line[] {
	const inner = Math.max(10, width - frameColumns);
	return warnings.flatMap((dated): Line[] => {
		const {warning, since} = dated;
		const facts = [
			warning.severity === 'critical' ? '✖ CRITICAL' : '▲ warning',
			warning.member === undefined ? undefined : warning.member,
			`since ${clock(since)} UTC (${formatDuration(Math.max(0, now - since))})`,
			warning.source === undefined ? undefined : `from ${sourceNames[warning.source]}`,
		].filter(fact => fact !== undefined);
		return [
			{kind: 'head', dated, text: facts.join(' · ')},
			...wrapWords(warning.text, inner - indent.length).map((text): Line => ({kind: 'text', text: `${indent}${text}`})),
			...(warning.advice === undefined ? [] : wrapWords(`→ ${warning.advice}`, inner - indent.length).map((text): Line => ({kind: 'advice', text: `${indent}${text}`}))),
		];
	});
}

/** How far the list scrolls at this size. */
export function maxWarningsOffset(warnings: readonly DatedWarning[], now: number, width: number, height: number): number {
	return Math.max(0, warningLines(warnings, now, width).length - (height - frameLines));
}

/** `!`: every active warning, with what the header has no room for; scrolls when they do not fit. */
export function WarningsOverlay({warnings, now, width, height, offset}: WarningsOverlayProps) {
	const lines = warningLines(warnings, now, width);
	const rows = Math.max(1, height - frameLines);
	const first = Math.min(Math.max(0, offset), Math.max(0, lines.length - rows));
	const shown = lines.slice(first, first + rows);
	const after = lines.length - first - shown.length;
	const critical = warnings.filter(dated => dated.warning.severity === 'critical').length;
	const hint = `${first > 0 ? `↑ ${first} more  ` : ''}${after > 0 ? `↓ ${after} more  ` : ''}${first > 0 || after > 0 ? '↑↓ PgUp PgDn scroll  ' : ''}Esc close`;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={critical > 0 ? 'red' : 'yellow'} paddingX={1}>
			<Text bold wrap="truncate">
				{warnings.length === 0 ? 'No active warnings' : `${warnings.length} active warning${warnings.length === 1 ? '' : 's'}${critical > 0 ? `, ${critical} critical` : ''}, worst first`}
			</Text>
			<Box flexDirection="column" height={rows}>
				{shown.map((line, index) => {
					const key = `${first + index}`;
					if (line.kind === 'head') {
						const isCritical = line.dated.warning.severity === 'critical';
						return <Text key={key} wrap="truncate" bold color={isCritical ? 'red' : 'yellow'}>{line.text}</Text>;
					}

					return <Text key={key} wrap="truncate" color={line.kind === 'advice' ? 'cyan' : undefined}>{line.text}</Text>;
				})}
			</Box>
			<Text dimColor wrap="truncate">{hint}</Text>
		</Box>
	);
}
