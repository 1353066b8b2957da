/** A member as an action's outcome names it. */
export interface NamedMember {
	/** Hex member ID. */
	id: string;
	/** Empty for a member that has not started. */
	name: string;
}

/** What a promote or move-leader request came to: plain data, never a thrown error. */
export interface MemberActionResult {
	ok: boolean;
	/**
	 * One line for the operator: what changed, or why nothing did. When etcd refused, its own words
	 * ("etcdserver: can only promote a learner member which is in sync with leader").
	 */
	message: string;
	/** The endpoint the request went to (the leader's); undefined when it was not sent at all. */
	sentTo: string | undefined;
	/** The leader when the action was sent, from a fresh status of every member. */
	leaderBefore: NamedMember | undefined;
	/** After a move-leader that succeeded: the member that leads now. */
	leaderAfter: NamedMember | undefined;
}
