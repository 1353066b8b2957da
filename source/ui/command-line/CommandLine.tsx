import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {CommandLineState} from './command-line-state.ts';

export interface CommandLineProps {
	state: CommandLineState & {draft: string};
	width: number;
}

/**
 * The `:` line, where the status line was: what is typed (its end when it is wider than the screen),
 * a cursor, and what the last Tab offered or why it offered nothing.
 */
export function CommandLine({state, width}: CommandLineProps) {
	const room = Math.max(1, width - 2);
	const shown = [...state.draft].length > room ? `…${[...state.draft].slice(-(room - 1)).join('')}` : state.draft;
	const offered = state.candidates.length > 0 ? `  ${state.candidates.join('  ')}` : state.hint === undefined ? '  Tab completes · ↑↓ history · Enter runs · Esc closes' : `  ${state.hint}`;
	return (
		<Box width={width}>
			<Text wrap="truncate">
				<Text color="cyan">:</Text>
				{shown}
				<Text inverse> </Text>
				<Text dimColor={state.candidates.length === 0 && state.hint === undefined} color={state.hint === undefined ? undefined : 'yellow'}>{offered}</Text>
			</Text>
		</Box>
	);
}
