import {ClusterService} from './cluster/cluster-service.ts';
import {fleetDeadlineMs} from './cluster/fleet-member.ts';
import {FleetPoller} from './cluster/fleet-poller.ts';
import type {EtcdeckConfig} from './config/contexts/context-spec.ts';
import {openDashboardSession} from './dashboard-session.ts';
import type {DeckContext} from './fleet-view.tsx';
import type {DashboardView} from './load-dashboard-view.ts';
import {runFullScreen} from './run-full-screen.ts';

/**
 * The fleet view and the dashboards opened from it, in one screen: every context polled by the fleet
 * poller while the fleet is shown, one context's dashboard (with its own connections) while it is open.
 */
export async function runFleet(contexts: readonly DeckContext[], config: EtcdeckConfig, view: Promise<DashboardView>): Promise<void> {
	const services = contexts.map(({opened}) => new ClusterService(opened.settings.connection));
	const fleet = new FleetPoller(contexts.map(({opened}, index) => ({
		name: opened.context.name,
		source: services[index]!,
		refreshMs: opened.settings.refreshMs,
		deadlineMs: fleetDeadlineMs(opened.settings.connection.timeoutMs),
	})));
	const {renderContextDeck} = await view;
	await runFullScreen(() => renderContextDeck({
		fleet,
		contexts,
		configFile: config.file,
		currentContext: config.currentContext,
		openSession: context => openDashboardSession(context.opened.settings, context.options, process.env),
	}), () => {
		fleet.stop();
		for (const service of services) {
			service.close();
		}
	});
}
