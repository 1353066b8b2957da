import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {plural} from '../shared/format.ts';
import type {MemberView} from '../cluster/member-view.ts';

/** What the gate knows besides the fresh summary. */
export interface GateFacts {
	summary: ClusterSummary;
	/** Members defragmenting now, by hex ID, with who says so (their /metrics, or this etcdeck). */
	defragmenting: ReadonlyMap<string, string>;
	/** A voter further than this many raft entries behind the leader stops the run. */
	maxLagEntries: number;
}

/** The member about to be made busy; undefined for a step that busies none (a compaction). */
export interface GateTarget {
	id: string;
	name: string;
	isLearner: boolean;
}

export interface GateCheck {
	name: string;
	passed: boolean;
	/** The figures: what passed, or what failed and why. */
	detail: string;
}

export interface GateVerdict {
	passed: boolean;
	checks: GateCheck[];
	/** The first failed check's detail, when one failed. */
	reason: string | undefined;
}

/**
 * The checks before each member is taken out of service, on a fresh look at the cluster: every voter
 * answers, quorum survives this member being busy, every voter keeps up with the leader, no member is
 * defragmenting already, and no member's data is known to be corrupt. A failed check stops the run.
 */
export function gateBefore(target: GateTarget | undefined, facts: GateFacts): GateVerdict {
	const {summary} = facts;
	const label = (view: MemberView) => view.name || view.id || view.probe?.endpoint || 'unknown member';
	const voters = summary.views.filter(view => view.member !== undefined && !view.isLearner);
	const silent = voters.filter(view => view.status === undefined);
	const checks: GateCheck[] = [];
	const check = (name: string, passed: boolean, detail: string) => checks.push({name, passed, detail});

	if (summary.statusDenied) {
		check('figures', false, 'the members refuse Status to this user: maintenance needs the root role');
	}

	check(
		'every voter answers',
		voters.length > 0 && silent.length === 0,
		silent.length === 0
			? `${voters.length} of ${voters.length} voters answer`
			: silent.map(view => `${label(view)} does not answer: ${view.member?.started === false ? 'added but not started' : (view.probe?.error ?? 'no answer')}`).join('; '),
	);

	const targetView = target === undefined ? undefined : summary.views.find(view => view.id === target.id);
	if (target !== undefined && target.isLearner) {
		check('the learner answers', targetView?.status !== undefined, targetView?.status === undefined ? `${target.name} does not answer: ${targetView?.probe?.error ?? 'no answer'}` : `${target.name} answers`);
	}

	const available = voters.length - silent.length - (target !== undefined && !target.isLearner && targetView?.status !== undefined ? 1 : 0);
	const busy = target === undefined ? 'throughout' : `while ${target.name} is busy`;
	check('quorum survives', available >= summary.quorum, `${available} of ${plural(voters.length, 'voter')} stay available ${busy}, ${summary.quorum} needed`);

	check('a leader', summary.leader !== undefined, summary.leader === undefined ? 'no member reports itself as leader' : `${summary.leader.name} leads`);

	const behind = voters
		.filter(view => view.lagEntries !== undefined)
		.sort((a, b) => b.lagEntries! - a.lagEntries!);
	const worst = behind[0];
	const lagging = behind.filter(view => view.lagEntries! > facts.maxLagEntries);
	check(
		'voters keep up',
		lagging.length === 0,
		lagging.length > 0
			? lagging.map(view => `${label(view)} is ${plural(view.lagEntries!, 'entry', 'entries')} behind the leader (at most ${facts.maxLagEntries})`).join('; ')
			: `every voter within ${facts.maxLagEntries} entries of the leader${worst === undefined ? '' : ` (most behind: ${label(worst)}, ${plural(worst.lagEntries!, 'entry', 'entries')})`}`,
	);

	const nameOf = (id: string) => {
		const view = summary.views.find(candidate => candidate.id === id);
		return view === undefined ? id : label(view);
	};

	const defragmenting = [...facts.defragmenting].map(([id, who]) => `${nameOf(id)} is defragmenting already (${who})`);
	check('no member defragmenting', defragmenting.length === 0, defragmenting.length === 0 ? 'no member is defragmenting' : defragmenting.join('; '));

	const corrupt = summary.alarms.filter(alarm => alarm.alarm === 'CORRUPT');
	check('no CORRUPT alarm', corrupt.length === 0, corrupt.length === 0 ? 'no CORRUPT alarm' : `alarm CORRUPT on ${corrupt.map(alarm => alarm.member).join(', ')}: its data differs from the others'; rebuild that member before maintenance`);

	const failed = checks.find(item => !item.passed);
	return {passed: failed === undefined, checks, reason: failed?.detail};
}
