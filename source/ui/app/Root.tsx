import React from 'react';
import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import type {Settings} from '../../config/settings.ts';
import {useTerminalSize} from '../../hooks/use-terminal-size.ts';
import {App} from './App.tsx';
import type {DashboardServices} from '../../hooks/dashboard-services.ts';
import type {ClusterContext} from '../fleet/context-commands.ts';

export interface RootProps {
	services: DashboardServices;
	snapshotDir: string;
	logLines: number;
	keyBrowsing: {prefix: string | undefined; separator: string};
	settings: Settings;
	initialReading?: ClusterReading;
	/** The context this cluster was opened as, from the fleet. */
	context?: ClusterContext;
}

/** Reads the terminal size once, at the top, and hands it down. */
export function Root({services, snapshotDir, logLines, keyBrowsing, settings, initialReading, context}: RootProps) {
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
			initialReading={initialReading}
			context={context}
		/>
	);
}
