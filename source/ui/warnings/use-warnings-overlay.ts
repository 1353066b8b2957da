import {useSyncReducer} from '../../hooks/use-sync-reducer.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {WarningsCommand} from './warnings-keymap.ts';

interface OverlayState {
	open: boolean;
	offset: number;
}

type OverlayEvent = {type: 'open'} | {type: 'close'} | {type: 'scroll'; step: number; maxOffset: number};

function overlayReducer(state: OverlayState, event: OverlayEvent): OverlayState {
	switch (event.type) {
		case 'open': {
			return {open: true, offset: 0};
		}

		case 'close': {
			return {...state, open: false};
		}

		case 'scroll': {
			return {...state, offset: Math.min(event.maxOffset, Math.max(0, state.offset + event.step))};
		}
	}
}

/** The `!` list: open or not, how far it is scrolled, and its keys while open (it takes every key). */
export function useWarningsOverlay(view: () => {maxOffset: number; pageRows: number}) {
	const [state, dispatch, read] = useSyncReducer(overlayReducer, {open: false, offset: 0});
	const layer = (): KeyLayer<WarningsCommand> | undefined => (read().open ? {
		scope: 'warnings',
		modal: true,
		run(command) {
			const {maxOffset, pageRows} = view();
			const steps: Partial<Record<WarningsCommand, number>> = {'warnings-up': -1, 'warnings-down': 1, 'warnings-page-up': -Math.max(1, pageRows), 'warnings-page-down': Math.max(1, pageRows)};
			const step = steps[command];
			dispatch(step === undefined ? {type: 'close'} : {type: 'scroll', step, maxOffset});
		},
	} : undefined);
	return {state, layer, show: () => dispatch({type: 'open'})};
}
