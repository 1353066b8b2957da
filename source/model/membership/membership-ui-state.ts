import type {AddRequest} from './membership-checks.ts';
import type {MembershipConfirmation} from './membership-confirmation.ts';
import {settingsFormats, type NewMemberSettings, type SettingsFormat} from './new-member-settings.ts';
import {membershipDialogReducer, openMembershipDialog, type MembershipDialog, type MembershipDialogEvent} from './membership-dialog-state.ts';

/** The settings of a member just added, on screen until closed. */
export interface SettingsShown {
	/** "etcd-4 (2f0fd4b3a5cb0e1a)". */
	member: string;
	name: string;
	settings: NewMemberSettings;
	format: SettingsFormat;
	/** What the last write came to; undefined before one. */
	written: string | undefined;
}

/** What of membership is on screen: a confirmation (with the add it was made for), or a new member's settings. */
export interface MembershipUi {
	dialog: MembershipDialog | undefined;
	request: AddRequest | undefined;
	settings: SettingsShown | undefined;
}

export type MembershipUiEvent =
	| {type: 'open'; confirmation: MembershipConfirmation; request: AddRequest | undefined}
	| {type: 'dialog'; event: MembershipDialogEvent}
	| {type: 'close-dialog'}
	| {type: 'show-settings'; shown: Omit<SettingsShown, 'format' | 'written'>}
	| {type: 'next-format'}
	| {type: 'written'; text: string}
	| {type: 'close-settings'};

export const noMembershipUi: MembershipUi = {dialog: undefined, request: undefined, settings: undefined};

export function membershipUiReducer(state: MembershipUi, event: MembershipUiEvent): MembershipUi {
	switch (event.type) {
		case 'open': {
			return {...state, dialog: openMembershipDialog(event.confirmation), request: event.request};
		}

		case 'dialog': {
			return state.dialog === undefined ? state : {...state, dialog: membershipDialogReducer(state.dialog, event.event)};
		}

		case 'close-dialog': {
			return {...state, dialog: undefined, request: undefined};
		}

		case 'show-settings': {
			return {...state, settings: {...event.shown, format: 'env', written: undefined}};
		}

		case 'next-format': {
			if (state.settings === undefined) {
				return state;
			}

			const next = settingsFormats[(settingsFormats.indexOf(state.settings.format) + 1) % settingsFormats.length]!;
			return {...state, settings: {...state.settings, format: next}};
		}

		case 'written': {
			return state.settings === undefined ? state : {...state, settings: {...state.settings, written: event.text}};
		}

		case 'close-settings': {
			return {...state, settings: undefined};
		}
	}
}
