import type {Binding, CommandArgs, KeyLayer} from '../keymap/binding.ts';
import type {LogViewEvent, LogViewState} from '../../model/logs/log-view.ts';
import {typedText} from '../../model/shared/safe-text.ts';

export type LogsCommand =
	| 'logs-member' | 'logs-all-members'
	| 'logs-follow' | 'logs-warnings-only' | 'logs-filter-open' | 'logs-filter-clear'
	| 'logs-line-up' | 'logs-line-down' | 'logs-page-up' | 'logs-page-down' | 'logs-oldest' | 'logs-newest'
	| 'logs-filter-apply' | 'logs-filter-cancel' | 'logs-filter-erase'
	| 'logs-open-line' | 'logs-opened-close' | 'logs-opened-up' | 'logs-opened-down' | 'logs-opened-page-up' | 'logs-opened-page-down';

/** `logs`: the pane is shown; `logs-filter`: a filter is being typed, and the pane takes every key; `logs-line`: a line is open whole. */
export const logsScopeTitles = {logs: 'In the Logs pane', 'logs-filter': 'While typing a filter', 'logs-line': 'A log line opened whole'} as const;

/** The Logs pane's keys. Any other printable key types into a filter being typed. */
export const logsKeymap: ReadonlyArray<Binding<LogsCommand>> = [
	// f is one member's lines (the issue gives it to members); `:logs MEMBER` (the pane's name) names the member.
	{command: 'logs-member', chords: [{input: 'f'}], description: 'Next member only', scope: 'logs'},
	{command: 'logs-all-members', chords: [{input: 'F'}], description: 'All members', scope: 'logs'},
	{command: 'logs-follow', chords: [{input: 'P'}], description: 'Pause / follow', scope: 'logs'},
	{command: 'logs-warnings-only', chords: [{input: 'w'}], description: 'Warnings only / all', scope: 'logs'},
	{command: 'logs-filter-open', chords: [{input: '/'}], description: 'Filter lines by text', scope: 'logs'},
	{command: 'logs-filter-clear', chords: [{named: 'escape'}], description: 'Clear the text filter', scope: 'logs'},
	{command: 'logs-line-up', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Up a line (stop follow)', scope: 'logs'},
	{command: 'logs-line-down', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Down a line', scope: 'logs'},
	{command: 'logs-page-up', chords: [{named: 'pageUp'}], description: 'Scroll up a page', scope: 'logs'},
	{command: 'logs-page-down', chords: [{named: 'pageDown'}], description: 'Scroll down a page', scope: 'logs'},
	{command: 'logs-oldest', chords: [{named: 'home'}, {input: 'g'}], description: 'Oldest line kept', scope: 'logs'},
	{command: 'logs-newest', chords: [{named: 'end'}, {input: 'G'}], description: 'Newest line, follow', scope: 'logs'},
	{command: 'logs-open-line', chords: [{named: 'return'}], description: 'Open the marked line whole', scope: 'logs'},
	{command: 'logs-filter-apply', chords: [{named: 'return'}], description: 'Keep the filter', scope: 'logs-filter'},
	{command: 'logs-filter-cancel', chords: [{named: 'escape'}], description: 'Previous filter back', scope: 'logs-filter'},
	{command: 'logs-filter-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase a character', scope: 'logs-filter'},
	{command: 'logs-opened-up', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Scroll up', scope: 'logs-line'},
	{command: 'logs-opened-down', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Scroll down', scope: 'logs-line'},
	{command: 'logs-opened-page-up', chords: [{named: 'pageUp'}], description: 'Scroll up a page', scope: 'logs-line'},
	{command: 'logs-opened-page-down', chords: [{named: 'pageDown'}], description: 'Scroll down a page', scope: 'logs-line'},
	{command: 'logs-opened-close', chords: [{named: 'escape'}, {named: 'backspace'}], description: 'Back to the lines', scope: 'logs-line'},
];

/** The reducer event for a command; paging moves by the rows the pane shows; an opened line scrolls up to `lineMaxOffset`. */
export function logsEventFor(command: LogsCommand, pageSize: number, lineMaxOffset = 0): LogViewEvent {
	const page = Math.max(1, pageSize);
	const maxOffset = lineMaxOffset;
	const events: Record<LogsCommand, LogViewEvent> = {
		'logs-member': {type: 'cycle-member', step: 1},
		'logs-all-members': {type: 'show-member', member: undefined},
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
		'logs-open-line': {type: 'open-line', pageSize},
		'logs-opened-close': {type: 'close-line'},
		'logs-opened-up': {type: 'scroll-line', lines: -1, maxOffset},
		'logs-opened-down': {type: 'scroll-line', lines: 1, maxOffset},
		'logs-opened-page-up': {type: 'scroll-line', lines: -page, maxOffset},
		'logs-opened-page-down': {type: 'scroll-line', lines: page, maxOffset},
	};
	return events[command];
}

/**
 * A Logs command with the arguments the `:` command line resolved (`:logs m2`: the member); a key press
 * gives none. `:logs MEMBER` shows that member's lines alone; `:logs` alone steps as `f` does.
 */
export function logsCommandEvent(command: LogsCommand, args: CommandArgs | undefined, pageSize: number, lineMaxOffset = 0): LogViewEvent {
	const member = args?.member;
	if (command === 'logs-member' && member !== undefined) {
		return {type: 'show-member', member: member.name === '' ? member.id : member.name};
	}

	return logsEventFor(command, pageSize, lineMaxOffset);
}

/**
 * The Logs pane as the router asks it: its keys; while a filter is typed, that field's (which takes
 * every key); while a line is open whole, that view's (scrolling it up to `lineMaxOffset`).
 */
export function logsKeyLayer(view: Pick<LogViewState, 'draft' | 'opened'>, dispatch: (event: LogViewEvent) => void, pageSize: number, lineMaxOffset = 0): KeyLayer<LogsCommand> {
	const run = (command: LogsCommand, args?: CommandArgs) => {
		dispatch(logsCommandEvent(command, args, pageSize, lineMaxOffset));
	};

	if (view.opened !== undefined) {
		return {scope: 'logs-line', run, modal: true};
	}

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
