import type {ClusterAlarm, ClusterReading} from '../../cluster/cluster-reading.ts';
import {lagWarningEntries} from '../cluster/cluster-summary.ts';
import {plural} from '../shared/format.ts';
import {memberViews, type MemberView} from '../cluster/member-view.ts';
import type {SnapshotMemberRef} from '../../backup/manifest.ts';

/** A member the snapshot could be streamed from, as the snapshot dialog lists it. */
export interface SnapshotSourceChoice {
	memberId: string;
	/** The member's name, or its ID while it has none. */
	name: string;
	/** The client URL to stream from; undefined when the member has none. */
	endpoint: string | undefined;
	isLeader: boolean;
	/** Why this member cannot serve a snapshot now; undefined when it can. */
	unavailableReason: string | undefined;
	/** Why it is a second choice (lagging, reporting errors); undefined when healthy and up to date. */
	caveat: string | undefined;
}

/**
 * Every member, best source first: members that can serve a snapshot before those that cannot; among
 * them healthy, up-to-date ones first, followers before the leader (a snapshot stream is heavy work the
 * leader is spared), then the least behind, then by name.
 */
export function snapshotSourceChoices(snapshot: ClusterReading): SnapshotSourceChoice[] {
	const choices = memberViews(snapshot)
		.filter((view): view is MemberView & {id: string; member: NonNullable<MemberView['member']>} => view.id !== undefined && view.member !== undefined)
		.map(view => ({
			choice: {
				memberId: view.id,
				name: view.name === '' ? view.id : view.name,
				endpoint: view.probe?.endpoint ?? view.member.clientUrls[0],
				isLeader: view.isLeader,
				unavailableReason: unavailableReason(view),
				caveat: caveat(view, snapshot.alarms ?? []),
			},
			lag: view.lagEntries ?? Number.POSITIVE_INFINITY,
		}));
	const rank = (item: (typeof choices)[number]) => [
		Number(item.choice.unavailableReason !== undefined),
		Number(item.choice.caveat !== undefined),
		Number(item.choice.isLeader),
	];
	return choices
		.sort((a, b) => compareRanks(rank(a), rank(b)) || a.lag - b.lag || a.choice.name.localeCompare(b.choice.name))
		.map(item => item.choice);
}

/** The member a snapshot streams from unless the operator picks another: the best available one. */
export function defaultSnapshotSource(snapshot: ClusterReading): SnapshotSourceChoice | undefined {
	const best = snapshotSourceChoices(snapshot)[0];
	return best?.unavailableReason === undefined ? best : undefined;
}

/** The member to pass to saveSnapshot, or undefined when this choice cannot serve a snapshot. */
export function snapshotMemberOf(choice: SnapshotSourceChoice): SnapshotMemberRef | undefined {
	if (choice.unavailableReason !== undefined || choice.endpoint === undefined) {
		return undefined;
	}

	return {id: choice.memberId, name: choice.name, endpoint: choice.endpoint};
}

function unavailableReason(view: MemberView): string | undefined {
	if (view.isLearner) {
		return 'a learner does not serve snapshots';
	}

	if (view.member?.started === false) {
		return 'not started yet';
	}

	if (view.probe === undefined) {
		return view.member?.clientUrls.length === 0 ? 'has no client URL' : 'was not asked for its status yet';
	}

	if (view.status === undefined) {
		return `does not answer: ${view.probe.error ?? 'no status'}`;
	}

	return undefined;
}

function caveat(view: MemberView, alarms: readonly ClusterAlarm[]): string | undefined {
	// Every member reports the cluster's alarms; the member an alarm was raised on is the doubtful one.
	const raised = alarms.filter(alarm => alarm.memberId === view.id).map(alarm => alarm.alarm);
	if (raised.length > 0) {
		return `alarm ${raised.join(', ')} raised on it`;
	}

	if (view.lagEntries === undefined) {
		return 'no leader: cannot tell whether it is up to date';
	}

	if (view.lagEntries >= lagWarningEntries) {
		return `${plural(view.lagEntries, 'entry', 'entries')} behind the leader`;
	}

	return undefined;
}

function compareRanks(a: number[], b: number[]): number {
	for (const [index, value] of a.entries()) {
		const difference = value - (b[index] ?? 0);
		if (difference !== 0) {
			return difference;
		}
	}

	return 0;
}
