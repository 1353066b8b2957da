import type {MemberInfo} from './cluster-reading.ts';
import type {Probe} from './endpoint-prober.ts';

/**
 * However quiet the Status answers look, the member list is read again after this long: a backstop
 * for a change the answers could not show (a write applied between the two figures of one answer).
 */
export const memberListMaxAgeMs = 30_000;

/** What the Status answers said just before the member list in use was asked for. */
export interface MembershipMark {
	/** The highest applied-index-less-revision among the answers (see {@link Probe}). */
	entriesWithoutRevision: number;
	/** When the member list in use was read. */
	listedAt: number;
}

/** The mark of a round of probes taken before a member list was asked for; undefined when no Status answered. */
export function markOf(probes: readonly Probe[], listedAt: number): MembershipMark | undefined {
	const figures = probes.flatMap(probe => (probe.entriesWithoutRevision === undefined ? [] : [probe.entriesWithoutRevision]));
	return figures.length === 0 ? undefined : {entriesWithoutRevision: Math.max(...figures), listedAt};
}

/**
 * Whether the member list read at `mark` still holds, by this round's Status answers. Every change of
 * membership (add, remove, promote, a peer URL update, an added member publishing its name) is a raft
 * entry that writes no key, so it raises every member's applied index without its revision: the list
 * is kept only while every answer shows the same figure as before it was read, every answer comes from
 * a listed member with the role the list gives it, and the leader is a listed member. A member that
 * does not answer says nothing either way: its removal would show on the others.
 */
export function membershipUnchanged(mark: MembershipMark | undefined, probes: readonly Probe[], members: readonly MemberInfo[], now: number): boolean {
	if (mark === undefined || now - mark.listedAt >= memberListMaxAgeMs) {
		return false;
	}

	const answers = probes.filter(probe => probe.entriesWithoutRevision !== undefined && probe.status !== undefined);
	if (answers.length === 0) {
		return false;
	}

	const byId = new Map(members.map(member => [member.id, member]));
	return answers.every(probe => {
		const member = probe.memberId === undefined ? undefined : byId.get(probe.memberId);
		const leader = probe.status!.leaderId;
		return probe.entriesWithoutRevision === mark.entriesWithoutRevision
			&& member !== undefined
			&& member.isLearner === probe.status!.isLearner
			&& (leader === undefined || leader === '0' || byId.has(leader));
	});
}
