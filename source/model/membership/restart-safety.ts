import {lagWarningEntries, type ClusterSummary} from '../cluster/cluster-summary.ts';
import type {MemberView} from '../cluster/member-view.ts';
import {quorumSize} from '../cluster/quorum.ts';
import {plural} from '../shared/format.ts';
import {answers} from './known-members.ts';

/** Whether a member may be stopped (restarted) right now, and why or why not, in one line. */
export interface StopSafety {
	safe: boolean;
	reason: string;
}

function nameOf(view: MemberView): string {
	return view.name || view.id || 'unknown member';
}

/**
 * Behind the leader by fewer entries than this, a member counts as in sync for a restart: the header's
 * own line for lagging, since a few entries between two status calls are normal on a busy cluster.
 */
export const restartInSyncEntries = lagWarningEntries;

/**
 * The restart runbook's question for one member: may it stop now? Only if the voters left keep their
 * quorum with every one of them answering and in sync with the leader (a member still catching up
 * after its own restart counts as not yet back). A learner does not vote: stopping it never touches
 * quorum. etcdeck stops nothing itself; this only says when the next one may go.
 */
export function stopSafety(summary: ClusterSummary, memberId: string): StopSafety {
	const views = summary.views.filter(view => view.member !== undefined);
	const target = views.find(view => view.member!.id === memberId);
	if (target === undefined) {
		return {safe: false, reason: 'not in the member list'};
	}

	if (!target.member!.started) {
		return {safe: false, reason: 'unstarted: there is nothing to stop yet'};
	}

	if (!answers(target)) {
		return {safe: false, reason: 'down already: bring it back before stopping another'};
	}

	if (target.isLearner) {
		return {safe: true, reason: 'safe to stop: a learner does not vote, quorum is untouched'};
	}

	const others = views.filter(view => view !== target && !view.isLearner);
	const down = others.filter(view => !answers(view) || !view.member!.started);
	const answeringOthers = others.length - down.length;
	const quorum = quorumSize(summary.voters);
	if (answeringOthers < quorum) {
		const downText = down.length === 0 ? '' : ` (${down.map(nameOf).join(', ')} ${down.length === 1 ? 'is' : 'are'} down)`;
		return {safe: false, reason: `not safe: stopping it leaves ${answeringOthers} of ${summary.voters} voters, quorum is ${quorum}${downText}`};
	}

	if (down.length > 0) {
		return {safe: false, reason: `not safe: ${down.map(nameOf).join(', ')} ${down.length === 1 ? 'is' : 'are'} down; one at a time`};
	}

	if (summary.leader === undefined) {
		return {safe: false, reason: 'not safe: no leader known'};
	}

	const behind = others.filter(view => view.lagEntries === undefined ? view.status !== undefined : view.lagEntries >= restartInSyncEntries);
	if (behind.length > 0) {
		const detail = behind.map(view => `${nameOf(view)} ${view.lagEntries === undefined ? 'has an unknown raft index' : `is ${plural(view.lagEntries, 'entry', 'entries')} behind`}`);
		return {safe: false, reason: `not safe yet: ${detail.join(', ')}; wait until in sync`};
	}

	return {safe: true, reason: target.isLeader ? 'safe to stop: the others keep quorum and are in sync (it leads: an election follows; move-leader first avoids the pause)' : 'safe to stop: the others keep quorum and are in sync'};
}
