import {useCallback, useEffect, useRef, useState} from 'react';
import type {MaintenanceEvent, MaintenanceJobs, MaintenanceRequest} from '../model/maintenance/maintenance-events.ts';
import {maintenanceJobReducer, startJob, type MaintenanceJobState} from '../model/maintenance/maintenance-job.ts';

export interface MaintenanceJobControls {
	/** The job running or last finished; undefined before the first and after dismiss(). */
	job: MaintenanceJobState | undefined;
	running: boolean;
	/** Starts a job; false (and nothing started) while another runs. */
	start: (request: MaintenanceRequest) => boolean;
	/** Stops the running job after the member in progress: a defragment under way is never cut. */
	cancel: () => void;
	/** Forgets a finished job. */
	dismiss: () => void;
}

/**
 * Runs one maintenance job at a time in the background, so the dashboard stays live (and shows each
 * member's Status falter while it defragments). Every event goes to `onEvent` as well: the App makes
 * action-log entries of the finished steps (logEntryOf). Unmounting stops the job after its member.
 */
export function useMaintenanceJob(jobs: MaintenanceJobs, onEvent?: (event: MaintenanceEvent) => void, now: () => number = Date.now): MaintenanceJobControls {
	const [job, setJob] = useState<MaintenanceJobState | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);
	const listener = useRef(onEvent);
	listener.current = onEvent;
	useEffect(
		() => () => {
			controller.current?.abort();
		},
		[],
	);

	const start = useCallback(
		(request: MaintenanceRequest) => {
			if (controller.current !== undefined) {
				return false;
			}

			const abort = new AbortController();
			controller.current = abort;
			setJob(startJob(request.kind, now()));
			const emit = (event: MaintenanceEvent) => {
				setJob(current => (current === undefined ? current : maintenanceJobReducer(current, {type: 'event', event})));
				listener.current?.(event);
			};

			jobs.run(request, emit, abort.signal).then(
				() => {
					controller.current = undefined;
				},
				(error: unknown) => {
					// run() never throws; should it, the job ends failed rather than hanging "running".
					controller.current = undefined;
					emit({type: 'done', at: now(), outcome: 'failed', message: error instanceof Error ? error.message : String(error)});
				},
			);
			return true;
		},
		[jobs, now],
	);
	const cancel = useCallback(() => {
		if (controller.current !== undefined) {
			controller.current.abort();
			setJob(current => (current === undefined ? current : maintenanceJobReducer(current, {type: 'cancel-requested'})));
		}
	}, []);
	const dismiss = useCallback(() => {
		setJob(current => (current?.outcome === undefined ? current : undefined));
	}, []);
	return {job, running: job !== undefined && job.outcome === undefined, start, cancel, dismiss};
}
