import React from 'react';
import {Box, Text} from 'ink';
import {panes, type PaneId} from './keymap.ts';

export interface PaneTabsProps {
	current: PaneId;
	available: readonly PaneId[];
	width: number;
}

/** The pane bar: number and title of each pane, the current one highlighted. */
export function PaneTabs({current, available, width}: PaneTabsProps) {
	return (
		<Box width={width}>
			<Text wrap="truncate">
				{panes
					.filter(pane => available.includes(pane.id))
					.map(pane => (
						<Text key={pane.id} inverse={pane.id === current} bold={pane.id === current}>
							{` ${pane.number} ${pane.title} `}
						</Text>
					))}
			</Text>
		</Box>
	);
}
