import React from 'react';
import {render, type Instance} from 'ink';
import {Root, type RootProps} from './ui/app/Root.tsx';

/**
 * Draws the dashboard. A module of its own so the CLI can start loading Ink and React while the first
 * refresh is on the network: most of etcdeck's start-up is loading code, not asking etcd.
 */
export function renderDashboard(props: RootProps): Instance {
	// Ink holds a render back until 1000/maxFps ms after the last one (30 fps by default): a key pressed
	// just after the Logs pane drew a batch waited up to 33 ms for its frame. Batches and refreshes
	// are already paced (line-batcher.ts, --refresh), so the cap only decides how long a key waits.
	return render(<Root {...props} />, {exitOnCtrlC: false, patchConsole: true, maxFps: 120});
}
export {renderContextDeck} from './fleet-view.tsx';
