import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {MembershipDialog} from '../../model/membership/membership-dialog-state.ts';

export interface MembershipDialogViewProps {
	dialog: MembershipDialog;
	width: number;
}

/**
 * A membership change's confirmation: the title, the facts (voters, quorum and failures tolerated
 * before and after), the warnings, the etcdctl equivalent, and how to confirm — y for an add, the
 * member's name typed for a remove. It only draws; the keys are routed to its reducer.
 */
export function MembershipDialogView({dialog, width}: MembershipDialogViewProps) {
	const {confirmation, typed, problem, pending} = dialog;
	const labelWidth = Math.max(0, ...confirmation.facts.map(fact => fact.label.length)) + 2;
	const expected = confirmation.typeToConfirm;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={confirmation.action === 'member remove' ? 'red' : 'yellow'} paddingX={1}>
			<Text bold color={confirmation.action === 'member remove' ? 'red' : 'yellow'} wrap="truncate">{confirmation.title}</Text>
			<Box flexDirection="column" marginTop={1}>
				{confirmation.facts.map(fact => (
					<Box key={fact.label}>
						<Box width={labelWidth} flexShrink={0}>
							<Text dimColor>{fact.label}</Text>
						</Box>
						<Text>{fact.value}</Text>
					</Box>
				))}
			</Box>
			{confirmation.warnings.map(warning => (
				<Text key={warning} color="yellow">! {warning}</Text>
			))}
			<Box flexDirection="column" marginTop={1}>
				<Text dimColor>etcdctl equivalent:</Text>
				<Text>{confirmation.etcdctl}</Text>
			</Box>
			<Box flexDirection="column" marginTop={1}>
				{pending === undefined ? (expected === undefined ? (
					<Text>
						<Text bold color="green">y</Text> confirm · <Text bold color="red">n</Text> or <Text bold color="red">Esc</Text> cancel
					</Text>
				) : (
					<>
						<Text>
							Type <Text bold>{expected}</Text> and <Text bold color="green">Enter</Text> to remove it · <Text bold color="red">Esc</Text> cancel
						</Text>
						<Text>&gt; {typed}█</Text>
					</>
				)) : (
					<Text color="cyan">{pending}</Text>
				)}
				{problem === undefined ? null : <Text color="red">{problem}</Text>}
			</Box>
		</Box>
	);
}
