import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';

export interface StatusLineProps {
	takenAt: number | undefined;
	durationMs: number | undefined;
	refreshMs: number;
	notice: string | undefined;
	readOnly?: boolean;
	width: number;
}

function clock(time: number): string {
	return new Date(time).toISOString().slice(11, 19);
}

/** Bottom line: the last refresh (UTC) and what it cost, a notice if any, and the two keys to know. */
export function StatusLine({takenAt, durationMs, refreshMs, notice, readOnly = false, width}: StatusLineProps) {
	const refreshed = takenAt === undefined ? 'waiting for the first refresh' : `refreshed ${clock(takenAt)} UTC in ${durationMs ?? 0} ms`;
	return (
		<Box width={width}>
			<Text wrap="truncate">
				{notice === undefined ? null : <Text color="yellow">{notice}  </Text>}
				<Text dimColor>
					{readOnly ? 'read-only · ' : ''}
					{refreshed} · every {refreshMs} ms · ? help · q quit
				</Text>
			</Text>
		</Box>
	);
}
