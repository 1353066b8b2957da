import {useCallback, useEffect, useRef, useState} from 'react';
import {ReadingPoller, type ReadingSource} from '../cluster/reading-poller.ts';
import type {MetricsRound} from '../metrics/etcd-metrics.ts';
import {advanceHealth, defaultHealthOptions, type HealthState} from '../model/health/health.ts';

export interface HealthHookState {
	/** Health after the latest round of scrapes; undefined until the first round ends. */
	health: HealthState | undefined;
	refreshNow: () => void;
}

/**
 * Scrapes every `intervalMs` while mounted (a round never overlaps the previous one) and folds each
 * round into the health state. Without a source (metrics switched off) it stays undefined.
 */
export function useHealth(source: ReadingSource<MetricsRound> | undefined, intervalMs: number, quotaBytes?: number): HealthHookState {
	const [health, setHealth] = useState<HealthState | undefined>(undefined);
	const poller = useRef<ReadingPoller<MetricsRound> | undefined>(undefined);
	useEffect(() => {
		if (source === undefined) {
			return undefined;
		}

		const current = new ReadingPoller(source, intervalMs, round => {
			setHealth(previous => advanceHealth(previous, round, {...defaultHealthOptions, quotaBytes}));
		});
		poller.current = current;
		current.start(0);
		return () => {
			current.stop();
		};
	}, [source, intervalMs, quotaBytes]);
	const refreshNow = useCallback(() => {
		poller.current?.refreshNow();
	}, []);
	return {health, refreshNow};
}
