import React from 'react';
import type {MembershipUi} from '../../model/membership/membership-ui-state.ts';
import {AddMemberLine} from './AddMemberLine.tsx';
import {MembershipDialogView} from './MembershipDialogView.tsx';
import {NewMemberSettingsView} from './NewMemberSettingsView.tsx';

/** Whichever membership view is open: the add line, a confirmation, or the new member's settings. */
export function MembershipViews({ui, width}: {ui: MembershipUi; width: number}) {
	if (ui.form !== undefined) {
		return <AddMemberLine text={ui.form.text} problem={ui.form.problem} width={width} />;
	}

	if (ui.dialog !== undefined) {
		return <MembershipDialogView dialog={ui.dialog} width={width} />;
	}

	return ui.settings === undefined ? null : <NewMemberSettingsView member={ui.settings.member} settings={ui.settings.settings} format={ui.settings.format} written={ui.settings.written} width={width} />;
}

/** Whether one of them is open, so the shell shows it instead of the pane. */
export function membershipViewOpen(ui: MembershipUi): boolean {
	return ui.form !== undefined || ui.dialog !== undefined || ui.settings !== undefined;
}
