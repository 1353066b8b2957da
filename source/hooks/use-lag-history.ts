import {useState} from 'react';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import {emptyLagHistory, recordLag, type LagHistory} from '../model/lag/lag-history.ts';

/**
 * Every reading the dashboard receives, recorded in a bounded lag history (readiness needs each
 * refresh). Recorded while rendering the reading, not in an effect after it: the lag column and the
 * readiness drawn from the history must come from the same refresh on every frame.
 */
export function useLagHistory(reading: ClusterReading | undefined): LagHistory {
	const [recorded, setRecorded] = useState(() => ({reading, history: reading === undefined ? emptyLagHistory : recordLag(emptyLagHistory, reading)}));
	if (reading === recorded.reading) {
		return recorded.history;
	}

	// React's pattern for state that follows a prop: set during render, and use the new value at once.
	const next = {reading, history: reading === undefined ? recorded.history : recordLag(recorded.history, reading)};
	setRecorded(next);
	return next.history;
}
