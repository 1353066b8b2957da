import {useCallback, useEffect, useRef, useState} from 'react';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import {SnapshotPoller, type SnapshotSource} from '../cluster/snapshot-poller.ts';

export interface ClusterSnapshotState {
	/** The latest snapshot; undefined until the first refresh ends. */
	snapshot: ClusterSnapshot | undefined;
	refreshNow: () => void;
}

/** Polls the source every `intervalMs` while mounted and hands each snapshot to React. */
export function useClusterSnapshot(source: SnapshotSource<ClusterSnapshot>, intervalMs: number, initial?: ClusterSnapshot): ClusterSnapshotState {
	const [snapshot, setSnapshot] = useState<ClusterSnapshot | undefined>(initial);
	const poller = useRef<SnapshotPoller<ClusterSnapshot> | undefined>(undefined);
	useEffect(() => {
		const current = new SnapshotPoller(source, intervalMs, setSnapshot);
		poller.current = current;
		// With a snapshot in hand the first poll waits one interval, like every later one.
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
	return {snapshot, refreshNow};
}
