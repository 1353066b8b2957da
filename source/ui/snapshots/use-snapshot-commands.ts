import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import type {DashboardServices} from '../../hooks/dashboard-services.ts';
import {useDrillJob} from '../../hooks/use-drill-job.ts';
import {useSnapshotJob, type SnapshotJob} from '../../hooks/use-snapshot-job.ts';
import {drillEntry, snapshotSaveEntry} from '../../model/actions/action-log.ts';
import {lacksRootRole, rootRoleNeeded} from '../../model/cluster/root-role.ts';
import {defaultSnapshotPath} from '../../model/snapshots/snapshot-files.ts';
import {snapshotMemberOf, snapshotSourceChoices} from '../../model/snapshots/snapshot-source.ts';
import type {AppEvent, AppState} from '../app/app-state.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {ActionLog} from '../actions/use-action-log.ts';
import {isPathText, openSnapshotForm} from './snapshot-dialog-state.ts';
import type {SnapshotsCommand} from './snapshots-keymap.ts';

export interface SnapshotCommandsDeps {
	services: Pick<DashboardServices, 'saveSnapshot' | 'drillSnapshot'>;
	/** Where `s` proposes to put snapshots. */
	snapshotDir: string;
	dispatch: (event: AppEvent) => void;
	currentState: () => AppState;
	/** The latest reading, as of now. */
	reading: () => ClusterReading | undefined;
	log: ActionLog;
}

/**
 * `s`: the form (a path and the member to stream from), the save it starts, the verification after,
 * and the drill `d` runs on the saved file; each finished job goes to the action log.
 */
export function useSnapshotCommands({services, snapshotDir, dispatch, currentState, reading, log}: SnapshotCommandsDeps) {
	const job = useSnapshotJob(services.saveSnapshot, (finished: SnapshotJob) => {
		if (finished.phase !== 'running') {
			const outcome = finished.phase === 'done' ? {saved: finished.saved} : {message: finished.message, cancelled: finished.cancelled};
			dispatch({type: 'notice', text: log.record(snapshotSaveEntry({target: finished.target, member: finished.member, outcome}, Date.now()))});
		}
	});
	const drill = useDrillJob(services.drillSnapshot, finished => {
		dispatch({type: 'notice', text: log.record(drillEntry(finished, Date.now()))});
	});

	const showForm = () => {
		if (job.job?.phase === 'running') {
			dispatch({type: 'notice', text: 'A snapshot is already being saved: Esc cancels it'});
			return;
		}

		const current = reading();
		if (current === undefined) {
			dispatch({type: 'notice', text: 'No snapshot yet: wait for the first refresh'});
			return;
		}

		if (lacksRootRole(current.probes)) {
			dispatch({type: 'notice', text: `A snapshot ${rootRoleNeeded}`});
			return;
		}

		job.dismiss();
		drill.dismiss();
		dispatch({type: 'open-snapshot-form', form: openSnapshotForm(defaultSnapshotPath(snapshotDir, current.clusterId, Date.now()), snapshotSourceChoices(current))});
	};

	const save = () => {
		const form = currentState().snapshotForm;
		const clusterId = reading()?.clusterId;
		const choice = form?.choices[form.chosen];
		const member = choice === undefined ? undefined : snapshotMemberOf(choice);
		if (form === undefined || choice === undefined || member === undefined || clusterId === undefined) {
			dispatch({type: 'snapshot-form', event: {type: 'problem', text: choice?.unavailableReason === undefined ? 'No member can serve a snapshot now' : `${choice.name} cannot: ${choice.unavailableReason}`}});
			return;
		}

		if (form.path.trim() === '') {
			dispatch({type: 'snapshot-form', event: {type: 'problem', text: 'Type the path to save the snapshot to'}});
			return;
		}

		dispatch({type: 'close-snapshot-form'});
		job.start(form.path.trim(), member, clusterId);
	};

	/** The form's keys; it takes every key, and text that is no key edits the path. */
	const formLayer: KeyLayer<SnapshotsCommand> = {
		scope: 'snapshot-form',
		modal: true,
		run(command) {
			const events = {
				'select-previous': {type: 'choose', step: -1},
				'select-next': {type: 'choose', step: 1},
				'snapshot-erase': {type: 'erase'},
				'snapshot-clear-path': {type: 'clear'},
			} as const;
			if (command === 'snapshot-save') {
				save();
			} else if (command === 'cancel') {
				dispatch({type: 'close-snapshot-form'});
			} else if (command in events) {
				dispatch({type: 'snapshot-form', event: events[command as keyof typeof events]});
			}
		},
		type(text) {
			if (isPathText(text)) {
				dispatch({type: 'snapshot-form', event: {type: 'type', text}});
			}
		},
	};

	/** While a save runs or after it: Esc cancels it (or the drill), or closes it; d drills the saved file. */
	const jobLayer: KeyLayer<SnapshotsCommand> | undefined = job.job === undefined ? undefined : {
		scope: 'snapshot-job',
		run(command) {
			if (command === 'snapshot-dismiss') {
				if (drill.job?.phase === 'running') {
					drill.cancel();
				} else if (job.job?.phase === 'running') {
					job.cancel();
				} else {
					drill.dismiss();
					job.dismiss();
				}
			} else if (command === 'snapshot-drill') {
				const saved = job.job;
				if (saved?.phase !== 'done') {
					dispatch({type: 'notice', text: saved?.phase === 'running' ? 'The drill needs the saved snapshot: wait until it is verified' : 'No saved snapshot to drill'});
				} else if (drill.job?.phase === 'running') {
					dispatch({type: 'notice', text: 'A drill is already running: Esc cancels it'});
				} else {
					drill.start(saved.saved.path);
				}
			}
		},
	};

	return {job: job.job, drill: drill.job, showForm, formLayer, jobLayer};
}
