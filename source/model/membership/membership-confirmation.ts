import type {ConfirmationFact} from '../actions/member-action-checks.ts';
import {shellQuote} from '../shared/shell-quote.ts';

/** The membership changes: add a member (a learner unless asked otherwise), remove one. */
export type MembershipActionKind = 'member add' | 'member remove';

/** Everything the confirmation of a membership change shows before it is sent. */
export interface MembershipConfirmation {
	action: MembershipActionKind;
	/** The member as dialogs and the action log name it: "etcd-4 (2f0fd4b3a5cb0e1a)", or the new name. */
	target: string;
	/** Remove: the hex ID of the member removed. */
	targetId: string | undefined;
	title: string;
	facts: ConfirmationFact[];
	/** What the operator should weigh (an even voter count, a voter that counts before it starts). */
	warnings: string[];
	/** The etcdctl command that does the same, never with credentials. */
	etcdctl: string;
	/** Remove: the text the operator types to confirm (the member's name, or its ID when it has none). */
	typeToConfirm: string | undefined;
}

/** Whether a membership change may be asked for, or the one-line reason it is refused before asking etcd. */
export type MembershipCheck = {allowed: true; confirmation: MembershipConfirmation} | {allowed: false; reason: string};

/** `etcdctl member add`, as the runbooks type it. */
export function memberAddCommand(endpoint: string | undefined, name: string, peerUrls: readonly string[], asVoter: boolean): string {
	return `etcdctl ${endpointsFlag(endpoint)}member add ${shellQuote(name)} --peer-urls=${shellQuote(peerUrls.join(','))}${asVoter ? '' : ' --learner'}`;
}

/** `etcdctl member remove`. */
export function memberRemoveCommand(endpoint: string | undefined, memberId: string): string {
	return `etcdctl ${endpointsFlag(endpoint)}member remove ${memberId}`;
}

function endpointsFlag(endpoint: string | undefined): string {
	return endpoint === undefined ? '' : `--endpoints=${shellQuote(endpoint)} `;
}
