import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {panes, type PaneId} from './panes.ts';

export interface PaneTabsProps {
	current: PaneId;
	width: number;
}

/** The pane bar: number and title of each pane, the current one highlighted. */
export function PaneTabs({current, width}: PaneTabsProps) {
	return (
		<Box width={width}>
			<Text wrap="truncate">
				{panes.map(pane => (
						<Text key={pane.id} inverse={pane.id === current} bold={pane.id === current}>
							{` ${pane.number} ${pane.title} `}
						</Text>
					))}
			</Text>
		</Box>
	);
}
