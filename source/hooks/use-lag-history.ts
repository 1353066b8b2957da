import {useEffect, useReducer} from 'react';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import {emptyLagHistory, recordLag, type LagHistory} from '../model/lag-history.ts';

/** Every snapshot the dashboard receives, recorded in a bounded lag history (readiness needs each refresh). */
export function useLagHistory(snapshot: ClusterSnapshot | undefined): LagHistory {
	const [history, record] = useReducer((current: LagHistory, next: ClusterSnapshot) => recordLag(current, next), emptyLagHistory, initial => (snapshot === undefined ? initial : recordLag(initial, snapshot)));
	useEffect(() => {
		if (snapshot !== undefined) {
			record(snapshot);
		}
	}, [snapshot]);
	return history;
}
