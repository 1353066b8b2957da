import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import type {MemberView} from '../cluster/member-view.ts';
import {quorumSize} from '../cluster/quorum.ts';
import {plural} from '../shared/format.ts';
import {urlProblem} from '../snapshots/restore-plan.ts';
import {answers, endpointOf, known, labelOf, leaderView, type KnownView} from './known-members.ts';
import {evenWarning, membershipBlocker, refuse, toleratesFact, votersFact} from './membership-change-facts.ts';
import {memberNameProblem, sameUrl} from './added-member-inputs.ts';
import {memberAddCommand, memberRemoveCommand, type MembershipCheck} from './membership-confirmation.ts';

/** What the operator asked to add. */
export interface AddRequest {
	name: string;
	peerUrls: readonly string[];
	/** A voter from the start: only when asked for explicitly (the runbooks add learners). */
	asVoter: boolean;
}

/** `member add`: what would change, or why etcdeck does not ask etcd at all. */
export function checkAdd(summary: ClusterSummary | undefined, request: AddRequest): MembershipCheck {
	const name = request.name;
	const refuseAdd = (why: string) => refuse(`Cannot add ${name === '' ? 'a member' : name}: ${why}`);
	if (summary === undefined) {
		return refuseAdd('no refresh yet');
	}

	const nameProblem = memberNameProblem(name);
	if (nameProblem !== undefined) {
		return refuseAdd(nameProblem);
	}

	if (request.peerUrls.length === 0) {
		return refuseAdd('give its peer URL (https://HOST:2380)');
	}

	for (const url of request.peerUrls) {
		const problem = urlProblem(url);
		if (problem !== undefined) {
			return refuseAdd(`peer URL ${problem}`);
		}
	}

	if (new Set(request.peerUrls).size !== request.peerUrls.length) {
		return refuseAdd('a peer URL is given twice');
	}

	const views = known(summary);
	const sameName = views.find(view => view.name === name);
	if (sameName !== undefined) {
		return refuseAdd(`the name is taken by member ${sameName.member.id}`);
	}

	for (const url of request.peerUrls) {
		const owner = views.find(view => view.member.peerUrls.some(peerUrl => sameUrl(peerUrl, url)));
		if (owner !== undefined) {
			return refuseAdd(`peer URL ${url} belongs to member ${labelOf(owner)} already`);
		}
	}

	const blocker = membershipBlocker(summary);
	if (blocker !== undefined) {
		return refuseAdd(blocker);
	}

	const down = views.filter(view => !view.isLearner && view.member.started && !answers(view));
	if (down.length > 0) {
		return refuseAdd(`voter ${down.map(labelOf).join(', ')} does not answer: bring it back (or remove it) before adding a member`);
	}

	const unstarted = views.find(view => !view.member.started);
	if (unstarted !== undefined) {
		return refuseAdd(`${unstarted.isLearner ? 'learner' : 'voter'} ${unstarted.member.id} (${unstarted.member.peerUrls.join(',')}) was added but never started: start it, or remove it, first`);
	}

	const learner = views.find(view => view.isLearner);
	if (!request.asVoter && learner !== undefined) {
		return refuseAdd(`${labelOf(learner)} is a learner already, and etcd allows one learner at a time by default: promote or remove it first`);
	}

	const voters = summary.voters;
	const learners = summary.learners;
	const votersAfter = request.asVoter ? voters + 1 : voters;
	const leader = leaderView(views);
	const endpoint = endpointOf(leader);
	const warnings: string[] = [];
	if (request.asVoter) {
		warnings.push(`A voter counts toward quorum from the moment it is added, before its etcd starts: until it has joined, ${voters} of ${votersAfter} voters answer and the cluster tolerates ${plural(Math.max(0, voters - quorumSize(votersAfter)), 'failure')}`);
		const even = evenWarning(votersAfter);
		if (even !== undefined) {
			warnings.push(even);
		}
	}

	return {
		allowed: true,
		confirmation: {
			action: 'member add',
			target: name,
			targetId: undefined,
			title: `Add ${name} as a ${request.asVoter ? 'voter' : 'learner'}?`,
			facts: [
				{label: 'Member', value: name},
				{label: 'Peer URLs', value: request.peerUrls.join(', ')},
				{label: 'As', value: request.asVoter ? 'voter: it votes from the moment it is added' : 'learner: it does not vote until promoted'},
				votersFact(voters, votersAfter),
				{label: 'Learners', value: `${learners} → ${request.asVoter ? learners : learners + 1}`},
				toleratesFact(voters, votersAfter),
				{label: 'Sent to', value: `the leader${endpoint === undefined ? '' : ` at ${endpoint}`}, looked up again on confirm`},
			],
			warnings,
			etcdctl: memberAddCommand(endpoint, name, request.peerUrls, request.asVoter),
			typeToConfirm: undefined,
		},
	};
}

