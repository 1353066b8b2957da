import React from 'react';
import {render, type Instance} from 'ink';
import {useTerminalSize} from './hooks/use-terminal-size.ts';
import {FleetApp, type FleetAppProps} from './ui/fleet/FleetApp.tsx';

function FleetScreen(props: Omit<FleetAppProps, 'columns' | 'rows'>) {
	const {columns, rows} = useTerminalSize();
	return <FleetApp {...props} columns={columns} rows={rows} />;
}

/** Draws the fleet view full screen (the CLI switches to the alternate screen around it). */
export function renderFleet(props: Omit<FleetAppProps, 'columns' | 'rows'>): Instance {
	return render(<FleetScreen {...props} />, {exitOnCtrlC: false, patchConsole: true, maxFps: 120});
}
