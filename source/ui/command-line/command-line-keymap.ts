import type {Binding} from '../keymap/binding.ts';

export type CommandLineCommand = 'command-line' | 'command-run' | 'command-complete' | 'command-history-previous' | 'command-history-next' | 'command-erase' | 'command-clear' | 'command-close';

/** `command-line`: the `:` line is being typed, and it takes every key. */
export const commandLineScopeTitles = {'command-line': 'On the : command line'} as const;

export const commandLineOpenKeymap: ReadonlyArray<Binding<CommandLineCommand>> = [
	{command: 'command-line', chords: [{input: ':'}], description: 'Command line (Tab completes)', scope: 'global'},
];

/** The line's own keys; any other printable key types into it. */
export const commandLineKeymap: ReadonlyArray<Binding<CommandLineCommand>> = [
	{command: 'command-run', chords: [{named: 'return'}], description: 'Run the command', scope: 'command-line'},
	{command: 'command-complete', chords: [{named: 'tab'}], description: 'Complete the word', scope: 'command-line'},
	{command: 'command-history-previous', chords: [{named: 'upArrow'}], description: 'Previous command run', scope: 'command-line'},
	{command: 'command-history-next', chords: [{named: 'downArrow'}], description: 'Next command run', scope: 'command-line'},
	{command: 'command-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase a character', scope: 'command-line'},
	{command: 'command-clear', chords: [{input: 'u', ctrl: true}], description: 'Clear the line', scope: 'command-line'},
	{command: 'command-close', chords: [{named: 'escape'}], description: 'Close, run nothing', scope: 'command-line'},
];
