import type {MembershipResult} from '../../cluster/membership/membership-result.ts';
import type {ActionLogEntry} from '../actions/action-log.ts';
import {memberAddCommand, memberRemoveCommand, type MembershipConfirmation} from './membership-confirmation.ts';

/**
 * The action log's line for what a confirmed membership change came to, with the etcdctl command that
 * names the endpoint it really went to. `request` is what the confirmation was made for.
 */
export function membershipEntry(confirmation: MembershipConfirmation, request: {name: string; peerUrls: readonly string[]; asVoter: boolean} | undefined, result: MembershipResult, at: number): ActionLogEntry {
	const etcdctl = result.sentTo === undefined
		? confirmation.etcdctl
		: confirmation.action === 'member add' && request !== undefined
			? memberAddCommand(result.sentTo, request.name, request.peerUrls, request.asVoter)
			: memberRemoveCommand(result.sentTo, confirmation.targetId ?? '');
	return {
		at,
		action: confirmation.action,
		target: result.added === undefined ? confirmation.target : `${confirmation.target} (${result.added.id})`,
		outcome: result.ok ? 'succeeded' : result.sentTo === undefined ? 'refused' : 'failed',
		message: result.message,
		etcdctl,
	};
}

/** The line for a membership change refused before it was shown or sent (a check said no). */
export function membershipRefusedEntry(action: MembershipConfirmation['action'], target: string, reason: string, at: number): ActionLogEntry {
	return {at, action, target, outcome: 'refused', message: reason, etcdctl: undefined};
}

/** The line for a confirmation the operator declined. */
export function membershipCancelledEntry(confirmation: MembershipConfirmation, at: number): ActionLogEntry {
	return {at, action: confirmation.action, target: confirmation.target, outcome: 'cancelled', message: 'cancelled at the confirmation', etcdctl: confirmation.etcdctl};
}
