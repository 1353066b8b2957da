import React from 'react';
import {Text} from '../shared/text.tsx';
import type {MembershipDialog} from '../../model/membership/membership-dialog-state.ts';
import {ConfirmDialog} from '../actions/ConfirmDialog.tsx';

export interface MembershipDialogViewProps {
	dialog: MembershipDialog;
	width: number;
}

/**
 * A membership change's confirmation: the title, the facts (voters, quorum and failures tolerated
 * before and after), the warnings, the etcdctl equivalent, and how to confirm — y for an add, the
 * member's name typed for a remove. It only draws; the keys are routed to its reducer.
 */
export function MembershipDialogView({dialog, width}: MembershipDialogViewProps) {
	const {confirmation, typed, problem, pending} = dialog;
	const expected = confirmation.typeToConfirm;
	const typeTheName = expected === undefined ? undefined : (
		<>
			<Text>
				Type <Text bold>{expected}</Text> and <Text bold color="green">Enter</Text> to remove it · <Text bold color="red">Esc</Text> cancel
			</Text>
			<Text>&gt; {typed}█</Text>
		</>
	);
	return (
		<ConfirmDialog
			title={confirmation.title}
			facts={confirmation.facts}
			command={confirmation.etcdctl}
			pending={pending}
			width={width}
			color={confirmation.action === 'member remove' ? 'red' : 'yellow'}
			warnings={confirmation.warnings}
			answer={typeTheName}
			problem={problem}
		/>
	);
}
