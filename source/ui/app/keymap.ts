import type {Key} from 'ink';
import {chordMatches, type KeyChord} from '../keymap/key-chord.ts';
import {keysKeymap, keysKeyScopeTitles, type KeysCommand, type KeysKeyScope} from '../keys/keys-keymap.ts';
import {logsKeymap, logsKeyScopeTitles, type LogsCommand, type LogsKeyScope} from '../logs/logs-keymap.ts';

export type PaneId = 'members' | 'endpoints' | 'lag' | 'logs' | 'keys' | 'health';

export type Action =
	| {type: 'show-pane'; pane: PaneId}
	| {type: 'next-pane'}
	| {type: 'previous-pane'}
	| {type: 'select-previous'}
	| {type: 'select-next'}
	| {type: 'refresh'}
	| {type: 'promote'}
	| {type: 'move-leader'}
	| {type: 'toggle-action-log'}
	| {type: 'snapshot'}
	| {type: 'snapshot-save'}
	| {type: 'snapshot-erase'}
	| {type: 'snapshot-clear-path'}
	| {type: 'snapshot-dismiss'}
	| {type: 'snapshot-drill'}
	| {type: 'toggle-lag-chart'}
	| {type: 'confirm'}
	| {type: 'cancel'}
	| {type: 'toggle-help'}
	| {type: 'close'}
	| {type: 'scroll-help'; step: 1 | -1}
	| {type: 'logs'; command: LogsCommand}
	| {type: 'keys'; command: KeysCommand}
	| {type: 'quit'};

export type {KeyChord} from '../keymap/key-chord.ts';

/**
 * Where a binding applies: everywhere, in one pane, or while a dialog or overlay is open (which then
 * takes every key).
 */
export type KeyScope = 'global' | 'lag' | LogsKeyScope | KeysKeyScope | 'confirm' | 'snapshot-form' | 'snapshot-job' | 'action-log' | 'help';

export const scopeTitles: Record<KeyScope, string> = {
	global: 'Everywhere',
	lag: 'In the Lag pane',
	...logsKeyScopeTitles,
	...keysKeyScopeTitles,
	confirm: 'In a confirmation',
	'snapshot-form': 'In the snapshot form',
	'snapshot-job': 'While a snapshot runs or after',
	'action-log': 'In the action log',
	help: 'In this help',
};

export interface KeyBinding {
	action: Action;
	chords: KeyChord[];
	/** How help shows the keys. */
	keys: string;
	description: string;
	scope: KeyScope;
	/** Changes the cluster: not bound in --read-only mode. */
	writes?: boolean;
}

export const panes: ReadonlyArray<{id: PaneId; number: string; title: string}> = [
	{id: 'members', number: '1', title: 'Members'},
	{id: 'endpoints', number: '2', title: 'Endpoints'},
	{id: 'lag', number: '3', title: 'Lag'},
	{id: 'logs', number: '4', title: 'Logs'},
	{id: 'keys', number: '5', title: 'Keys'},
	{id: 'health', number: '6', title: 'Health'},
];

