import type {Binding} from './binding.ts';

export type HelpCommand = 'toggle-help' | 'close' | 'help-up' | 'help-down';

export const helpScopeTitles = {help: 'In this help'} as const;

export const helpOpenKeymap: ReadonlyArray<Binding<HelpCommand>> = [
	{command: 'toggle-help', chords: [{input: '?'}], description: 'Open this help', scope: 'global'},
];

export const helpKeymap: ReadonlyArray<Binding<HelpCommand>> = [
	{command: 'close', chords: [{named: 'escape'}, {input: '?'}, {input: 'q'}], description: 'Close help', scope: 'help'},
	{command: 'help-up', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Scroll help up', scope: 'help'},
	{command: 'help-down', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Scroll help down', scope: 'help'},
];
