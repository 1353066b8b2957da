import {useState} from 'react';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import {emptyLagHistory, recordLag, type LagHistory} from '../model/lag-history.ts';

/**
 * Every snapshot the dashboard receives, recorded in a bounded lag history (readiness needs each
 * refresh). Recorded while rendering the snapshot, not in an effect after it: the lag column and the
 * readiness drawn from the history must come from the same refresh on every frame.
 */
export function useLagHistory(snapshot: ClusterSnapshot | undefined): LagHistory {
	const [recorded, setRecorded] = useState(() => ({snapshot, history: snapshot === undefined ? emptyLagHistory : recordLag(emptyLagHistory, snapshot)}));
	if (snapshot === recorded.snapshot) {
		return recorded.history;
	}

	// React's pattern for state that follows a prop: set during render, and use the new value at once.
	const next = {snapshot, history: snapshot === undefined ? recorded.history : recordLag(recorded.history, snapshot)};
	setRecorded(next);
	return next.history;
}
