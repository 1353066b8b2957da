import type {CommandArgs, KeyLayer} from '../keymap/binding.ts';
import type {AppEvent, AppState} from './app-state.ts';
import type {RowFilter, RowFilterEvent} from '../../model/shared/row-filter.ts';
import {filterTypingLayer} from '../filter/filter-keymap.ts';
import {isPaneId} from './panes.ts';

export interface AppCommandsDeps {
	dispatch: (event: AppEvent) => void;
	/** The rows ↑ and ↓ move through: the focused pane's, as of now. */
	rowIds: () => readonly string[];
	refreshNow: () => void;
	quit: () => void;
	/**
	 * The global commands the features own: p and m (actions), s (snapshots), `:` (the command line),
	 * and what a pane's `:` command does besides showing it (`:keys PREFIX`). Each gets the `:` line's
	 * arguments, none for a key.
	 */
	features: Readonly<Record<string, (args: CommandArgs) => void>>;
}

/** The global keys: panes, selection, refresh, help, the action log, quit, and the features' global commands. */
export function globalLayer({dispatch, rowIds, refreshNow, quit, features}: AppCommandsDeps): KeyLayer {
	return {
		scope: 'global',
		run(command, args = {}) {
			if (isPaneId(command)) {
				dispatch({type: 'show-pane', pane: command});
				features[command]?.(args);
				return;
			}

			switch (command) {
				case 'next-pane':
				case 'previous-pane': {
					dispatch({type: 'cycle-pane', step: command === 'next-pane' ? 1 : -1});
					break;
				}

				case 'select-next':
				case 'select-previous': {
					dispatch({type: 'move-selection', step: command === 'select-next' ? 1 : -1, rowIds: rowIds()});
					break;
				}

				case 'refresh': {
					refreshNow();
					break;
				}

				case 'toggle-help':
				case 'toggle-action-log': {
					dispatch({type: command});
					break;
				}

				case 'quit': {
					quit();
					break;
				}

				default: {
					features[command]?.(args);
				}
			}
		},
	};
}

/** Help's keys: close it, scroll it. `maxOffset` is how far it scrolls at this size. */
export function helpLayer(dispatch: (event: AppEvent) => void, maxOffset: () => number): KeyLayer {
	return {
		scope: 'help',
		modal: true,
		run(command) {
			dispatch(command === 'close' ? {type: 'close-help'} : {type: 'scroll-help', step: command === 'help-down' ? 1 : -1, maxOffset: maxOffset()});
		},
	};
}

/**
 * The action log's keys: scroll it an entry at a time (up to `maxOffset`), filter it, close it (Esc
 * clears a kept filter first). While its filter is typed, that field takes every key.
 */
export function actionLogLayer(dispatch: (event: AppEvent) => void, filter: RowFilter, maxOffset: () => number): KeyLayer {
	const filtering = (event: RowFilterEvent) => dispatch({type: 'action-log-filter', event});
	if (filter.draft !== undefined) {
		return filterTypingLayer(filtering);
	}

	return {
		scope: 'action-log',
		modal: true,
		run(command) {
			if (command === 'action-log-newer' || command === 'action-log-older') {
				dispatch({type: 'scroll-action-log', step: command === 'action-log-older' ? 1 : -1, maxOffset: maxOffset()});
			} else if (command === 'action-log-filter') {
				filtering({type: 'open'});
			} else if (command === 'close' && filter.text !== '') {
				filtering({type: 'clear'});
			} else {
				dispatch({type: 'toggle-action-log'});
			}
		},
	};
}

/** Which dialog is open, the first of: a confirmation, the snapshot form, help, the action log. */
export function openDialog(state: AppState): 'confirm' | 'snapshot-form' | 'help' | 'action-log' | undefined {
	return state.dialog === undefined ? state.snapshotForm === undefined ? state.helpOpen ? 'help' : state.actionLogOpen ? 'action-log' : undefined : 'snapshot-form' : 'confirm';
}