/** The panes whose rows are members, where member actions (p, m) apply to the selected row. */
export const memberPanes: readonly PaneId[] = ['members', 'endpoints', 'lag'];

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
	{action: {type: 'select-previous'}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Select previous member', scope: 'global'},
	{action: {type: 'select-next'}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Select next member', scope: 'global'},
	{action: {type: 'refresh'}, chords: [{input: 'r'}], keys: 'r', description: 'Refresh now', scope: 'global'},
	{action: {type: 'promote'}, chords: [{input: 'p'}], keys: 'p', description: 'Promote selected learner', scope: 'global', writes: true},
	{action: {type: 'move-leader'}, chords: [{input: 'm'}], keys: 'm', description: 'Move leader to selected', scope: 'global', writes: true},
	{action: {type: 'snapshot'}, chords: [{input: 's'}], keys: 's', description: 'Save a snapshot', scope: 'global'},
	{action: {type: 'toggle-action-log'}, chords: [{input: 'a'}], keys: 'a', description: 'Action log, with etcdctl', scope: 'global'},
	{action: {type: 'toggle-help'}, chords: [{input: '?'}], keys: '?', description: 'Open this help', scope: 'global'},
	{action: {type: 'quit'}, chords: [{input: 'q'}, {input: 'c', ctrl: true}], keys: 'q Ctrl-C', description: 'Quit', scope: 'global'},
	{action: {type: 'toggle-lag-chart'}, chords: [{input: 'c'}], keys: 'c', description: 'Chart all / selected', scope: 'lag'},
	// The Logs pane routes its own keys (source/ui/logs-keymap.ts); they are listed here so help shows them.
	...logsKeymap.map((binding): KeyBinding => ({action: {type: 'logs', command: binding.command}, chords: binding.chords, keys: binding.keys, description: binding.description, scope: binding.scope})),
	// Likewise the Keys pane (source/ui/keys-keymap.ts).
	...keysKeymap.map((binding): KeyBinding => ({action: {type: 'keys', command: binding.action}, chords: binding.chords, keys: binding.keys, description: binding.description, scope: binding.scope})),
	{action: {type: 'confirm'}, chords: [{input: 'y'}], keys: 'y', description: 'Yes: send the request', scope: 'confirm'},
	{action: {type: 'cancel'}, chords: [{input: 'n'}, {named: 'escape'}], keys: 'n Esc', description: 'No: change nothing', scope: 'confirm'},
	{action: {type: 'snapshot-save'}, chords: [{named: 'return'}], keys: 'Enter', description: 'Save, then verify', scope: 'snapshot-form'},
	{action: {type: 'select-previous'}, chords: [{named: 'upArrow'}], keys: '↑', description: 'Stream from the previous', scope: 'snapshot-form'},
	{action: {type: 'select-next'}, chords: [{named: 'downArrow'}], keys: '↓', description: 'Stream from the next', scope: 'snapshot-form'},
	{action: {type: 'snapshot-erase'}, chords: [{named: 'backspace'}, {named: 'delete'}], keys: 'Backspace', description: 'Erase; typing edits path', scope: 'snapshot-form'},
	{action: {type: 'snapshot-clear-path'}, chords: [{input: 'u', ctrl: true}], keys: 'Ctrl-U', description: 'Clear the path', scope: 'snapshot-form'},
	{action: {type: 'cancel'}, chords: [{named: 'escape'}], keys: 'Esc', description: 'Close, save nothing', scope: 'snapshot-form'},
	{action: {type: 'snapshot-dismiss'}, chords: [{named: 'escape'}, {named: 'return'}], keys: 'Esc Enter', description: 'Cancel it, or close', scope: 'snapshot-job'},
	{action: {type: 'snapshot-drill'}, chords: [{input: 'd'}], keys: 'd', description: 'Drill the saved snapshot', scope: 'snapshot-job'},
	{action: {type: 'close'}, chords: [{named: 'escape'}, {input: 'a'}, {input: 'q'}], keys: 'Esc a q', description: 'Close the action log', scope: 'action-log'},
	{action: {type: 'close'}, chords: [{named: 'escape'}, {input: '?'}, {input: 'q'}], keys: 'Esc ? q', description: 'Close help', scope: 'help'},
	{action: {type: 'scroll-help', step: -1}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Scroll help up', scope: 'help'},
	{action: {type: 'scroll-help', step: 1}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Scroll help down', scope: 'help'},
];

/** What help says besides the keys: how figures are made and what a pane does when the cluster is in trouble. */
export const helpNotes: readonly string[] = [
	'Lag: a learner is ready to promote when within 1 entry of the leader on two refreshes in a row.',
	'Health: percentiles come from histogram bucket deltas between scrapes (the last minute), not since etcd started. /metrics is scraped every refresh while this pane is shown, every 10 s otherwise.',
	'Keys: reads are linearizable; without quorum they fall back to serializable reads from a member that answers, labelled STALE.',
	'Times are UTC. Credentials never appear on screen.',
];

export interface KeyContext {
	/** Scopes to search, first match wins: an open dialog's alone, or the pane's before the global ones. */
	scopes: readonly KeyScope[];
	readOnly: boolean;
}

/** The action bound to a key press, if any; in read-only mode, bindings that write are not bound. */
export function actionFor({scopes, readOnly}: KeyContext, input: string, key: Key): Action | undefined {
	for (const scope of scopes) {
		const binding = keymap.find(candidate => candidate.scope === scope && !(readOnly && candidate.writes === true) && candidate.chords.some(chord => chordMatches(chord, input, key)));
		if (binding !== undefined) {
			return binding.action;
		}
	}

	return undefined;
}
