import React, {useEffect, useState} from 'react';
import {render, useApp, type Instance} from 'ink';
import type {FleetPoller} from './cluster/fleet-poller.ts';
import type {OpenedContext} from './config/contexts/open-context.ts';
import type {DashboardOptions, DashboardSession} from './dashboard-session.ts';
import {useTerminalSize} from './hooks/use-terminal-size.ts';
import {Root} from './ui/app/Root.tsx';
import {ContextDeck, type ContextNavigation} from './ui/fleet/ContextDeck.tsx';

/** One context of the fleet as the deck opens it: its settings, its dashboard's options, and how to make its services. */
export interface DeckContext {
	opened: OpenedContext;
	options: DashboardOptions;
}

export interface ContextDeckRun {
	fleet: FleetPoller;
	contexts: readonly DeckContext[];
	configFile: string;
	currentContext: string | undefined;
	/** The services of one context's dashboard, made when it opens and closed when it is left. */
	openSession: (context: DeckContext) => DashboardSession;
}

/** A context's dashboard for as long as it is shown: its services start with it and end with it. */
function ClusterSession({context, navigation, openSession}: {context: DeckContext; navigation: ContextNavigation; openSession: ContextDeckRun['openSession']}) {
	const [session] = useState(() => openSession(context));
	useEffect(() => () => {
		session.close();
	}, [session]);
	const {settings} = context.opened;
	const {options} = context;
	return (
		<Root
			services={session.services}
			snapshotDir={options.snapshotDir}
			logLines={options.logSettings.lines}
			keyBrowsing={options.keyBrowsing}
			settings={settings}
			context={{name: context.opened.context.name, navigation}}
		/>
	);
}

function DeckScreen({fleet, contexts, configFile, currentContext, openSession}: ContextDeckRun) {
	const {columns, rows} = useTerminalSize();
	const {exit} = useApp();
	const byName = new Map(contexts.map(context => [context.opened.context.name, context]));
	return (
		<ContextDeck
			fleet={fleet}
			contexts={contexts.map(({opened}) => ({name: opened.context.name, readOnly: opened.settings.readOnly, quotaBytes: opened.settings.quotaBytes}))}
			configFile={configFile}
			currentContext={currentContext}
			columns={columns}
			rows={rows}
			renderCluster={(name, navigation) => <ClusterSession context={byName.get(name)!} navigation={navigation} openSession={openSession} />}
			onQuit={exit}
		/>
	);
}

/** Draws the fleet and the dashboards opened from it, full screen (the CLI switches to the alternate screen around it). */
export function renderContextDeck(run: ContextDeckRun): Instance {
	return render(<DeckScreen {...run} />, {exitOnCtrlC: false, patchConsole: true, maxFps: 120});
}
