import type {MaintenanceJobControls} from '../../hooks/use-maintenance-job.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {MaintenanceDialog, MaintenanceDialogEvent, DefragChoice} from './maintenance-dialog-state.ts';
import type {MaintenanceCommand} from './maintenance-keymap.ts';

export type MaintenanceLayer = KeyLayer<MaintenanceCommand>;

const toggles: Partial<Record<MaintenanceCommand, DefragChoice>> = {
	'maintenance-toggle-all': 'all',
	'maintenance-toggle-compact': 'compact',
	'maintenance-toggle-move-leader': 'moveLeader',
};

/** What the open confirmation's keys do. */
export interface MaintenanceDialogActions {
	dispatch: (event: MaintenanceDialogEvent) => void;
	confirm: () => void;
	close: () => void;
}

/** The open confirmation's keys, as of now: it takes every key (a compaction's revision is typed). */
export function maintenanceDialogLayer(open: MaintenanceDialog | undefined, {dispatch, confirm, close}: MaintenanceDialogActions): MaintenanceLayer | undefined {
	if (open === undefined) {
		return undefined;
	}

	return {
		scope: open.kind === 'compact' ? 'maintenance-typed' : 'maintenance-confirm',
		modal: true,
		run(command) {
			const choice = toggles[command];
			if (choice !== undefined) {
				dispatch({type: 'toggle', choice});
			} else if (command === 'maintenance-start') {
				confirm();
			} else if (command === 'maintenance-cancel') {
				close();
			} else if (command === 'maintenance-erase') {
				dispatch({type: 'erase'});
			}
		},
		...(open.kind === 'compact' ? {type: (text: string) => {
			dispatch({type: 'type', text});
		}} : {}),
	};
}

/** While a job runs or after: Esc cancels after the current member, or closes the finished job. */
export function maintenanceJobLayer(job: MaintenanceJobControls, notice: (text: string) => void): MaintenanceLayer | undefined {
	return job.job === undefined ? undefined : {
		scope: 'maintenance-job',
		run(command) {
			if (command !== 'maintenance-dismiss') {
				return;
			}

			if (job.running) {
				job.cancel();
				notice('stopping after the current member: a defragment under way is never cut');
			} else {
				job.dismiss();
			}
		},
	};
}
