import {useCallback, useEffect, useRef, useState} from 'react';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import {ReadingPoller, type ReadingSource} from '../cluster/reading-poller.ts';

export interface ClusterReadingState {
	/** The latest reading; undefined until the first refresh ends. */
	reading: ClusterReading | undefined;
	refreshNow: () => void;
}

/** Polls the source every `intervalMs` while mounted and hands each reading to React. */
export function useClusterReading(source: ReadingSource<ClusterReading>, intervalMs: number, initial?: ClusterReading): ClusterReadingState {
	const [reading, setReading] = useState<ClusterReading | undefined>(initial);
	const poller = useRef<ReadingPoller<ClusterReading> | undefined>(undefined);
	useEffect(() => {
		const current = new ReadingPoller(source, intervalMs, setReading);
		poller.current = current;
		// With a reading in hand the first poll waits one interval, like every later one.
		current.start(initial === undefined ? 0 : intervalMs);
		return () => {
			current.stop();
		};
		// `initial` only matters on mount.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [source, intervalMs]);
	const refreshNow = useCallback(() => {
		poller.current?.refreshNow();
	}, []);
	return {reading, refreshNow};
}
