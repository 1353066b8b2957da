import type {Binding, CommandContext} from '../keymap/binding.ts';

export type ActionsCommand = 'promote' | 'move-leader' | 'toggle-action-log' | 'confirm' | 'cancel' | 'close'
	| 'action-log-newer' | 'action-log-older' | 'action-log-filter' | 'action-log-close';

export const actionsScopeTitles = {confirm: 'In a confirmation', 'action-log': 'In the action log'} as const;

/** p and m act on the row selected in a pane whose rows are members. */
function needsMemberPane(what: string) {
	return ({pane, panes, args}: CommandContext): string | undefined => {
		if (pane.rowsAreMembers) {
			return undefined;
		}

		// `:promote MEMBER` names its member: any pane will do.
		if (args?.member !== undefined) {
			return undefined;
		}

		return `${what} acts on the member selected in panes ${panes.filter(candidate => candidate.rowsAreMembers).map(candidate => candidate.number).join(', ')}, or on the one named: :${what.toLowerCase()} MEMBER`;
	};
}

const memberArgument = {name: 'MEMBER', kind: 'member'} as const;

/** The member actions, global: each asks for a confirmation showing what will be sent. */
export const memberActionKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'promote', chords: [{input: 'p'}], description: 'Promote selected learner', scope: 'global', name: 'promote', args: [memberArgument], writes: true, disabled: needsMemberPane('Promote')},
	{command: 'move-leader', chords: [{input: 'm'}], description: 'Move leader to selected', scope: 'global', name: 'move-leader', args: [memberArgument], writes: true, disabled: needsMemberPane('Move-leader')},
];

export const actionLogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'toggle-action-log', chords: [{input: 'a'}], description: 'Action log, with etcdctl', scope: 'global'},
];

/** The confirmation and the action log, each a dialog that takes every key while open. */
export const actionsDialogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'confirm', chords: [{input: 'y'}], description: 'Yes: send the request', scope: 'confirm'},
	{command: 'cancel', chords: [{input: 'n'}, {named: 'escape'}], description: 'No: change nothing', scope: 'confirm'},
];

/** The action log scrolls an entry at a time and filters like a table; while its filter is typed, the filter's keys apply. */
export const actionLogDialogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'action-log-newer', chords: [{named: 'upArrow'}, {input: 'k'}], description: 'Newer actions', scope: 'action-log'},
	{command: 'action-log-older', chords: [{named: 'downArrow'}, {input: 'j'}], description: 'Earlier actions', scope: 'action-log'},
	{command: 'action-log-filter', chords: [{input: '/'}], description: 'Filter the actions by text', scope: 'action-log'},
	{command: 'close', chords: [{named: 'escape'}], description: 'Clear the filter, or close', scope: 'action-log'},
	{command: 'action-log-close', chords: [{input: 'a'}, {input: 'q'}], description: 'Close the action log', scope: 'action-log'},
];
