import React from 'react';
import {Text} from '../shared/text.tsx';

export const minimumSize = {columns: 80, rows: 24} as const;

/** Shown instead of the dashboard when the terminal cannot hold it, rather than drawing garbage. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	return (
		<Text wrap="wrap">
			The terminal is {columns}x{rows}; etcdeck needs at least {minimumSize.columns}x{minimumSize.rows}. Enlarge the window, or press q to quit.
		</Text>
	);
}