/** The members a name or hex ID given by the operator means (more than one: a name used twice). */
export function findMembers(summary: ClusterSummary, ref: string): MemberView[] {
	const views = known(summary);
	const byId = views.filter(view => view.member.id.toLowerCase() === ref.toLowerCase().replace(/^0x/, ''));
	return byId.length > 0 ? byId : views.filter(view => view.name === ref);
}

/** `member remove`: what would change, or why etcdeck does not ask etcd at all. */
export function checkRemove(summary: ClusterSummary | undefined, ref: string): MembershipCheck {
	const refuseRemove = (who: string, why: string) => refuse(`Cannot remove ${who}: ${why}`);
	if (summary === undefined) {
		return refuseRemove(ref, 'no refresh yet');
	}

	const found = findMembers(summary, ref) as KnownView[];
	if (found.length === 0) {
		return refuseRemove(ref, 'no member has that name or ID');
	}

	if (found.length > 1) {
		return refuseRemove(ref, `${found.length} members have that name (${found.map(view => view.member.id).join(', ')}): give the ID`);
	}

	const target = found[0]!;
	const label = labelOf(target);
	const views = known(summary);
	const blocker = membershipBlocker(summary);
	if (blocker !== undefined) {
		return refuseRemove(label, blocker);
	}

	if (target.isLeader) {
		const successor = views.find(view => !view.isLearner && !view.isLeader && answers(view) && (view.lagEntries ?? Infinity) <= 1);
		return refuseRemove(label, `it is the leader: move leadership first (m on ${successor === undefined ? 'another voter' : labelOf(successor)}, or etcdctl move-leader ${successor?.member.id ?? 'ID'}), then remove it`);
	}

	const voters = summary.voters;
	const targetAnswers = answers(target) && target.member.started;
	const warnings: string[] = [];
	let votersAfter = voters;
	let healthyAfter = summary.healthyVoters;
	if (!target.isLearner) {
		votersAfter = voters - 1;
		healthyAfter = summary.healthyVoters - (answers(target) ? 1 : 0);
		if (votersAfter === 0) {
			return refuseRemove(label, 'it is the last voter');
		}

		if (healthyAfter < quorumSize(votersAfter)) {
			const down = views.filter(view => !view.isLearner && view !== target && !answers(view)).map(labelOf);
			return refuseRemove(label, `the ${votersAfter} voters left would have ${healthyAfter} answering, fewer than their quorum of ${quorumSize(votersAfter)}${down.length > 0 ? ` (${down.join(', ')} ${down.length === 1 ? 'does' : 'do'} not answer)` : ''}`);
		}

		const even = evenWarning(votersAfter);
		if (even !== undefined) {
			warnings.push(even);
		}
	}

	const leader = leaderView(views);
	const endpoint = endpointOf(leader);
	const role = `${target.isLearner ? 'learner' : 'voter'}, ${!target.member.started ? 'unstarted (added, never joined): nothing depends on it' : targetAnswers ? 'answering' : 'not answering'}`;
	return {
		allowed: true,
		confirmation: {
			action: 'member remove',
			target: label,
			targetId: target.member.id,
			title: `Remove ${target.isLearner ? 'learner' : 'voter'} ${target.name || target.member.id}?`,
			facts: [
				{label: 'Member', value: label},
				{label: 'Role', value: role},
				votersFact(voters, votersAfter),
				toleratesFact(voters, votersAfter),
				{label: 'Answering', value: `${summary.healthyVoters} of ${voters} voters → ${healthyAfter} of ${votersAfter}`},
				{label: 'Sent to', value: `the leader${endpoint === undefined ? '' : ` at ${endpoint}`}, looked up again on confirm`},
			],
			warnings,
			etcdctl: memberRemoveCommand(endpoint, target.member.id),
			typeToConfirm: target.name === '' ? target.member.id : target.name,
		},
	};
}
