import {useState} from 'react';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import {emptyDbUsageHistory, recordDbUsage, type DbUsageHistory} from '../model/maintenance/db-usage.ts';

/**
 * Every reading the dashboard receives, recorded in a bounded DB-size history (the growth rate since
 * etcdeck started and the fast-growth test read it). Recorded while rendering, as useLagHistory does,
 * so the sizes and the rates drawn on one frame come from the same refresh.
 */
export function useDbUsageHistory(reading: ClusterReading | undefined): DbUsageHistory {
	const [recorded, setRecorded] = useState(() => ({reading, history: reading === undefined ? emptyDbUsageHistory : recordDbUsage(emptyDbUsageHistory, reading)}));
	if (reading === recorded.reading) {
		return recorded.history;
	}

	const next = {reading, history: reading === undefined ? recorded.history : recordDbUsage(recorded.history, reading)};
	setRecorded(next);
	return next.history;
}
