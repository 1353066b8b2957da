import type {Binding, CommandContext} from '../keymap/binding.ts';

export type ActionsCommand = 'promote' | 'move-leader' | 'toggle-action-log' | 'confirm' | 'cancel' | 'close';

export const actionsScopeTitles = {confirm: 'In a confirmation', 'action-log': 'In the action log'} as const;

/** p and m act on the row selected in a pane whose rows are members. */
function needsMemberPane(what: string) {
	return ({pane, panes}: CommandContext): string | undefined => {
		if (pane.rowsAreMembers) {
			return undefined;
		}

		return `${what} acts on the member selected in panes ${panes.filter(candidate => candidate.rowsAreMembers).map(candidate => candidate.number).join(', ')}`;
	};
}

/** The member actions, global: each asks for a confirmation showing what will be sent. */
export const memberActionKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'promote', chords: [{input: 'p'}], description: 'Promote selected learner', scope: 'global', writes: true, disabled: needsMemberPane('Promote')},
	{command: 'move-leader', chords: [{input: 'm'}], description: 'Move leader to selected', scope: 'global', writes: true, disabled: needsMemberPane('Move-leader')},
];

export const actionLogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'toggle-action-log', chords: [{input: 'a'}], description: 'Action log, with etcdctl', scope: 'global'},
];

/** The confirmation and the action log, each a dialog that takes every key while open. */
export const actionsDialogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'confirm', chords: [{input: 'y'}], description: 'Yes: send the request', scope: 'confirm'},
	{command: 'cancel', chords: [{input: 'n'}, {named: 'escape'}], description: 'No: change nothing', scope: 'confirm'},
];

export const actionLogDialogKeymap: ReadonlyArray<Binding<ActionsCommand>> = [
	{command: 'close', chords: [{named: 'escape'}, {input: 'a'}, {input: 'q'}], description: 'Close the action log', scope: 'action-log'},
];
