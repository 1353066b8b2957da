import {setTimeout as delay} from 'node:timers/promises';
import {plural} from '../model/shared/format.ts';
import {defaultDefragRule, planDefrag} from '../model/maintenance/defrag-plan.ts';
import {etcdctlFor, type JobEnd} from '../model/maintenance/maintenance-events.ts';
import {disarmRefusal, nospaceCleared} from '../model/maintenance/recovery.ts';
import {compactStep, defragmentMembers} from './defrag-job.ts';
import {clusterEndpoint, finish, lookNow, runStep, startRefusal, stopped, type JobContext} from './job-steps.ts';

/** How long the members may take to apply the disarm before the check says the alarm is still there. */
const verifyDeadlineMs = 10_000;
const verifyIntervalMs = 200;

/**
 * `etcdeck recover-space` and `:recover-space`: out of NOSPACE in the runbook's order. Compact to the
 * current revision, defragment every member (gated, the leader last), disarm NOSPACE, then see it gone
 * from every member's Status (never from an alarm list, which would go through raft). Never throws.
 */
export async function runRecoverSpace(context: JobContext, {moveLeader}: {moveLeader: boolean}): Promise<JobEnd> {
	const first = await lookNow(context);
	const refusal = startRefusal(first, 'recover-space');
	if (refusal !== undefined) {
		return finish(context, {outcome: 'refused', message: refusal});
	}

	if (first.reading.alarms === undefined) {
		return finish(context, {outcome: 'refused', message: `the alarms are unknown: ${first.reading.alarmsError ?? 'no member answered its Status'}`});
	}

	const alarms = first.reading.alarms.filter(alarm => alarm.alarm === 'NOSPACE');
	if (alarms.length === 0) {
		return finish(context, {outcome: 'done', message: 'no NOSPACE alarm is active: nothing to recover'});
	}

	const compaction = await compactStep(context, first, {keepRevisions: 0});
	if (compaction !== undefined) {
		return finish(context, compaction);
	}

	const compacted = context.changed ? ' the compaction freed, which etcd counts as in use until its next write (none is accepted under NOSPACE)' : '';
	const plan = {...planDefrag((await lookNow(context)).summary, {...defaultDefragRule, all: true}), ...(compacted === '' ? {} : {note: `every member is defragmented; each also gives back the history${compacted}`})};
	context.emit({type: 'plan', at: context.now(), plan});
	const defragmented = await defragmentMembers(context, plan, moveLeader);
	if (defragmented !== undefined) {
		return finish(context, defragmented);
	}

	const afterDefrag = await lookNow(context);
	const endpoint = clusterEndpoint(afterDefrag);
	const full = disarmRefusal(afterDefrag.summary);
	const disarm = await runStep(context, {kind: 'disarm', target: 'cluster', memberId: undefined, etcdctl: endpoint === undefined ? undefined : etcdctlFor.disarm(endpoint)}, async () => {
		if (full !== undefined) {
			return {outcome: 'refused', message: full};
		}

		if (endpoint === undefined) {
			return {outcome: 'refused', message: 'no voter answers to take the disarm'};
		}

		for (const alarm of alarms) {
			await context.port.disarm(endpoint, alarm.memberId, 'NOSPACE');
		}

		return {outcome: 'succeeded', message: `disarmed NOSPACE raised on ${alarms.map(alarm => nameOf(afterDefrag.summary.views, alarm.memberId)).join(', ')}`};
	});
	if (disarm.outcome !== 'succeeded') {
		return finish(context, stopped(context, `disarm ${disarm.outcome}: ${disarm.message}`));
	}

	const endpoints = afterDefrag.summary.views.map(view => view.probe?.endpoint).filter((url): url is string => url !== undefined);
	const verify = await runStep(context, {kind: 'verify', target: 'cluster', memberId: undefined, etcdctl: etcdctlFor.verify(endpoints)}, async () => {
		const deadline = context.now() + verifyDeadlineMs;
		for (;;) {
			const check = nospaceCleared((await lookNow(context)).reading);
			if (check.cleared || context.now() >= deadline) {
				return {outcome: check.cleared ? 'succeeded' : 'failed', message: check.detail};
			}

			await delay(verifyIntervalMs);
		}
	});
	return finish(context, verify.outcome === 'succeeded'
		? {outcome: 'done', message: `NOSPACE is gone from every member's Status after compaction and defragmenting ${plural(plan.order.length, 'member')}: writes are accepted again`}
		: stopped(context, `the alarm is not gone: ${verify.message}`));
}

function nameOf(views: ReadonlyArray<{id: string | undefined; name: string}>, id: string): string {
	const view = views.find(candidate => candidate.id === id);
	return view === undefined || view.name === '' ? id : view.name;
}
