import {keyErrorEntry} from '../../model/actions/action-log.ts';
import type {ActionLog} from '../actions/use-action-log.ts';
import type {CommandContext, KeyLayer} from '../keymap/binding.ts';
import {routePress} from '../keymap/route-key.ts';
import {describeKeyPress, type KeyPress} from '../keymap/terminal-keys.ts';
import {useTerminalInput} from '../keymap/use-terminal-input.ts';
import type {AppEvent} from './app-state.ts';
import {keymap} from './keymap.ts';

export interface AppKeys {
	/** The layers to ask now, in order: an open dialog alone, a field being typed alone, else the snapshot job, the pane, the global keys. */
	layers: () => readonly KeyLayer[];
	context: () => CommandContext;
	dispatch: (event: AppEvent) => void;
	log: ActionLog;
}

/**
 * The dashboard's keyboard: every key goes through routeKey with the layers of the moment. A key that
 * is refused says why on the status line; a key whose handling throws is logged (a: action log), and
 * the next key is handled as usual.
 */
export function useAppKeys({layers, context, dispatch, log}: AppKeys): void {
	const onKey = (press: KeyPress) => {
		for (const outcome of routePress(press, layers, keymap, context)) {
			if (outcome.kind === 'refused') {
				dispatch({type: 'notice', text: outcome.reason});
			}
		}
	};

	const onKeyError = (error: unknown, press: KeyPress) => {
		dispatch({type: 'notice', text: `${log.record(keyErrorEntry(describeKeyPress(press), error, Date.now()))} (a: action log)`});
	};

	useTerminalInput(onKey, onKeyError);
}
