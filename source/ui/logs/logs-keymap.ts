import type {Binding, KeyLayer} from '../keymap/binding.ts';
import type {LogViewEvent, LogViewState} from '../../model/logs/log-view.ts';
import {typedText} from '../../model/shared/safe-text.ts';

export type LogsCommand =
	| 'logs-follow' | 'logs-warnings-only' | 'logs-filter-open' | 'logs-filter-clear'
	| 'logs-line-up' | 'logs-line-down' | 'logs-page-up' | 'logs-page-down' | 'logs-oldest' | 'logs-newest'
	| 'logs-filter-apply' | 'logs-filter-cancel' | 'logs-filter-erase';

/** `logs`: the pane is shown; `logs-filter`: a filter is being typed, and the pane takes every key. */
export const logsScopeTitles = {logs: 'In the Logs pane', 'logs-filter': 'While typing a filter'} as const;

/** The Logs pane's keys. Any other printable key types into a filter being typed. */
export const logsKeymap: ReadonlyArray<Binding<LogsCommand>> = [
	{command: 'logs-follow', chords: [{input: 'f'}], description: 'Follow new lines on/off', scope: 'logs'},
	{command: 'logs-warnings-only', chords: [{input: 'w'}], description: 'Warnings only / all', scope: 'logs'},
	{command: 'logs-filter-open', chords: [{input: '/'}], description: 'Filter lines by text', scope: 'logs'},
	{command: 'logs-filter-clear', chords: [{named: 'escape'}], description: 'Clear the text filter', scope: 'logs'},
	{command: 'logs-line-up', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Up a line (stop follow)', scope: 'logs'},
	{command: 'logs-line-down', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Down a line', scope: 'logs'},
	{command: 'logs-page-up', chords: [{named: 'pageUp'}], description: 'Scroll up a page', scope: 'logs'},
	{command: 'logs-page-down', chords: [{named: 'pageDown'}], description: 'Scroll down a page', scope: 'logs'},
	{command: 'logs-oldest', chords: [{named: 'home'}, {input: 'g'}], description: 'Oldest line kept', scope: 'logs'},
	{command: 'logs-newest', chords: [{named: 'end'}, {input: 'G'}], description: 'Newest line, follow', scope: 'logs'},
	{command: 'logs-filter-apply', chords: [{named: 'return'}], description: 'Keep the filter', scope: 'logs-filter'},
	{command: 'logs-filter-cancel', chords: [{named: 'escape'}], description: 'Previous filter back', scope: 'logs-filter'},
	{command: 'logs-filter-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase a character', scope: 'logs-filter'},
];

/** The reducer event for a command; paging moves by the rows the pane shows. */
export function logsEventFor(command: LogsCommand, pageSize: number): LogViewEvent {
	const page = Math.max(1, pageSize);
	const events: Record<LogsCommand, LogViewEvent> = {
		'logs-follow': {type: 'toggle-follow'},
		'logs-warnings-only': {type: 'toggle-warnings-only'},
		'logs-filter-open': {type: 'filter-open'},
		'logs-filter-clear': {type: 'filter-clear'},
		'logs-line-up': {type: 'scroll', lines: -1, pageSize},
		'logs-line-down': {type: 'scroll', lines: 1, pageSize},
		'logs-page-up': {type: 'scroll', lines: -page, pageSize},
		'logs-page-down': {type: 'scroll', lines: page, pageSize},
		'logs-oldest': {type: 'scroll-to', end: 'oldest', pageSize},
		'logs-newest': {type: 'scroll-to', end: 'newest', pageSize},
		'logs-filter-apply': {type: 'filter-apply'},
		'logs-filter-cancel': {type: 'filter-cancel'},
		'logs-filter-erase': {type: 'filter-erase'},
	};
	return events[command];
}

/** The Logs pane as the router asks it: its keys, or, while a filter is typed, that field's (which takes every key). */
export function logsKeyLayer(view: Pick<LogViewState, 'draft'>, dispatch: (event: LogViewEvent) => void, pageSize: number): KeyLayer<LogsCommand> {
	const run = (command: LogsCommand) => {
		dispatch(logsEventFor(command, pageSize));
	};

	if (view.draft === undefined) {
		return {scope: 'logs', run};
	}

	return {
		scope: 'logs-filter',
		run,
		modal: true,
		type(text) {
			if (typedText(text) !== '') {
				dispatch({type: 'filter-type', text});
			}
		},
	};
}
