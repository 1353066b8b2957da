import React, {type ReactNode} from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {ConfirmationFact} from '../../model/actions/member-action-checks.ts';

export interface ConfirmDialogProps {
	title: string;
	/** What the operator is agreeing to, one labelled line each. */
	facts: readonly ConfirmationFact[];
	/** The etcdctl command that does the same, when there is one. */
	command: string | undefined;
	/** While the request is on its way: said instead of the keys, which then do nothing. */
	pending?: string;
	width: number;
	/** The border's and title's colour: red for a change that removes something. */
	color?: 'yellow' | 'red';
	/** Said under the facts, each on a line of its own. */
	warnings?: readonly string[];
	/** How to confirm, when it is not y (a name to type); and why the last answer was not taken. */
	answer?: ReactNode;
	problem?: string;
}

/**
 * A confirmation before a write: the title, the facts, the etcdctl equivalent and the keys. It only
 * draws; the App routes y, n and Esc to it while it is open.
 */
export function ConfirmDialog({title, facts, command, pending, width, color = 'yellow', warnings = [], answer, problem}: ConfirmDialogProps) {
	const labelWidth = Math.max(0, ...facts.map(fact => fact.label.length)) + 2;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={color} paddingX={1}>
			<Text bold color={color} wrap="truncate">{title}</Text>
			<Box flexDirection="column" marginTop={1}>
				{facts.map(fact => (
					<Box key={fact.label}>
						<Box width={labelWidth} flexShrink={0}>
							<Text dimColor>{fact.label}</Text>
						</Box>
						<Text>{fact.value}</Text>
					</Box>
				))}
			</Box>
			{warnings.map(warning => (
				<Text key={warning} color="yellow">! {warning}</Text>
			))}
			{command === undefined ? null : (
				<Box flexDirection="column" marginTop={1}>
					<Text dimColor>etcdctl equivalent:</Text>
					<Text>{command}</Text>
				</Box>
			)}
			<Box flexDirection="column" marginTop={1}>
				{pending === undefined ? (answer ?? (
					<Text>
						<Text bold color="green">y</Text> confirm · <Text bold color="red">n</Text> or <Text bold color="red">Esc</Text> cancel
					</Text>
				)) : (
					<Text color="cyan">{pending}</Text>
				)}
				{problem === undefined ? null : <Text color="red">{problem}</Text>}
			</Box>
		</Box>
	);
}
