import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {formatBytes, formatPercent} from '../shared/format.ts';
import type {MemberView} from '../cluster/member-view.ts';

/**
 * Which members a defragment is worth: etcd-defrag's rule over DB size and in-use size, in its simplest
 * useful form. A defragment rewrites the whole DB and blocks the member while it runs, so a member with
 * little to give back is left alone unless `all` says otherwise.
 */
export interface DefragRule {
	/** Selected when at least this share of its DB is reclaimable (size − in use)… */
	minReclaimableRatio: number;
	/** …or at least this many bytes. */
	minReclaimableBytes: number;
	/** --all: every member, whatever it would reclaim. */
	all: boolean;
	/** `:defrag MEMBER`: that member alone (its name or hex ID), whatever it would reclaim. */
	only?: string;
}

export const defaultDefragRule: DefragRule = {minReclaimableRatio: 0.2, minReclaimableBytes: 100_000_000, all: false};

/** One member in a plan, with what it is expected to give back. */
export interface PlannedMember {
	id: string;
	name: string;
	/** The client URL its defragment is sent to; undefined when it has none. */
	endpoint: string | undefined;
	isLearner: boolean;
	/** Leads when the plan was made (the run defragments whichever member leads then last). */
	isLeader: boolean;
	sizeBytes: number | undefined;
	inUseBytes: number | undefined;
	reclaimableBytes: number | undefined;
	/** Why the rule selected it or left it out. */
	reason: string;
}

export interface DefragPlan {
	/** Selected members in the order they are defragmented: learners, then followers, the leader last. */
	order: PlannedMember[];
	/** Members the rule left out, with why. */
	skipped: PlannedMember[];
	/** The rule in words, as the plan shows it. */
	rule: string;
	/** What the selected members are expected to give back in all. */
	expectedReclaimBytes: number;
	/** A caveat about the figures the rule judged. */
	note?: string;
}

export function describeRule(rule: DefragRule): string {
	if (rule.only !== undefined) {
		return `${rule.only} alone (named)`;
	}

	return rule.all
		? 'every member (--all)'
		: `members with at least ${formatPercent(rule.minReclaimableRatio)} of their DB or ${formatBytes(rule.minReclaimableBytes)} reclaimable (size − in use; --all for every member)`;
}

/** The plan for the cluster as `summary` sees it. Members without figures stay in it: the gate refuses them. */
export function planDefrag(summary: ClusterSummary, rule: DefragRule): DefragPlan {
	const candidates = summary.views.filter(view => view.member !== undefined).map(view => plannedMember(view));
	const order: PlannedMember[] = [];
	const skipped: PlannedMember[] = [];
	for (const member of candidates) {
		const verdict = judge(member, rule);
		(verdict.selected ? order : skipped).push({...member, reason: verdict.reason});
	}

	return {
		order: defragOrder(order),
		skipped,
		rule: describeRule(rule),
		expectedReclaimBytes: order.reduce((sum, member) => sum + (member.reclaimableBytes ?? 0), 0),
	};
}

function plannedMember(view: MemberView): PlannedMember {
	const sizeBytes = view.status?.dbSizeBytes;
	const inUseBytes = view.status?.dbSizeInUseBytes;
	return {
		id: view.member!.id,
		name: view.name === '' ? view.member!.id : view.name,
		endpoint: view.probe?.endpoint ?? view.member!.clientUrls[0],
		isLearner: view.isLearner,
		isLeader: view.isLeader,
		sizeBytes,
		inUseBytes,
		reclaimableBytes: sizeBytes === undefined || inUseBytes === undefined ? undefined : Math.max(0, sizeBytes - inUseBytes),
		reason: '',
	};
}

/** Whether `name` names the member: its name, or its hex ID. */
export function namesMember(member: {id: string; name: string}, name: string): boolean {
	return member.name === name || member.id.toLowerCase() === name.toLowerCase();
}

function judge(member: PlannedMember, rule: DefragRule): {selected: boolean; reason: string} {
	const {sizeBytes, reclaimableBytes} = member;
	if (rule.only !== undefined) {
		const figures = reclaimableBytes === undefined ? 'reclaimable unknown' : `${formatBytes(reclaimableBytes)} reclaimable`;
		return namesMember(member, rule.only) ? {selected: true, reason: `named; ${figures}`} : {selected: false, reason: `not ${rule.only}`};
	}

	if (rule.all) {
		return {selected: true, reason: reclaimableBytes === undefined ? '--all (reclaimable unknown)' : `--all; ${formatBytes(reclaimableBytes)} reclaimable`};
	}

	if (sizeBytes === undefined || reclaimableBytes === undefined) {
		return {selected: false, reason: member.sizeBytes === undefined ? 'no figures: it did not answer its Status' : 'its size in use is unknown'};
	}

	const ratio = sizeBytes === 0 ? 0 : reclaimableBytes / sizeBytes;
	const figures = `${formatBytes(reclaimableBytes)} (${formatPercent(ratio)}) of ${formatBytes(sizeBytes)} reclaimable`;
	if (ratio >= rule.minReclaimableRatio || reclaimableBytes >= rule.minReclaimableBytes) {
		return {selected: true, reason: figures};
	}

	return {selected: false, reason: `only ${figures}`};
}

/** Learners first (they hold no vote), then followers by name, the leader last. */
export function defragOrder(members: readonly PlannedMember[]): PlannedMember[] {
	const rank = (member: PlannedMember) => (member.isLearner ? 0 : member.isLeader ? 2 : 1);
	return [...members].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The member to defragment next among those left: the first that does not lead right now, so the leader
 * is last even when leadership moved during the run; the leader only when it is all that is left.
 */
export function nextToDefragment(remaining: readonly PlannedMember[], leaderId: string | undefined): PlannedMember | undefined {
	return remaining.find(member => member.id !== leaderId) ?? remaining[0];
}
