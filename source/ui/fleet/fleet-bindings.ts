import type {Key} from 'ink';
import {chordMatches, type KeyChord} from '../keymap/key-chord.ts';

/** What a key does in the fleet view. */
export type FleetCommand =
	| {type: 'select-previous'}
	| {type: 'select-next'}
	| {type: 'select-page'; step: 1 | -1}
	| {type: 'select-first'}
	| {type: 'select-last'}
	| {type: 'open'}
	| {type: 'refresh'}
	| {type: 'quit'};

/**
 * A key of the fleet view, in the shape of the app's keymap bindings (command, chords, how help shows
 * them, description, scope), so the one keymap table can take these rows as they are. `colon` is the
 * `:` command that does the same, for when the app has a command line.
 */
export interface FleetBinding {
	command: FleetCommand;
	chords: KeyChord[];
	keys: string;
	colon?: string;
	description: string;
	scope: 'fleet';
	/** The fleet only reads. */
	writes: false;
}

const binding = (command: FleetCommand, chords: KeyChord[], keys: string, description: string, colon?: string): FleetBinding => ({command, chords, keys, description, scope: 'fleet', writes: false, ...(colon === undefined ? {} : {colon})});

export const fleetBindings: readonly FleetBinding[] = [
	binding({type: 'select-previous'}, [{named: 'upArrow'}, {input: 'k'}], '↑ k', 'previous context'),
	binding({type: 'select-next'}, [{named: 'downArrow'}, {input: 'j'}], '↓ j', 'next context'),
	binding({type: 'select-page', step: -1}, [{named: 'pageUp'}], 'PgUp', 'a page up'),
	binding({type: 'select-page', step: 1}, [{named: 'pageDown'}], 'PgDn', 'a page down'),
	binding({type: 'select-first'}, [{named: 'home'}, {input: 'g'}], 'Home g', 'first context'),
	binding({type: 'select-last'}, [{named: 'end'}, {input: 'G', shift: true}], 'End G', 'last context'),
	binding({type: 'open'}, [{named: 'return'}], 'Enter', 'open the context\'s dashboard', 'ctx NAME'),
	binding({type: 'refresh'}, [{input: 'r'}], 'r', 'refresh every cluster now'),
	binding({type: 'quit'}, [{input: 'q'}, {input: 'c', ctrl: true}], 'q', 'quit'),
];

/** The `:` commands of contexts, for the app's command line: `:ctx NAME` opens one, `:fleet` comes back here. */
export const contextColonCommands = [
	{name: 'ctx', argument: 'NAME', description: 'open context NAME\'s dashboard, from anywhere'},
	{name: 'fleet', argument: undefined, description: 'back to the fleet view (Esc from a dashboard opened from it)'},
] as const;

/** The fleet command of a key press, if it has one. */
export function fleetCommandFor(input: string, key: Key): FleetCommand | undefined {
	return fleetBindings.find(candidate => candidate.chords.some(chord => chordMatches(chord, input, key)))?.command;
}
