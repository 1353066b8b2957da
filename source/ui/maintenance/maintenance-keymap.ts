import type {Binding} from '../keymap/binding.ts';

/** The commands of the maintenance feature, as its keymap names them. */
export type MaintenanceCommand =
	| 'defrag'
	| 'compact'
	| 'recover-space'
	| 'check'
	| 'maintenance-start'
	| 'maintenance-cancel'
	| 'maintenance-toggle-all'
	| 'maintenance-toggle-compact'
	| 'maintenance-toggle-move-leader'
	| 'maintenance-erase'
	| 'maintenance-dismiss';

export const maintenanceScopeTitles = {
	'maintenance-confirm': 'In a maintenance confirmation',
	'maintenance-typed': 'In a typed confirmation (compact)',
	'maintenance-job': 'While a maintenance job runs or after',
} as const;

/**
 * The maintenance commands, global (capitals: no pane's own key is shadowed), each also a `:` command:
 * every one opens its confirmation first except the check, which only reads. The DB pane (7) shows
 * what they act on.
 */
export const maintenanceKeymap: ReadonlyArray<Binding<MaintenanceCommand>> = [
	{command: 'defrag', chords: [{input: 'D'}], description: 'Defragment, one by one', scope: 'global', name: 'defrag', args: [{name: 'MEMBER/all', kind: 'text', optional: true}], writes: true},
	{command: 'compact', chords: [{input: 'C'}], description: 'Compact the history', scope: 'global', name: 'compact', args: [{name: 'REVISION', kind: 'text', optional: true}], writes: true},
	{command: 'recover-space', chords: [{input: 'R'}], description: 'Recover from NOSPACE', scope: 'global', name: 'recover-space', writes: true},
	{command: 'check', chords: [{input: 'H'}], description: 'HashKV: do members agree', scope: 'global', name: 'check'},
];

/** The confirmations the commands open (each takes every key) and the job they start. */
export const maintenanceDialogKeymap: ReadonlyArray<Binding<MaintenanceCommand>> = [
	{command: 'maintenance-start', chords: [{input: 'y'}], description: 'Yes: start it', scope: 'maintenance-confirm'},
	{command: 'maintenance-cancel', chords: [{input: 'n'}, {named: 'escape'}], description: 'No: change nothing', scope: 'maintenance-confirm'},
	{command: 'maintenance-toggle-all', chords: [{input: 'a'}], description: 'Every member (--all)', scope: 'maintenance-confirm'},
	{command: 'maintenance-toggle-compact', chords: [{input: 'c'}], description: 'Compact first', scope: 'maintenance-confirm'},
	{command: 'maintenance-toggle-move-leader', chords: [{input: 'l'}], description: 'Move leadership first', scope: 'maintenance-confirm'},
	{command: 'maintenance-start', chords: [{named: 'return'}], description: 'Start, once typed right', scope: 'maintenance-typed'},
	{command: 'maintenance-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase; typing types', scope: 'maintenance-typed'},
	{command: 'maintenance-cancel', chords: [{named: 'escape'}], description: 'Close, change nothing', scope: 'maintenance-typed'},
	{command: 'maintenance-dismiss', chords: [{named: 'escape'}, {named: 'return'}], description: 'Stop after member, close', scope: 'maintenance-job'},
];
