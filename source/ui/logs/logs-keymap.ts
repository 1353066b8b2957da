import type {Key} from 'ink';
import {chordMatches, type KeyChord, type NamedKey} from '../keymap/key-chord.ts';
import type {LogViewEvent, LogViewState} from '../../model/logs/log-view.ts';

/** Ink's named keys the pane uses. */
export type LogsKeyName = NamedKey;

/** One key as Ink reports it (the app's chord type). */
export type LogsKeyChord = KeyChord;

/** `logs`: the pane is shown; `logs-filter`: a filter is being typed, and the pane takes every key. */
export type LogsKeyScope = 'logs' | 'logs-filter';

export const logsKeyScopeTitles: Record<LogsKeyScope, string> = {logs: 'In the Logs pane', 'logs-filter': 'While typing a filter'};

/** What a key asks of the pane; turned into a reducer event by {@link logsEventFor}. */
export type LogsCommand =
	| {type: 'toggle-follow'}
	| {type: 'cycle-member'; step: 1}
	| {type: 'show-member'; member: undefined}
	| {type: 'toggle-warnings-only'}
	| {type: 'filter-open'}
	| {type: 'filter-clear'}
	| {type: 'scroll-lines'; step: 1 | -1}
	| {type: 'scroll-page'; step: 1 | -1}
	| {type: 'scroll-to'; end: 'oldest' | 'newest'}
	| {type: 'filter-apply'}
	| {type: 'filter-cancel'}
	| {type: 'filter-erase'};

export interface LogsKeyBinding {
	command: LogsCommand;
	chords: LogsKeyChord[];
	/** How help shows the keys. */
	keys: string;
	description: string;
	scope: LogsKeyScope;
}

/** The log pane's keys: routing and help both read this table. Any other printable key types into a filter being typed. */
export const logsKeymap: readonly LogsKeyBinding[] = [
	{command: {type: 'cycle-member', step: 1}, chords: [{input: 'f'}], keys: 'f', description: 'Next member only', scope: 'logs'},
	{command: {type: 'show-member', member: undefined}, chords: [{input: 'F'}], keys: 'F', description: 'All members', scope: 'logs'},
	{command: {type: 'toggle-follow'}, chords: [{input: 'P'}], keys: 'P', description: 'Pause / follow', scope: 'logs'},
	{command: {type: 'toggle-warnings-only'}, chords: [{input: 'w'}], keys: 'w', description: 'Warnings only / all', scope: 'logs'},
	{command: {type: 'filter-open'}, chords: [{input: '/'}], keys: '/', description: 'Filter lines by text', scope: 'logs'},
	{command: {type: 'filter-clear'}, chords: [{named: 'escape'}], keys: 'Esc', description: 'Clear the text filter', scope: 'logs'},
	{command: {type: 'scroll-lines', step: -1}, chords: [{named: 'upArrow'}, {input: 'k'}], keys: '↑ k', description: 'Up a line (stop follow)', scope: 'logs'},
	{command: {type: 'scroll-lines', step: 1}, chords: [{named: 'downArrow'}, {input: 'j'}], keys: '↓ j', description: 'Down a line', scope: 'logs'},
	{command: {type: 'scroll-page', step: -1}, chords: [{named: 'pageUp'}], keys: 'PgUp', description: 'Scroll up a page', scope: 'logs'},
	{command: {type: 'scroll-page', step: 1}, chords: [{named: 'pageDown'}], keys: 'PgDn', description: 'Scroll down a page', scope: 'logs'},
	{command: {type: 'scroll-to', end: 'oldest'}, chords: [{named: 'home'}, {input: 'g'}], keys: 'Home g', description: 'Oldest line kept', scope: 'logs'},
	{command: {type: 'scroll-to', end: 'newest'}, chords: [{named: 'end'}, {input: 'G'}], keys: 'End G', description: 'Newest line, follow', scope: 'logs'},
	{command: {type: 'filter-apply'}, chords: [{named: 'return'}], keys: 'Enter', description: 'Keep the filter', scope: 'logs-filter'},
	{command: {type: 'filter-cancel'}, chords: [{named: 'escape'}], keys: 'Esc', description: 'Previous filter back', scope: 'logs-filter'},
	{command: {type: 'filter-erase'}, chords: [{named: 'backspace'}, {named: 'delete'}], keys: 'Backspace', description: 'Erase a character', scope: 'logs-filter'},
];

/** The scope the pane's keys are in now. */
export function logsKeyScope(state: Pick<LogViewState, 'draft'>): LogsKeyScope {
	return state.draft === undefined ? 'logs' : 'logs-filter';
}

/**
 * Whether the pane takes every key before the app's own keymap: while a filter is typed, `q` or `1`
 * is text, not quit or a pane switch.
 */
export function logsPaneTakesAllKeys(state: Pick<LogViewState, 'draft'>): boolean {
	return state.draft !== undefined;
}

export function logsCommandFor(scope: LogsKeyScope, input: string, key: Key): LogsCommand | undefined {
	return logsKeymap.find(binding => binding.scope === scope && binding.chords.some(chord => chordMatches(chord, input, key)))?.command;
}

/** The reducer event for a command; paging moves by the rows the pane shows. */
export function logsEventFor(command: LogsCommand, pageSize: number): LogViewEvent {
	switch (command.type) {
		case 'scroll-lines': {
			return {type: 'scroll', lines: command.step, pageSize};
		}

		case 'scroll-page': {
			return {type: 'scroll', lines: command.step * Math.max(1, pageSize), pageSize};
		}

		case 'scroll-to': {
			return {type: 'scroll-to', end: command.end, pageSize};
		}

		default: {
			return command;
		}
	}
}

/**
 * The event for a key pressed while the log pane is shown, or undefined when the key is not the
 * pane's (the app's keymap handles it then). `pageSize` is the number of log rows on screen.
 */
export function logsKeyEvent(state: Pick<LogViewState, 'draft'>, input: string, key: Key, pageSize: number): LogViewEvent | undefined {
	const scope = logsKeyScope(state);
	const command = logsCommandFor(scope, input, key);
	if (command !== undefined) {
		return logsEventFor(command, pageSize);
	}

	if (scope === 'logs-filter' && input !== '' && !key.ctrl && !key.meta) {
		return {type: 'filter-type', text: input};
	}

	return undefined;
}
