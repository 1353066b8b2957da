import type {RowFilterEvent} from '../../model/shared/row-filter.ts';
import {typedText} from '../../model/shared/safe-text.ts';
import type {Binding, KeyLayer} from '../keymap/binding.ts';

export type FilterCommand = 'filter-open' | 'filter-clear' | 'filter-keep' | 'filter-cancel' | 'filter-erase';

/** `filter`: a table's filter is being typed, and it takes every key. */
export const filterScopeTitles = {filter: 'While typing a table filter'} as const;

/**
 * `/` filters the table of the pane on screen (members, endpoints, lag, health): rows whose cells hold
 * the text, ignoring case. The Logs and Keys panes have a `/` of their own, asked first. `:filter TEXT`
 * sets the filter at once; `:filter` alone opens the `/` line.
 */
export const filterKeymap: ReadonlyArray<Binding<FilterCommand>> = [
	{
		command: 'filter-open',
		chords: [{input: '/'}],
		description: 'Filter the table by text',
		scope: 'global',
		name: 'filter',
		args: [{name: 'TEXT', kind: 'text', optional: true}],
		disabled: ({pane}) => (pane.filterable === true ? undefined : `the ${pane.title} pane has no table to filter`),
	},
	{command: 'filter-clear', chords: [{named: 'escape'}], description: 'Clear the table filter', scope: 'global'},
];

export const filterTypingKeymap: ReadonlyArray<Binding<FilterCommand>> = [
	{command: 'filter-keep', chords: [{named: 'return'}], description: 'Keep the filter', scope: 'filter'},
	{command: 'filter-cancel', chords: [{named: 'escape'}], description: 'Clear the filter', scope: 'filter'},
	{command: 'filter-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase a character', scope: 'filter'},
];

const events: Record<FilterCommand, RowFilterEvent> = {
	'filter-open': {type: 'open'},
	'filter-clear': {type: 'clear'},
	'filter-keep': {type: 'keep'},
	'filter-cancel': {type: 'clear'},
	'filter-erase': {type: 'erase'},
};

/** The filter event of a command. */
export function filterEventFor(command: FilterCommand): RowFilterEvent {
	return events[command];
}

/** The filter being typed, as the router asks it: it takes every key, printable ones as text. */
export function filterTypingLayer(dispatch: (event: RowFilterEvent) => void): KeyLayer<FilterCommand> {
	return {
		scope: 'filter',
		modal: true,
		run(command) {
			dispatch(filterEventFor(command));
		},
		type(text) {
			const typed = typedText(text);
			if (typed !== '') {
				dispatch({type: 'type', text: typed});
			}
		},
	};
}
