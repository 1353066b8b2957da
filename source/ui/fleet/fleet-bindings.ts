import type {Key} from 'ink';
import type {Binding} from '../keymap/binding.ts';
import {chordMatches} from '../keymap/key-chord.ts';

/** What a key does in the fleet view. */
export type FleetCommand = 'fleet-previous' | 'fleet-next' | 'fleet-page-up' | 'fleet-page-down' | 'fleet-first' | 'fleet-last' | 'fleet-open' | 'fleet-refresh' | 'fleet-quit';

export const fleetScopeTitles = {fleet: 'In the fleet view'} as const;

/** The fleet view's keys, in the one keymap's shape (help, the README's key tables and the tests read them there). */
export const fleetKeymap: ReadonlyArray<Binding<FleetCommand>> = [
	{command: 'fleet-previous', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Previous context', scope: 'fleet'},
	{command: 'fleet-next', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Next context', scope: 'fleet'},
	{command: 'fleet-page-up', chords: [{named: 'pageUp'}], description: 'A page up', scope: 'fleet'},
	{command: 'fleet-page-down', chords: [{named: 'pageDown'}], description: 'A page down', scope: 'fleet'},
	{command: 'fleet-first', chords: [{named: 'home'}, {input: 'g'}], description: 'First context', scope: 'fleet'},
	{command: 'fleet-last', chords: [{named: 'end'}, {input: 'G', shift: true}], description: 'Last context', scope: 'fleet'},
	{command: 'fleet-open', chords: [{named: 'return'}], description: 'Open its dashboard', scope: 'fleet'},
	{command: 'fleet-refresh', chords: [{input: 'r'}], description: 'Refresh every cluster now', scope: 'fleet'},
	{command: 'fleet-quit', chords: [{input: 'q'}, {input: 'c', ctrl: true}], description: 'Quit', scope: 'fleet'},
];

/** The fleet command of a key press, if it has one. */
export function fleetCommandFor(input: string, key: Key): FleetCommand | undefined {
	return fleetKeymap.find(candidate => candidate.chords.some(chord => chordMatches(chord, input, key)))?.command;
}
