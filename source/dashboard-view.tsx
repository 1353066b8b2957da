import React from 'react';
import {render, type Instance} from 'ink';
import {Root, type RootProps} from './ui/Root.tsx';

/**
 * Draws the dashboard. A module of its own so the CLI can start loading Ink and React while the first
 * refresh is on the network: most of etcdeck's start-up is loading code, not asking etcd.
 */
export function renderDashboard(props: RootProps): Instance {
	return render(<Root {...props} />, {exitOnCtrlC: false, patchConsole: true});
}
