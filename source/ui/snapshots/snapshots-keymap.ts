import type {Binding} from '../keymap/binding.ts';

export type SnapshotsCommand = 'snapshot' | 'snapshot-save' | 'select-previous' | 'select-next' | 'snapshot-erase' | 'snapshot-clear-path' | 'cancel' | 'snapshot-dismiss' | 'snapshot-drill';

export const snapshotsScopeTitles = {'snapshot-form': 'In the snapshot form', 'snapshot-job': 'While a snapshot runs or after'} as const;

export const snapshotKeymap: ReadonlyArray<Binding<SnapshotsCommand>> = [
	{command: 'snapshot', chords: [{input: 's'}], description: 'Save a snapshot', scope: 'global'},
];

/** The form `s` opens (it takes every key; typing edits the path) and the job it starts. */
export const snapshotDialogKeymap: ReadonlyArray<Binding<SnapshotsCommand>> = [
	{command: 'snapshot-save', chords: [{named: 'return'}], description: 'Save, then verify', scope: 'snapshot-form'},
	{command: 'select-previous', chords: [{named: 'upArrow'}], description: 'Stream from the previous', scope: 'snapshot-form'},
	{command: 'select-next', chords: [{named: 'downArrow'}], description: 'Stream from the next', scope: 'snapshot-form'},
	{command: 'snapshot-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase; typing edits path', scope: 'snapshot-form'},
	{command: 'snapshot-clear-path', chords: [{input: 'u', ctrl: true}], description: 'Clear the path', scope: 'snapshot-form'},
	{command: 'cancel', chords: [{named: 'escape'}], description: 'Close, save nothing', scope: 'snapshot-form'},
	{command: 'snapshot-dismiss', chords: [{named: 'escape'}, {named: 'return'}], description: 'Cancel it, or close', scope: 'snapshot-job'},
	{command: 'snapshot-drill', chords: [{input: 'd'}], description: 'Drill the saved snapshot', scope: 'snapshot-job'},
];
