import type {Binding, CommandContext} from '../keymap/binding.ts';

export type MembershipCommand =
	| 'member-add'
	| 'member-remove'
	| 'membership-confirm'
	| 'membership-submit'
	| 'membership-erase'
	| 'membership-cancel'
	| 'settings-next-format'
	| 'settings-write'
	| 'settings-close';

export const membershipScopeTitles = {
	'member-add-form': 'In the add-member line',
	'member-add-confirm': 'In an add confirmation',
	'member-remove-confirm': 'In a remove confirmation',
	'new-member-settings': 'In the new member\'s settings',
} as const;

/** + and - act in pane 1, where the rows are the member list. */
function inMembersPane(what: string) {
	return ({pane, panes}: CommandContext): string | undefined => (pane.id === 'members' ? undefined : `${what} acts in pane ${panes.find(candidate => candidate.id === 'members')?.number ?? '1'} (Members)`);
}

/** Add and remove, in pane 1 and on the `:` line; each asks for a confirmation showing quorum before and after. */
export const membershipKeymap: ReadonlyArray<Binding<MembershipCommand>> = [
	{
		command: 'member-add', chords: [{input: '+'}], description: 'Add a learner', scope: 'global', writes: true, disabled: inMembersPane('Add'),
		name: 'member add', args: [{name: 'NAME PEER-URL[,PEER-URL]', kind: 'text', optional: true}],
	},
	{
		command: 'member-remove', chords: [{input: '-'}], description: 'Remove selected member', scope: 'global', writes: true, disabled: inMembersPane('Remove'),
		name: 'member remove', args: [{name: 'MEMBER', kind: 'member'}],
	},
];

/** The add line, the confirmations and the settings view: each takes every key while open. */
export const membershipDialogKeymap: ReadonlyArray<Binding<MembershipCommand>> = [
	{command: 'membership-submit', chords: [{named: 'return'}], description: 'Check, then confirm', scope: 'member-add-form'},
	{command: 'membership-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase; typing edits line', scope: 'member-add-form'},
	{command: 'membership-cancel', chords: [{named: 'escape'}], description: 'Close, add nothing', scope: 'member-add-form'},
	{command: 'membership-confirm', chords: [{input: 'y'}], description: 'Yes: add it', scope: 'member-add-confirm'},
	{command: 'membership-cancel', chords: [{input: 'n'}, {named: 'escape'}], description: 'No: change nothing', scope: 'member-add-confirm'},
	{command: 'membership-submit', chords: [{named: 'return'}], description: 'Remove, once name typed', scope: 'member-remove-confirm'},
	{command: 'membership-erase', chords: [{named: 'backspace'}, {named: 'delete'}], description: 'Erase; typing types name', scope: 'member-remove-confirm'},
	{command: 'membership-cancel', chords: [{named: 'escape'}], description: 'Change nothing', scope: 'member-remove-confirm'},
	{command: 'settings-next-format', chords: [{named: 'tab'}], description: 'Next form: env, flags, yaml', scope: 'new-member-settings'},
	{command: 'settings-write', chords: [{input: 'w'}], description: 'Write to a new file (0600)', scope: 'new-member-settings'},
	{command: 'settings-close', chords: [{named: 'escape'}, {input: 'q'}], description: 'Close', scope: 'new-member-settings'},
];
