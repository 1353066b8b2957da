import {useCallback, useEffect, useRef, useState} from 'react';
import type {SaveSnapshot, SnapshotSaved} from '../backup/dashboard-saver.ts';
import type {SnapshotMemberRef} from '../backup/manifest.ts';
import type {SnapshotProgress} from '../backup/save-progress.ts';

export type SnapshotJob =
	| {phase: 'running'; target: string; member: SnapshotMemberRef; progress: SnapshotProgress | undefined}
	| {phase: 'done'; target: string; member: SnapshotMemberRef; saved: SnapshotSaved}
	| {phase: 'failed'; target: string; member: SnapshotMemberRef; message: string; cancelled: boolean};

export interface SnapshotJobControls {
	job: SnapshotJob | undefined;
	start: (target: string, member: SnapshotMemberRef, clusterId: string) => void;
	/** Cancels a running save; nothing is left at the target. */
	cancel: () => void;
	/** Forgets a finished job. */
	dismiss: () => void;
}

/** Runs one snapshot save at a time in the background, so the dashboard stays live while it streams. */
export function useSnapshotJob(save: SaveSnapshot, onFinished: (job: SnapshotJob) => void): SnapshotJobControls {
	const [job, setJob] = useState<SnapshotJob | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);
	const finished = useRef(onFinished);
	finished.current = onFinished;
	useEffect(
		() => () => {
			controller.current?.abort();
		},
		[],
	);

	const start = useCallback(
		(target: string, member: SnapshotMemberRef, clusterId: string) => {
			if (controller.current !== undefined) {
				return;
			}

			const abort = new AbortController();
			controller.current = abort;
			setJob({phase: 'running', target, member, progress: undefined});
			const end = (next: SnapshotJob) => {
				controller.current = undefined;
				setJob(next);
				finished.current(next);
			};

			save({
				target,
				member,
				clusterId,
				signal: abort.signal,
				onProgress(progress) {
					setJob(current => (current?.phase === 'running' && current.target === target ? {...current, progress} : current));
				},
			}).then(
				saved => {
					end({phase: 'done', target, member, saved});
				},
				(error: unknown) => {
					end({phase: 'failed', target, member, message: error instanceof Error ? error.message : String(error), cancelled: abort.signal.aborted});
				},
			);
		},
		[save],
	);
	const cancel = useCallback(() => {
		controller.current?.abort();
	}, []);
	const dismiss = useCallback(() => {
		setJob(current => (current?.phase === 'running' ? current : undefined));
	}, []);
	return {job, start, cancel, dismiss};
}
