import type {MemberInfo} from '../cluster-reading.ts';
import {toMemberInfo} from '../member-info.ts';
import {hexIdToDecimal} from '../ids.ts';
import {lookNow, type ActionTransport} from '../member-actions.ts';
import type {MembershipResult} from './membership-result.ts';

function notSent(message: string): MembershipResult {
	return {ok: false, message, sentTo: undefined, added: undefined, members: []};
}

function label(member: MemberInfo): string {
	return member.name === '' ? member.id : `${member.name} (${member.id})`;
}

/**
 * `member add`: sent to the leader, found again from every voter's own status just before. etcd's
 * answer holds the new member's ID and the member list its settings are made from. Never throws.
 */
export async function addMember(transport: ActionTransport, request: {name: string; peerUrls: readonly string[]; isLearner: boolean}): Promise<MembershipResult> {
	const now = await lookNow(transport);
	if (typeof now === 'string') {
		return notSent(now);
	}

	if (now.leader === undefined) {
		return notSent('no leader known: no member reports itself as leader');
	}

	const taken = now.members.find(member => member.peerUrls.some(url => request.peerUrls.includes(url)));
	if (taken !== undefined) {
		return notSent(`peer URL ${taken.peerUrls.join(',')} belongs to member ${label(taken)} already`);
	}

	const {endpoint} = now.leader;
	try {
		const response = await transport.call(endpoint, async client => client.cluster.memberAdd({peerURLs: [...request.peerUrls], isLearner: request.isLearner}));
		const added = toMemberInfo(response.member);
		const members = response.members.map(member => toMemberInfo(member));
		return {ok: true, message: `${request.name} added as ${request.isLearner ? 'learner' : 'voter'} ${added.id}: start its etcd with the settings shown`, sentTo: endpoint, added, members};
	} catch (error) {
		return {ok: false, message: transport.describe(error), sentTo: endpoint, added: undefined, members: []};
	}
}

/**
 * `member remove`, sent to the leader. The leader itself is refused here too, on fresh facts: etcd
 * would take it, and the cluster would elect another with a member gone. The quorum check is the
 * caller's, on a fresh reading (see model/membership). Never throws.
 */
export async function removeMember(transport: ActionTransport, memberId: string): Promise<MembershipResult> {
	const now = await lookNow(transport);
	if (typeof now === 'string') {
		return notSent(now);
	}

	const target = now.members.find(member => member.id === memberId);
	if (target === undefined) {
		return notSent(`no member ${memberId} in the member list`);
	}

	if (now.leader === undefined) {
		return notSent('no leader known: no member reports itself as leader');
	}

	if (now.leader.member.id === memberId) {
		return notSent(`${label(target)} is the leader: move leadership to another voter first`);
	}

	const {endpoint} = now.leader;
	try {
		const response = await transport.call(endpoint, async client => client.cluster.memberRemove({ID: hexIdToDecimal(memberId)}));
		const members = response.members.map(member => toMemberInfo(member));
		const voters = members.filter(member => !member.isLearner).length;
		return {ok: true, message: `${label(target)} removed: ${voters} voters, ${members.length - voters} learners now`, sentTo: endpoint, added: undefined, members};
	} catch (error) {
		return {ok: false, message: transport.describe(error), sentTo: endpoint, added: undefined, members: []};
	}
}
