import React from 'react';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import type {Settings} from '../config/settings.ts';
import {useTerminalSize} from '../hooks/use-terminal-size.ts';
import {App} from './App.tsx';
import type {DashboardServices} from './dashboard-services.ts';

export interface RootProps {
	services: DashboardServices;
	snapshotDir: string;
	logLines: number;
	keyBrowsing: {prefix: string | undefined; separator: string};
	settings: Settings;
	initialSnapshot?: ClusterSnapshot;
}

/** Reads the terminal size once, at the top, and hands it down. */
export function Root({services, snapshotDir, logLines, keyBrowsing, settings, initialSnapshot}: RootProps) {
	const {columns, rows} = useTerminalSize();
	return (
		<App
			services={services}
			snapshotDir={snapshotDir}
			logLines={logLines}
			keyBrowsing={keyBrowsing}
			readOnly={settings.readOnly}
			refreshMs={settings.refreshMs}
			quotaBytes={settings.quotaBytes}
			columns={columns}
			rows={rows}
			initialSnapshot={initialSnapshot}
		/>
	);
}
