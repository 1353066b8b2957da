import type {MemberInfo} from '../cluster-reading.ts';

/** What a member add or remove came to: plain data, never a thrown error. */
export interface MembershipResult {
	ok: boolean;
	/** One line: what changed, or why nothing did, in etcd's own words when etcd refused. */
	message: string;
	/** The endpoint the request went to (the leader's); undefined when it was not sent at all. */
	sentTo: string | undefined;
	/** Add: the new member as etcd answered (its ID; no name until it starts). */
	added: MemberInfo | undefined;
	/** The member list in etcd's answer, after the change; empty when it did not happen. */
	members: MemberInfo[];
}
