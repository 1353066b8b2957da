import React, {useCallback, useMemo, useState, type ReactNode} from 'react';
import type {FleetSource} from '../../hooks/use-fleet.ts';
import type {FleetContext} from '../../model/fleet/fleet-row.ts';
import {FleetApp} from './FleetApp.tsx';

/** How a cluster's dashboard moves between contexts: back to the fleet, or straight to another context. */
export interface ContextNavigation {
	/** Esc or `:fleet`: the fleet view, with this context selected. */
	toFleet: () => void;
	/** `:ctx NAME`: that context's dashboard; what is wrong (no such context) when it cannot. */
	switchTo: (name: string) => string | undefined;
	/** The contexts there are, for completing `:ctx`. */
	contextNames: readonly string[];
}

export interface ContextDeckProps {
	fleet: FleetSource;
	/** The contexts in the config file's order. */
	contexts: readonly FleetContext[];
	configFile: string;
	/** Selected in the fleet at first: the config file's current-context. */
	currentContext?: string;
	columns: number;
	rows: number;
	/** One context's dashboard; mounted afresh for each context (its services are that context's alone). */
	renderCluster: (name: string, navigation: ContextNavigation) => ReactNode;
	onQuit: () => void;
}

type Shown = {view: 'fleet'; selected: string | undefined} | {view: 'cluster'; name: string};

/**
 * The fleet and one cluster at a time: Enter on a fleet row opens that context's dashboard, which goes
 * back (Esc, `:fleet`) to the fleet with its row selected, or to another context (`:ctx NAME`). Only
 * what is shown is polled: the fleet stops while a dashboard is open, and a dashboard's services end
 * when it is left.
 */
export function ContextDeck({fleet, contexts, configFile, currentContext, columns, rows, renderCluster, onQuit}: ContextDeckProps) {
	const [shown, setShown] = useState<Shown>({view: 'fleet', selected: currentContext});
	const contextNames = useMemo(() => contexts.map(context => context.name), [contexts]);
	const open = useCallback((name: string) => {
		setShown({view: 'cluster', name});
	}, []);
	const switchTo = useCallback((name: string) => {
		if (!contextNames.includes(name)) {
			return `no context is named "${name}" (there are ${contextNames.join(', ')})`;
		}

		setShown({view: 'cluster', name});
		return undefined;
	}, [contextNames]);

	if (shown.view === 'fleet') {
		return <FleetApp source={fleet} contexts={contexts} configFile={configFile} initialSelected={shown.selected} columns={columns} rows={rows} onOpen={open} onQuit={onQuit} />;
	}

	const {name} = shown;
	const navigation: ContextNavigation = {
		toFleet: () => {
			setShown({view: 'fleet', selected: name});
		},
		switchTo,
		contextNames,
	};
	return <React.Fragment key={name}>{renderCluster(name, navigation)}</React.Fragment>;
}
