import React from 'react';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import type {SnapshotSource} from '../cluster/snapshot-poller.ts';
import type {Settings} from '../config/settings.ts';
import type {SaveSnapshot} from '../backup/dashboard-saver.ts';
import type {KeyBrowserSource} from '../hooks/use-key-browser.ts';
import type {LogTailSource} from '../hooks/use-log-tail.ts';
import {useTerminalSize} from '../hooks/use-terminal-size.ts';
import type {MetricsRound} from '../metrics/etcd-metrics.ts';
import {App, type MemberActions} from './App.tsx';

export interface RootProps {
	service: SnapshotSource<ClusterSnapshot> & MemberActions;
	saveSnapshot: SaveSnapshot;
	snapshotDir: string;
	logSource: LogTailSource;
	logLines: number;
	metrics: SnapshotSource<MetricsRound> | undefined;
	keyBrowser: KeyBrowserSource;
	keyBrowsing: {prefix: string | undefined; separator: string};
	settings: Settings;
	initialSnapshot?: ClusterSnapshot;
}

/** Reads the terminal size once, at the top, and hands it down. */
export function Root({service, saveSnapshot, snapshotDir, logSource, logLines, metrics, keyBrowser, keyBrowsing, settings, initialSnapshot}: RootProps) {
	const {columns, rows} = useTerminalSize();
	return (
		<App
			source={service}
			actions={service}
			saveSnapshot={saveSnapshot}
			snapshotDir={snapshotDir}
			logSource={logSource}
			logLines={logLines}
			metrics={metrics}
			keyBrowser={keyBrowser}
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
