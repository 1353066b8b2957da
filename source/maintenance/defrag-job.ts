import {setTimeout as delay} from 'node:timers/promises';
import {plural} from '../model/shared/format.ts';
import {nextToDefragment, planDefrag, type DefragPlan, type DefragRule, type PlannedMember} from '../model/maintenance/defrag-plan.ts';
import {etcdctlFor, type JobEnd} from '../model/maintenance/maintenance-events.ts';
import {compactTarget} from '../model/maintenance/recovery.ts';
import {clusterEndpoint, endpointOf, finish, gateStep, lookNow, markDefragmenting, runStep, startRefusal, stopped, type JobContext, type Look} from './job-steps.ts';

export interface DefragJobOptions {
	rule: DefragRule;
	dryRun: boolean;
	/** Compact first, keeping the settings' --keep-revisions newest revisions. */
	compact: boolean;
	/** Hand leadership to a defragmented follower before the leader's turn. */
	moveLeader: boolean;
}

/**
 * `etcdeck defrag` and `:defrag`: a plan by the rule, an optional compaction, then one member at a time
 * behind the gate, the leader last. Never throws; the events say every step.
 */
export async function runDefrag(context: JobContext, options: DefragJobOptions): Promise<JobEnd> {
	const first = await lookNow(context);
	const refusal = startRefusal(first, 'defragment');
	if (refusal !== undefined) {
		return finish(context, {outcome: 'refused', message: refusal});
	}

	// Compaction first: the history it removes is what makes a DB reclaimable, so the rule judges after it.
	if (options.compact && !options.dryRun) {
		const compaction = await compactStep(context, first, {keepRevisions: context.settings.keepRevisions});
		if (compaction !== undefined) {
			return finish(context, compaction);
		}
	}

	const plan = context.changed ? await planAfterCompaction(context, await lookNow(context), options.rule) : planDefrag(first.summary, options.rule);
	context.emit({type: 'plan', at: context.now(), plan});
	if (options.dryRun) {
		const compactNote = options.compact ? ' (without the compaction --compact would run first, which frees more)' : '';
		return finish(context, {outcome: 'done', message: `dry run: ${plan.order.length === 0 ? 'no member meets the rule' : `${plural(plan.order.length, 'member')} would be defragmented`}${compactNote}; nothing changed`});
	}

	if (plan.order.length === 0) {
		return finish(context, {outcome: 'done', message: `nothing to defragment: no member meets the rule${context.changed ? ' after the compaction' : ''}`});
	}

	return finish(context, await defragmentMembers(context, plan, options.moveLeader) ?? {outcome: 'done', message: `defragmented ${plural(plan.order.length, 'member')}, the leader last`});
}

/** How long the plan waits for a write to make etcd measure the size in use again after a compaction… */
const remeasureWaitMs = 1000;
/** …and, once it made etcd commit itself, for the new figures. */
const remeasureDeadlineMs = 3000;
const remeasureIntervalMs = 200;

/**
 * etcd measures a DB's size in use when it commits a write, and frees the pages a compaction released
 * only at the commit after it: right after a compaction on a cluster nobody writes to, every member
 * still reports the size in use from before, and the rule would find nothing to reclaim. The plan
 * waits a moment for writes; when none come, it makes etcd commit (a lease granted and revoked, a step
 * of its own) and waits for the new figures, and says so when they still did not come.
 */
async function planAfterCompaction(context: JobContext, compacted: Look, rule: DefragRule): Promise<DefragPlan> {
	const inUseBefore = new Map(compacted.summary.views.map(view => [view.id, view.status?.dbSizeInUseBytes]));
	const staleIn = (look: Look) => look.summary.views.filter(view => view.status?.dbSizeInUseBytes !== undefined && view.status.dbSizeInUseBytes === inUseBefore.get(view.id));
	const inUseOf = (look: Look) => new Map(look.summary.views.map(view => [view.id, view.status?.dbSizeInUseBytes]));
	let deadline = context.now() + remeasureWaitMs;
	let nudged = false;
	let previous: ReturnType<typeof inUseOf> | undefined;
	for (;;) {
		const look = await lookNow(context);
		const stale = staleIn(look);
		// A follower compacts on its own after applying the compaction (--physical waits only for the
		// member asked): its size in use can move once, from a commit before its compaction ended, and
		// again after. Only figures that held between two looks are the ones to plan by.
		const inUse = inUseOf(look);
		const settled = previous !== undefined && [...inUse].every(([id, bytes]) => previous!.get(id) === bytes);
		previous = inUse;
		if ((stale.length === 0 && settled) || (context.now() >= deadline && nudged)) {
			const plan = planDefrag(look.summary, rule);
			return stale.length === 0 ? plan : {...plan, note: `${stale.map(view => view.name || view.id).join(', ')} still report the size in use from before the compaction: they may have more to reclaim than shown (--all defragments them regardless)`};
		}

		if (context.now() >= deadline) {
			nudged = true;
			deadline = context.now() + remeasureDeadlineMs;
			const endpoint = clusterEndpoint(look);
			if (endpoint !== undefined) {
				await runStep(context, {kind: 'remeasure', target: 'cluster', memberId: undefined, etcdctl: etcdctlFor.remeasure(endpoint)}, async () => {
					await context.port.remeasure(endpoint);
					return {outcome: 'succeeded', message: 'etcd measures the size in use when it commits: a lease granted and revoked at once (no key written, the revision stays)'};
				});
			}

			continue;
		}

		await delay(remeasureIntervalMs);
	}
}

/**
 * Compacts the cluster (through the leader) behind a gate, keeping the newest `keepRevisions`
 * revisions (0: up to the current one). Undefined when it went on to the next step (done, or nothing to
 * compact); else how the job ends.
 */
