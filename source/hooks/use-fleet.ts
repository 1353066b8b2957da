import {useCallback, useEffect, useState} from 'react';
import type {ContextReading} from '../cluster/fleet-reading.ts';

/** What the fleet view polls: the fleet poller (source/cluster/fleet-poller.ts), or a fixture in tests. */
export interface FleetSource {
	readings(): ContextReading[];
	subscribe(listener: (readings: ContextReading[]) => void): () => void;
	start(): void;
	stop(): void;
	refreshNow(name?: string): void;
}

export interface FleetState {
	readings: ContextReading[];
	/** When the readings last changed: the answers' ages are measured from it. */
	changedAt: number;
	refreshNow: (name?: string) => void;
}

/**
 * Polls the fleet while mounted (a dashboard opened from it unmounts it, so fifty clusters are not
 * polled behind one) and hands the readings to React. The readings outlive the view: coming back
 * shows the last ones at once, and their refresh starts again.
 */
export function useFleet(source: FleetSource): FleetState {
	const [state, setState] = useState(() => ({readings: source.readings(), changedAt: Date.now()}));
	useEffect(() => {
		const unsubscribe = source.subscribe(readings => {
			setState({readings, changedAt: Date.now()});
		});
		source.start();
		return () => {
			unsubscribe();
			source.stop();
		};
	}, [source]);
	const refreshNow = useCallback((name?: string) => {
		source.refreshNow(name);
	}, [source]);
	return {...state, refreshNow};
}
