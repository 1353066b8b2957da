import type {ClusterService} from './cluster/cluster-service.ts';
import type {ClusterReading} from './cluster/cluster-reading.ts';
import type {Settings} from './config/settings.ts';
import {openDashboardSession, type DashboardOptions} from './dashboard-session.ts';
import type {DashboardView} from './load-dashboard-view.ts';
import {runFullScreen} from './run-full-screen.ts';

export async function runDashboard(service: ClusterService, settings: Settings, options: DashboardOptions, first: ClusterReading, view: Promise<DashboardView>): Promise<void> {
	const session = openDashboardSession(settings, options, process.env, first, service);
	const {renderDashboard} = await view;
	await runFullScreen(() => renderDashboard({
		services: session.services,
		snapshotDir: options.snapshotDir,
		logLines: options.logSettings.lines,
		keyBrowsing: options.keyBrowsing,
		settings,
		initialReading: first,
	}), session.close);
}