export async function compactStep(context: JobContext, look: Look, {keepRevisions}: {keepRevisions: number}): Promise<JobEnd | undefined> {
	const gate = await gateStep(context, look, undefined);
	if (!gate.passed) {
		return stopped(context, `compaction refused: ${gate.reason}`);
	}

	const endpoint = clusterEndpoint(look)!;
	const [status, metrics] = await Promise.all([context.port.memberStatus(endpoint).catch((error: unknown) => error as Error), context.port.metrics(endpoint).catch(() => undefined)]);
	if (status instanceof Error) {
		return stopped(context, `cannot read the current revision from ${endpoint}: ${context.port.describe(status)}`);
	}

	const target = compactTarget(status.revision, metrics?.compactRevision, undefined, keepRevisions);
	const step = {kind: 'compact' as const, target: 'cluster', memberId: undefined, etcdctl: typeof target === 'string' ? undefined : etcdctlFor.compact(endpoint, target.revision)};
	const result = await runStep(context, step, async () => {
		if (typeof target === 'string') {
			return {outcome: 'skipped', message: target};
		}

		await context.port.compact(endpoint, target.revision);
		return {outcome: 'succeeded', message: `compacted up to revision ${target.revision} (current ${target.currentRevision}, kept the newest ${keepRevisions})`};
	});
	return result.outcome === 'failed' || result.outcome === 'refused' ? stopped(context, `compaction ${result.outcome}: ${result.message}`) : undefined;
}

/**
 * Defragments the plan's members one at a time. Before each, a fresh look and the gate; the member to
 * go next is the first that does not lead at that moment, so the leader goes last even when leadership
 * moved meanwhile. Undefined when every member is done; else how the job ends.
 */
export async function defragmentMembers(context: JobContext, plan: DefragPlan, moveLeader: boolean): Promise<JobEnd | undefined> {
	let remaining = [...plan.order];
	const done: PlannedMember[] = [];
	// Leadership is moved away from a member once: should it lead again, it is defragmented leading.
	const movedFrom = new Set<string>();
	while (remaining.length > 0) {
		if (context.signal?.aborted === true) {
			return {outcome: 'cancelled', message: `cancelled after ${plural(done.length, 'member')}; not defragmented: ${remaining.map(member => member.name).join(', ')}`};
		}

		const look = await lookNow(context);
		const leaderId = look.summary.leader?.id;
		const next = nextToDefragment(remaining, leaderId)!;
		const gate = await gateStep(context, look, {id: next.id, name: next.name, isLearner: next.isLearner});
		if (!gate.passed) {
			return stopped(context, `stopped before ${next.name}: ${gate.reason}; ${done.length === 0 ? 'nothing defragmented' : `defragmented so far: ${done.map(member => member.name).join(', ')}`}`);
		}

		const leads = next.id === leaderId;
		if (leads && moveLeader && !movedFrom.has(next.id)) {
			movedFrom.add(next.id);
			const moved = await moveLeadershipAway(context, look, next, done);
			if (moved !== undefined) {
				return moved;
			}

			continue;
		}

		const endpoint = endpointOf(look, next.id);
		const before = look.summary.views.find(view => view.id === next.id)?.status?.dbSizeBytes;
		const result = await runStep(context, {kind: 'defrag', target: next.name, memberId: next.id, etcdctl: endpoint === undefined ? undefined : etcdctlFor.defrag(endpoint)}, async () => {
			if (endpoint === undefined) {
				return {outcome: 'refused', message: 'it has no client URL'};
			}

			markDefragmenting(next.id, true);
			try {
				await context.port.defragment(endpoint);
			} finally {
				markDefragmenting(next.id, false);
			}

			const after = await context.port.memberStatus(endpoint).catch(() => undefined);
			return {outcome: 'succeeded', message: after === undefined ? 'its Status did not answer afterwards' : '', sizeBefore: before, sizeAfter: after?.dbSizeBytes, wasLeader: leads};
		});
		if (result.outcome !== 'succeeded') {
			return stopped(context, `defragmenting ${next.name} ${result.outcome}: ${result.message}`);
		}

		done.push(next);
		remaining = remaining.filter(member => member.id !== next.id);
	}

	return undefined;
}

/** Moves leadership to a voter that is defragmented already (else any other that answers), then the run looks again. */
async function moveLeadershipAway(context: JobContext, look: Look, leader: PlannedMember, done: readonly PlannedMember[]): Promise<JobEnd | undefined> {
	const candidates = look.summary.views
		.filter(view => view.member !== undefined && !view.isLearner && view.status !== undefined && view.id !== leader.id)
		.sort((a, b) => Number(done.some(member => member.id === b.id)) - Number(done.some(member => member.id === a.id)) || (a.lagEntries ?? 0) - (b.lagEntries ?? 0));
	const target = candidates[0];
	const leaderEndpoint = endpointOf(look, leader.id);
	const step = {kind: 'move-leader' as const, target: leader.name, memberId: leader.id, etcdctl: target === undefined || leaderEndpoint === undefined ? undefined : etcdctlFor.moveLeader(leaderEndpoint, target.id!)};
	const result = await runStep(context, step, async () => {
		if (target === undefined) {
			return {outcome: 'refused', message: 'no other voter answers to take the leadership'};
		}

		const moved = await context.port.moveLeader(target.id!);
		return {outcome: moved.ok ? 'succeeded' : moved.sentTo === undefined ? 'refused' : 'failed', message: moved.message};
	});
	return result.outcome === 'succeeded' ? undefined : stopped(context, `moving leadership away from ${leader.name} ${result.outcome}: ${result.message}`);
}
