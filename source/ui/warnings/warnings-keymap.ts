import type {Binding} from '../keymap/binding.ts';

export type WarningsCommand = 'warnings' | 'warnings-close' | 'warnings-up' | 'warnings-down' | 'warnings-page-up' | 'warnings-page-down';

export const warningsScopeTitles = {warnings: 'In the warnings list'} as const;

export const warningsOpenKeymap: ReadonlyArray<Binding<WarningsCommand>> = [
	{command: 'warnings', chords: [{input: '!'}], description: 'Every active warning', scope: 'global', name: 'warnings'},
];

/** The list `!` opens takes every key while open. */
export const warningsKeymap: ReadonlyArray<Binding<WarningsCommand>> = [
	{command: 'warnings-close', chords: [{named: 'escape'}, {input: '!'}, {input: 'q'}], description: 'Close the list', scope: 'warnings'},
	{command: 'warnings-up', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Scroll up', scope: 'warnings'},
	{command: 'warnings-down', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Scroll down', scope: 'warnings'},
	{command: 'warnings-page-up', chords: [{named: 'pageUp'}], description: 'Up a page', scope: 'warnings'},
	{command: 'warnings-page-down', chords: [{named: 'pageDown'}], description: 'Down a page', scope: 'warnings'},
];
