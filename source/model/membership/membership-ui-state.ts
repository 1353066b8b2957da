import type {AddRequest} from './membership-checks.ts';
import {typedText} from '../shared/safe-text.ts';
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
	/** The add line (+): what the operator typed, "NAME PEER-URL[,PEER-URL] [voter]", and why Enter did nothing. */
	form: {text: string; problem: string | undefined} | undefined;
	dialog: MembershipDialog | undefined;
	request: AddRequest | undefined;
	settings: SettingsShown | undefined;
}

export type MembershipUiEvent =
	| {type: 'open-form'}
	| {type: 'form-type'; text: string}
	| {type: 'form-erase'}
	| {type: 'form-problem'; text: string}
	| {type: 'close-form'}
	| {type: 'open'; confirmation: MembershipConfirmation; request: AddRequest | undefined}
	| {type: 'dialog'; event: MembershipDialogEvent}
	| {type: 'close-dialog'}
	| {type: 'show-settings'; shown: Omit<SettingsShown, 'format' | 'written'>}
	| {type: 'next-format'}
	| {type: 'written'; text: string}
	| {type: 'close-settings'};

export const noMembershipUi: MembershipUi = {form: undefined, dialog: undefined, request: undefined, settings: undefined};

export function membershipUiReducer(state: MembershipUi, event: MembershipUiEvent): MembershipUi {
	switch (event.type) {
		case 'open-form': {
			return {...state, form: {text: '', problem: undefined}};
		}

		case 'form-type': {
			const text = typedText(event.text);
			return state.form === undefined || text === '' ? state : {...state, form: {text: state.form.text + text, problem: undefined}};
		}

		case 'form-erase': {
			return state.form === undefined ? state : {...state, form: {text: [...state.form.text].slice(0, -1).join(''), problem: undefined}};
		}

		case 'form-problem': {
			return state.form === undefined ? state : {...state, form: {...state.form, problem: event.text}};
		}

		case 'close-form': {
			return {...state, form: undefined};
		}

		case 'open': {
			return {...state, form: undefined, dialog: openMembershipDialog(event.confirmation), request: event.request};
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

/** The add line's text as a request: "NAME PEER-URL[,PEER-URL]", then "voter" to add a voter; or what is missing. */
export function parseAddLine(text: string): AddRequest | string {
	const words = text.trim().split(/\s+/).filter(word => word !== '');
	if (words.length < 2) {
		return 'type the new member\'s NAME and PEER-URL[,PEER-URL], e.g. etcd-4 https://10.0.0.4:2380';
	}

	if (words.length > 3 || (words.length === 3 && words[2] !== 'voter')) {
		return `expected NAME PEER-URL[,PEER-URL] and optionally "voter", got ${words.length} words`;
	}

	return {name: words[0]!, peerUrls: words[1]!.split(',').filter(url => url !== ''), asVoter: words[2] === 'voter'};
}
