import {useCallback, useEffect, useRef, useState} from 'react';
import {SnapshotPoller, type SnapshotSource} from '../cluster/snapshot-poller.ts';
import type {MetricsRound} from '../metrics/etcd-metrics.ts';
import {advanceHealth, defaultHealthOptions, type HealthState} from '../model/health.ts';

export interface HealthHookState {
	/** Health after the latest round of scrapes; undefined until the first round ends. */
	health: HealthState | undefined;
	refreshNow: () => void;
}

/**
 * Scrapes every `intervalMs` while mounted (a round never overlaps the previous one) and folds each
 * round into the health state. Without a source (metrics switched off) it stays undefined.
 */
export function useHealth(source: SnapshotSource<MetricsRound> | undefined, intervalMs: number, quotaBytes?: number): HealthHookState {
	const [health, setHealth] = useState<HealthState | undefined>(undefined);
	const poller = useRef<SnapshotPoller<MetricsRound> | undefined>(undefined);
	useEffect(() => {
		if (source === undefined) {
			return undefined;
		}

		const current = new SnapshotPoller(source, intervalMs, round => {
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
