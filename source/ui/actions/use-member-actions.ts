import type {MemberActionResult} from '../../cluster/member-action-result.ts';
import type {MemberActions} from '../../hooks/dashboard-services.ts';
import {cancelledEntry, entryFromResult} from '../../model/actions/action-log.ts';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import type {LagHistory} from '../../model/lag/lag-history.ts';
import {checkMoveLeader, checkPromote, type Confirmation} from '../../model/actions/member-action-checks.ts';
import type {AppEvent, AppState} from '../app/app-state.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {ActionLog} from './use-action-log.ts';
import type {ActionsCommand} from './actions-keymap.ts';

export interface MemberActionsDeps {
	actions: MemberActions;
	dispatch: (event: AppEvent) => void;
	/** What the checks read, as of now (several keys can arrive before a render). */
	latest: () => {summary: ClusterSummary | undefined; history: LagHistory; selectedId: string | undefined};
	log: ActionLog;
	refreshNow: () => void;
}

/** Promote and move-leader: checked on fresh data, confirmed by the operator, sent, logged, then a refresh. */
export function memberActionCommands({actions, dispatch, latest, log, refreshNow}: MemberActionsDeps) {
	const send = (confirmation: Confirmation) => {
		dispatch({type: 'dialog-pending', text: confirmation.action === 'promote' ? `promoting ${confirmation.target}…` : `moving leadership to ${confirmation.target}…`});
		const request = confirmation.action === 'promote' ? actions.promote(confirmation.targetId) : actions.moveLeader(confirmation.targetId);
		void request.then((result: MemberActionResult) => {
			dispatch({type: 'close-dialog', notice: log.record(entryFromResult(confirmation, result, Date.now()))});
			refreshNow();
		});
	};

	const ask = (kind: 'promote' | 'move-leader') => {
		const {summary, history, selectedId} = latest();
		const check = kind === 'promote' ? checkPromote(summary, history, selectedId) : checkMoveLeader(summary, selectedId);
		dispatch(check.allowed ? {type: 'open-dialog', confirmation: check.confirmation} : {type: 'notice', text: check.reason});
	};

	/** The confirmation dialog's keys: y sends (once), n or Esc changes nothing. */
	const confirmLayer = (state: AppState): KeyLayer<ActionsCommand> => ({
		scope: 'confirm',
		modal: true,
		run(command) {
			const dialog = state.dialog;
			if (dialog === undefined || dialog.pending !== undefined) {
				return;
			}

			if (command === 'confirm') {
				send(dialog.confirmation);
			} else if (command === 'cancel') {
				dispatch({type: 'close-dialog', notice: log.record(cancelledEntry(dialog.confirmation, Date.now()))});
			}
		},
	});

	return {ask, confirmLayer};
}
