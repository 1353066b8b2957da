import type {Binding, KeyLayer} from '../keymap/binding.ts';
import type {KeyBrowserEvent, KeyBrowserState} from '../../model/keys/key-browser-state.ts';

export type KeysCommand =
	| 'keys-enter' | 'keys-up' | 'keys-prompt-open' | 'keys-previous' | 'keys-next' | 'keys-page-up' | 'keys-page-down'
	| 'keys-home' | 'keys-end' | 'keys-reload' | 'keys-prompt-apply' | 'keys-prompt-cancel' | 'keys-prompt-erase';

/** `keys`: the pane is shown; `keys-prompt`: the `/` line is being typed, and the pane takes every key. */
export const keysScopeTitles = {keys: 'In the Keys pane', 'keys-prompt': 'While typing a prefix or filter'} as const;

/** The Keys pane's keys. Any other printable key types into the `/` line. */
export const keysKeymap: ReadonlyArray<Binding<KeysCommand>> = [
	{command: 'keys-enter', chords: [{named: 'return'}], description: 'Descend, or open the key', scope: 'keys'},
	{command: 'keys-up', chords: [{named: 'backspace'}, {named: 'delete'}, {named: 'escape'}], description: 'Close / unfilter / go up', scope: 'keys'},
	{command: 'keys-prompt-open', chords: [{input: '/'}], description: 'Jump to prefix, or filter', scope: 'keys'},
	{command: 'keys-previous', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Previous row (or scroll)', scope: 'keys'},
	{command: 'keys-next', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Next row (or scroll)', scope: 'keys'},
	{command: 'keys-page-up', chords: [{named: 'pageUp'}], description: 'Up a page', scope: 'keys'},
	{command: 'keys-page-down', chords: [{named: 'pageDown'}], description: 'Down a page', scope: 'keys'},
	{command: 'keys-home', chords: [{named: 'home'}, {input: 'g'}], description: 'First row of the level', scope: 'keys'},
	{command: 'keys-end', chords: [{named: 'end'}, {input: 'G'}], description: 'Last row of the level', scope: 'keys'},
	{command: 'keys-reload', chords: [{input: 'r'}], description: 'Read the level again', scope: 'keys'},
	{command: 'keys-prompt-apply', chords: [{named: 'return'}], description: 'Go there (empty: all)', scope: 'keys-prompt'},
	{command: 'keys-prompt-cancel', chords: [{named: 'escape'}], description: 'Cancel', scope: 'keys-prompt'},
	{command: 'keys-prompt-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase a character', scope: 'keys-prompt'},
];

/** What paging and scrolling need to know of the screen: rows of the list, and how far the open value scrolls. */
export interface KeysViewport {
	listRows: number;
	valueRows: number;
	valueMaxOffset: number;
}

/** The reducer event for a command: with a key open, moving keys scroll its value. */
export function keysEventFor(command: KeysCommand, state: Pick<KeyBrowserState, 'open'>, view: KeysViewport): KeyBrowserEvent {
	const open = state.open !== undefined;
	const scroll = (step: number): KeyBrowserEvent => ({type: 'scroll-value', step, maxOffset: view.valueMaxOffset});
	const move = (step: number): KeyBrowserEvent => (open ? scroll(step) : {type: 'move', step, viewRows: view.listRows});
	switch (command) {
		case 'keys-enter': {
			return {type: 'enter'};
		}

		case 'keys-up': {
			return {type: 'up'};
		}

		case 'keys-prompt-open': {
			return {type: 'prompt-open'};
		}

		case 'keys-previous':
		case 'keys-next': {
			return move(command === 'keys-next' ? 1 : -1);
		}

		case 'keys-page-up':
		case 'keys-page-down': {
			const step = command === 'keys-page-down' ? 1 : -1;
			return open ? scroll(step * Math.max(1, view.valueRows)) : {type: 'move', step: step * Math.max(1, view.listRows), viewRows: view.listRows};
		}

		case 'keys-home': {
			return open ? scroll(-view.valueMaxOffset - 1) : {type: 'home'};
		}

		case 'keys-end': {
			return open ? scroll(view.valueMaxOffset + 1) : {type: 'end', viewRows: view.listRows};
		}

		case 'keys-reload': {
			return {type: 'reload'};
		}

		case 'keys-prompt-apply': {
			return {type: 'prompt-apply'};
		}

		case 'keys-prompt-cancel': {
			return {type: 'prompt-cancel'};
		}

		case 'keys-prompt-erase': {
			return {type: 'prompt-erase'};
		}
	}
}

/**
 * The Keys pane as the router asks it: its keys, or, while the `/` line is typed, that line's (which
 * takes every key). `read` gives the state now: several keys can arrive before the next render.
 */
export function keysKeyLayer(read: () => KeyBrowserState, dispatch: (event: KeyBrowserEvent) => void, viewport: (state: KeyBrowserState) => KeysViewport): KeyLayer<KeysCommand> {
	const run = (command: KeysCommand) => {
		const state = read();
		dispatch(keysEventFor(command, state, viewport(state)));
	};

	if (read().prompt === undefined) {
		return {scope: 'keys', run};
	}

	return {
		scope: 'keys-prompt',
		run,
		modal: true,
		type(text) {
			dispatch({type: 'prompt-type', text});
		},
	};
}
