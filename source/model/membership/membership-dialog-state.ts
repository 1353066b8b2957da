import type {MembershipConfirmation} from './membership-confirmation.ts';
import {typedText} from '../shared/safe-text.ts';

/**
 * A membership change's confirmation while it is open. An add is confirmed with y; a remove only by
 * typing the member's name (its ID when it has none) and Enter, as the runbooks want a removal typed.
 */
export interface MembershipDialog {
	confirmation: MembershipConfirmation;
	typed: string;
	/** Why Enter did nothing, until the next key. */
	problem: string | undefined;
	/** While the request is on its way: said instead of the keys, which then do nothing. */
	pending: string | undefined;
}

export type MembershipDialogEvent =
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'submit'}
	| {type: 'sent'; pending: string};

export function openMembershipDialog(confirmation: MembershipConfirmation): MembershipDialog {
	return {confirmation, typed: '', problem: undefined, pending: undefined};
}

export function membershipDialogReducer(dialog: MembershipDialog, event: MembershipDialogEvent): MembershipDialog {
	if (dialog.pending !== undefined && event.type !== 'sent') {
		return dialog;
	}

	switch (event.type) {
		case 'type': {
			const text = typedText(event.text);
			return text === '' ? dialog : {...dialog, typed: dialog.typed + text, problem: undefined};
		}

		case 'erase': {
			return {...dialog, typed: [...dialog.typed].slice(0, -1).join(''), problem: undefined};
		}

		case 'submit': {
			const expected = dialog.confirmation.typeToConfirm;
			return expected === undefined || dialog.typed === expected ? dialog : {...dialog, problem: dialog.typed === '' ? `type ${expected} to remove it` : `"${dialog.typed}" is not ${expected}`};
		}

		case 'sent': {
			return {...dialog, pending: event.pending};
		}
	}
}

/** Whether the dialog, after `submit`, may be sent: an add at once, a remove once the name is typed right. */
export function isConfirmed(dialog: MembershipDialog): boolean {
	const expected = dialog.confirmation.typeToConfirm;
	return dialog.pending === undefined && (expected === undefined || dialog.typed === expected);
}
