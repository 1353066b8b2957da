import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';

export interface AddMemberLineProps {
	text: string;
	problem: string | undefined;
	width: number;
}

/** The add line + opens: the new member's name and peer URL(s), typed; Enter checks them and shows the confirmation. */
export function AddMemberLine({text, problem, width}: AddMemberLineProps) {
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text bold color="yellow">Add a member (a learner; add &quot;voter&quot; for a voter)</Text>
			<Text dimColor>NAME PEER-URL[,PEER-URL] [voter]   e.g. etcd-4 https://10.0.0.4:2380</Text>
			<Text>&gt; {text}█</Text>
			{problem === undefined ? null : <Text color="red">{problem}</Text>}
			<Text>
				<Text bold color="green">Enter</Text> check and confirm · <Text bold color="red">Esc</Text> cancel
			</Text>
		</Box>
	);
}
