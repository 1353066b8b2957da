import {useCallback, useEffect, useRef, useState} from 'react';
import type {DrillSnapshot} from '../backup/dashboard-driller.ts';
import type {DrillResult} from '../backup/drill-result.ts';

export type DrillJob =
	| {phase: 'running'; file: string; step: string}
	| {phase: 'done'; file: string; result: DrillResult; cancelled: boolean};

export interface DrillJobControls {
	job: DrillJob | undefined;
	start: (file: string) => void;
	/** Stops a running drill; it still removes everything it made. */
	cancel: () => void;
	/** Forgets a finished drill. */
	dismiss: () => void;
}

/** Runs one drill at a time in the background, as useSnapshotJob runs saves. */
export function useDrillJob(drill: DrillSnapshot, onFinished: (job: Extract<DrillJob, {phase: 'done'}>) => void): DrillJobControls {
	const [job, setJob] = useState<DrillJob | undefined>(undefined);
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
		(file: string) => {
			if (controller.current !== undefined) {
				return;
			}

			const abort = new AbortController();
			controller.current = abort;
			setJob({phase: 'running', file, step: 'starting'});
			void drill(file, abort.signal, step => {
				setJob(current => (current?.phase === 'running' && current.file === file ? {...current, step} : current));
			}).then(result => {
				controller.current = undefined;
				const done = {phase: 'done' as const, file, result, cancelled: abort.signal.aborted};
				setJob(done);
				finished.current(done);
			});
		},
		[drill],
	);
	const cancel = useCallback(() => {
		controller.current?.abort();
	}, []);
	const dismiss = useCallback(() => {
		setJob(current => (current?.phase === 'running' ? current : undefined));
	}, []);
	return {job, start, cancel, dismiss};
}
