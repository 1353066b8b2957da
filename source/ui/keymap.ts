import type {Key} from 'ink';

export type PaneId = 'members' | 'endpoints' | 'lag' | 'logs' | 'keys';

export type Action =
	| {type: 'show-pane'; pane: PaneId}
	| {type: 'next-pane'}
	| {type: 'previous-pane'}
	| {type: 'select-previous'}
	| {type: 'select-next'}
	| {type: 'refresh'}
	| {type: 'toggle-help'}
	| {type: 'close'}
	| {type: 'scroll-help'; step: 1 | -1}
	| {type: 'quit'};

/** One key as Ink reports it: a printable input, or one of Ink's named keys. */
export interface KeyChord {
	input?: string;
	named?: 'tab' | 'upArrow' | 'downArrow' | 'escape' | 'return';
	shift?: boolean;
	ctrl?: boolean;
}

/** Where a binding applies: everywhere, or only while the help overlay is open. */
export type KeyScope = 'global' | 'help';

export const scopeTitles: Record<KeyScope, string> = {global: 'Everywhere', help: 'In this help'};

export interface KeyBinding {
	action: Action;
	chords: KeyChord[];
	/** How help shows the keys. */
	keys: string;
	description: string;
	scope: KeyScope;
}

export const panes: ReadonlyArray<{id: PaneId; number: string; title: string}> = [
	{id: 'members', number: '1', title: 'Members'},
	{id: 'endpoints', number: '2', title: 'Endpoints'},
	{id: 'lag', number: '3', title: 'Lag'},
	{id: 'logs', number: '4', title: 'Logs'},
	{id: 'keys', number: '5', title: 'Keys'},
];

/** The one keymap: input routing and the help overlay both read it, so they cannot disagree. */
export const keymap: readonly KeyBinding[] = [
	...panes.map((pane): KeyBinding => ({
		action: {type: 'show-pane', pane: pane.id},
		chords: [{input: pane.number}],
		keys: pane.number,
		description: `${pane.title} pane`,
		scope: 'global',
	})),
	{action: {type: 'next-pane'}, chords: [{named: 'tab'}], keys: 'Tab', description: 'Next pane', scope: 'global'},
	{action: {type: 'previous-pane'}, chords: [{named: 'tab', shift: true}], keys: 'Shift-Tab', description: 'Previous pane', scope: 'global'},
	{action: {type: 'select-previous'}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Select the previous member', scope: 'global'},
	{action: {type: 'select-next'}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Select the next member', scope: 'global'},
	{action: {type: 'refresh'}, chords: [{input: 'r'}], keys: 'r', description: 'Refresh now', scope: 'global'},
	{action: {type: 'toggle-help'}, chords: [{input: '?'}], keys: '?', description: 'Open this help', scope: 'global'},
	{action: {type: 'quit'}, chords: [{input: 'q'}, {input: 'c', ctrl: true}], keys: 'q Ctrl-C', description: 'Quit', scope: 'global'},
	{action: {type: 'close'}, chords: [{named: 'escape'}, {input: '?'}, {input: 'q'}], keys: 'Esc ? q', description: 'Close help', scope: 'help'},
	{action: {type: 'scroll-help', step: -1}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Scroll help up', scope: 'help'},
	{action: {type: 'scroll-help', step: 1}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Scroll help down', scope: 'help'},
];

function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
	if (Boolean(chord.ctrl) !== key.ctrl) {
		return false;
	}

	if (chord.named !== undefined) {
		return key[chord.named] && Boolean(chord.shift) === key.shift;
	}

	return chord.input === input;
}

/** The action bound to a key press in a scope, if any. */
export function actionFor(scope: KeyScope, input: string, key: Key): Action | undefined {
	return keymap.find(binding => binding.scope === scope && binding.chords.some(chord => chordMatches(chord, input, key)))?.action;
}
