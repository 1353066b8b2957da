import type {Membership, MembershipActions} from '../../hooks/use-membership.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {MembershipCommand} from './membership-keymap.ts';

/**
 * The keys of whichever membership view is open (the add line, a confirmation, the new member's
 * settings), modal; undefined when none is. Text that is no key types into the add line or the name.
 */
export function membershipLayer(membership: Membership): KeyLayer<MembershipCommand> | undefined {
	const {form, dialog, settings} = membership.ui;
	if (form !== undefined) {
		return {
			scope: 'member-add-form',
			modal: true,
			run(command) {
				if (command === 'membership-submit') {
					membership.formSubmit();
				} else if (command === 'membership-erase') {
					membership.formErase();
				} else if (command === 'membership-cancel') {
					membership.formCancel();
				}
			},
			type: text => membership.formType(text),
		};
	}

	if (dialog !== undefined) {
		const removal = dialog.confirmation.typeToConfirm !== undefined;
		return {
			scope: removal ? 'member-remove-confirm' : 'member-add-confirm',
			modal: true,
			run(command) {
				if (command === 'membership-confirm' || command === 'membership-submit') {
					membership.submit();
				} else if (command === 'membership-erase') {
					membership.erase();
				} else if (command === 'membership-cancel') {
					membership.cancel();
				}
			},
			...(removal ? {type: (text: string) => membership.type(text)} : {}),
		};
	}

	if (settings !== undefined) {
		return {
			scope: 'new-member-settings',
			modal: true,
			run(command) {
				if (command === 'settings-next-format') {
					membership.nextFormat();
				} else if (command === 'settings-write') {
					membership.writeSettings();
				} else if (command === 'settings-close') {
					membership.closeSettings();
				}
			},
		};
	}

	return undefined;
}

const notOffered = 'membership changes are not offered in this session';

/** Stands in when the session offers no membership service: every change fails before it is sent, and says why. */
export const membershipNotOffered: MembershipActions = {
	addMember: async () => Promise.resolve({ok: false, message: notOffered, sentTo: undefined, added: undefined, members: []}),
	removeMember: async () => Promise.resolve({ok: false, message: notOffered, sentTo: undefined, added: undefined, members: []}),
	askPeer: async peerUrl => Promise.resolve({kind: 'error', peerUrl, error: notOffered}),
	writeNewFile: async () => Promise.resolve({ok: false, message: notOffered}),
};
