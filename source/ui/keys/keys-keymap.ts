import type {Key} from 'ink';
import {chordMatches, type KeyChord, type NamedKey} from '../keymap/key-chord.ts';
import type {KeyBrowserEvent, KeyBrowserState} from '../../model/keys/key-browser-state.ts';

/** Ink's named keys the pane uses. */
export type KeysKeyName = NamedKey;

/** One key as Ink reports it (the app's chord type). */
export type KeysKeyChord = KeyChord;

/** `keys`: the pane is shown; `keys-prompt`: the `/` line is being typed, and the pane takes every key. */
export type KeysKeyScope = 'keys' | 'keys-prompt';

export const keysKeyScopeTitles: Record<KeysKeyScope, string> = {keys: 'In the Keys pane', 'keys-prompt': 'While typing a prefix or filter'};

/** What a key asks of the pane; turned into a reducer event by {@link keysEventFor}. */
export type KeysCommand =
	| {type: 'keys-enter'}
	| {type: 'keys-up'}
	| {type: 'keys-prompt-open'}
	| {type: 'keys-move'; step: 1 | -1}
	| {type: 'keys-page'; step: 1 | -1}
	| {type: 'keys-home'}
	| {type: 'keys-end'}
	| {type: 'keys-reload'}
	| {type: 'keys-prompt-apply'}
	| {type: 'keys-prompt-cancel'}
	| {type: 'keys-prompt-erase'};

/** A binding in the shape of keymap.ts's KeyBinding, so the app can merge it into the one keymap and the help. */
export interface KeysKeyBinding {
	action: KeysCommand;
	chords: KeysKeyChord[];
	/** How help shows the keys. */
	keys: string;
	description: string;
	scope: KeysKeyScope;
}

/** The Keys pane's keys: routing and help both read this table. Any other printable key types into the `/` line. */
export const keysKeymap: readonly KeysKeyBinding[] = [
	{action: {type: 'keys-enter'}, chords: [{named: 'return'}], keys: 'Enter', description: 'Descend, or open the key', scope: 'keys'},
	{action: {type: 'keys-up'}, chords: [{named: 'backspace'}, {named: 'delete'}, {named: 'escape'}], keys: 'Backspace Esc', description: 'Close / unfilter / go up', scope: 'keys'},
	{action: {type: 'keys-prompt-open'}, chords: [{input: '/'}], keys: '/', description: 'Jump to prefix, or filter', scope: 'keys'},
	{action: {type: 'keys-move', step: -1}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Previous row (or scroll)', scope: 'keys'},
	{action: {type: 'keys-move', step: 1}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Next row (or scroll)', scope: 'keys'},
	{action: {type: 'keys-page', step: -1}, chords: [{named: 'pageUp'}], keys: 'PgUp', description: 'Up a page', scope: 'keys'},
	{action: {type: 'keys-page', step: 1}, chords: [{named: 'pageDown'}], keys: 'PgDn', description: 'Down a page', scope: 'keys'},
	{action: {type: 'keys-home'}, chords: [{named: 'home'}, {input: 'g'}], keys: 'Home g', description: 'First row of the level', scope: 'keys'},
	{action: {type: 'keys-end'}, chords: [{named: 'end'}, {input: 'G'}], keys: 'End G', description: 'Last row of the level', scope: 'keys'},
	{action: {type: 'keys-reload'}, chords: [{input: 'r'}], keys: 'r', description: 'Read the level again', scope: 'keys'},
	{action: {type: 'keys-prompt-apply'}, chords: [{named: 'return'}], keys: 'Enter', description: 'Go there (empty: all)', scope: 'keys-prompt'},
	{action: {type: 'keys-prompt-cancel'}, chords: [{named: 'escape'}], keys: 'Esc', description: 'Cancel', scope: 'keys-prompt'},
	{action: {type: 'keys-prompt-erase'}, chords: [{named: 'backspace'}, {named: 'delete'}], keys: 'Backspace', description: 'Erase a character', scope: 'keys-prompt'},
];

/** The scope the pane's keys are in now. */
export function keysKeyScope(state: Pick<KeyBrowserState, 'prompt'>): KeysKeyScope {
	return state.prompt === undefined ? 'keys' : 'keys-prompt';
}

/** Whether the pane takes every key before the app's keymap: while the `/` line is typed, `q` is text. */
export function keysPaneTakesAllKeys(state: Pick<KeyBrowserState, 'prompt'>): boolean {
	return state.prompt !== undefined;
}

export function keysCommandFor(scope: KeysKeyScope, input: string, key: Key): KeysCommand | undefined {
	return keysKeymap.find(binding => binding.scope === scope && binding.chords.some(chord => chordMatches(chord, input, key)))?.action;
}

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
	switch (command.type) {
		case 'keys-enter': {
			return {type: 'enter'};
		}

		case 'keys-up': {
			return {type: 'up'};
		}

		case 'keys-prompt-open': {
			return {type: 'prompt-open'};
		}

		case 'keys-move': {
			return open ? scroll(command.step) : {type: 'move', step: command.step, viewRows: view.listRows};
		}

		case 'keys-page': {
			return open ? scroll(command.step * Math.max(1, view.valueRows)) : {type: 'move', step: command.step * Math.max(1, view.listRows), viewRows: view.listRows};
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
 * The event for a key pressed while the Keys pane is shown, or undefined when the key is not the
 * pane's (the app's keymap handles it then).
 */
export function keysKeyEvent(state: Pick<KeyBrowserState, 'prompt' | 'open'>, input: string, key: Key, view: KeysViewport): KeyBrowserEvent | undefined {
	const scope = keysKeyScope(state);
	const command = keysCommandFor(scope, input, key);
	if (command !== undefined) {
		return keysEventFor(command, state, view);
	}

	if (scope === 'keys-prompt' && input !== '' && !key.ctrl && !key.meta) {
		return {type: 'prompt-type', text: input};
	}

	return undefined;
}
