import {commonRevision, judgeConsistency, verdictLines, type ConsistencyVerdict, type MemberHash} from '../model/maintenance/consistency.ts';
import {etcdctlFor, type JobEnd} from '../model/maintenance/maintenance-events.ts';
import type {MemberView} from '../model/cluster/member-view.ts';
import {rootRoleNeeded} from '../model/cluster/root-role.ts';
import {finish, lookNow, runStep, startRefusal, type JobContext, type Look} from './job-steps.ts';

/** Hashes that could not be compared (a compaction or writes in between) are asked for this many times in all. */
const attempts = 3;

/**
 * `etcdeck check` and `:check`: every voter's HashKV at one revision they all have, compared. Learners
 * are left out: etcd refuses HashKV on a learner. Changes nothing. Never throws.
 */
export async function runCheck(context: JobContext): Promise<JobEnd> {
	const look = await lookNow(context);
	const refusal = startRefusal(look, 'check');
	if (refusal !== undefined) {
		return finish(context, {outcome: 'refused', message: refusal});
	}

	let round: HashRound | undefined;
	for (let attempt = 0; attempt < attempts && (round === undefined || isChangedMeanwhile(round.verdict)); attempt++) {
		round = await hashRound(context, attempt === 0 ? look : await lookNow(context));
	}

	const verdict = round?.verdict;
	if (verdict === undefined) {
		return finish(context, {outcome: 'refused', message: 'no voter answers its Status: nothing to compare'});
	}

	if (round!.deniedOnly) {
		return finish(context, {outcome: 'refused', message: `check ${rootRoleNeeded}: every voter refused HashKV (permission denied)`});
	}

	context.emit({type: 'verdict', at: context.now(), verdict});
	const learners = look.summary.views.filter(view => view.member !== undefined && view.isLearner).length;
	const note = learners === 0 ? '' : ' (learners are not compared: etcd refuses HashKV on a learner)';
	return finish(context, {outcome: verdict.kind === 'consistent' ? 'done' : 'failed', message: `${verdictLines(verdict)[0]!}${note}`});
}

function isChangedMeanwhile(verdict: ConsistencyVerdict | undefined): boolean {
	return verdict?.kind === 'incomplete' && verdict.changedMeanwhile !== undefined;
}

interface HashRound {
	verdict: ConsistencyVerdict | undefined;
	/** Every member refused for the user's roles: the check could not run at all. */
	deniedOnly: boolean;
}

const compactedError = /required revision has been compacted/;

async function hashRound(context: JobContext, look: Look): Promise<HashRound> {
	const voters = look.summary.views.filter(view => view.member !== undefined && !view.isLearner);
	const revisions = await Promise.all(voters.map(async view => {
		const endpoint = view.probe?.endpoint;
		return endpoint === undefined || view.status === undefined ? undefined : context.port.memberStatus(endpoint).then(status => status.revision, () => undefined);
	}));
	const revision = commonRevision(revisions.filter((value): value is number => value !== undefined));
	if (revision === undefined) {
		return {verdict: undefined, deniedOnly: false};
	}

	const endpoints = voters.map(view => view.probe?.endpoint).filter((url): url is string => url !== undefined);
	let hashes: MemberHash[] = [];
	let denied = 0;
	await runStep(context, {kind: 'hashkv', target: 'cluster', memberId: undefined, etcdctl: etcdctlFor.hashkv(endpoints, revision)}, async () => {
		({hashes, denied} = await hashAll(context, voters, revision));
		// Compacted at the current revision with no write since: no revision below it is left, and etcd
		// refuses to hash the compacted one itself. Each member hashes its current revision instead;
		// the hashes compare when they all hashed the same one.
		if (hashes.every(member => member.hash === undefined) && hashes.some(member => compactedError.test(member.error ?? ''))) {
			({hashes, denied} = await hashAll(context, voters, 0));
		}

		const verdict = judgeConsistency(revision, hashes);
		return {outcome: verdict.kind === 'consistent' ? 'succeeded' : 'failed', message: verdictLines(verdict).join('; ')};
	});
	return {verdict: judgeConsistency(revision, hashes), deniedOnly: denied > 0 && hashes.every(member => member.hash === undefined)};
}

async function hashAll(context: JobContext, voters: readonly MemberView[], revision: number): Promise<{hashes: MemberHash[]; denied: number}> {
	let denied = 0;
	const hashes = await Promise.all(voters.map(async (view): Promise<MemberHash> => {
		const endpoint = view.probe?.endpoint ?? '';
		const base = {memberId: view.id ?? '?', name: view.name || view.id || endpoint, endpoint};
		if (view.status === undefined) {
			return {...base, hash: undefined, compactRevision: undefined, revision: undefined, error: view.probe?.error ?? 'no answer'};
		}

		try {
			const answer = await context.port.hashKv(endpoint, revision);
			return {...base, hash: answer.hash, compactRevision: answer.compactRevision, revision: revision === 0 ? answer.revision : revision, error: undefined};
		} catch (error) {
			denied += context.port.isPermissionDenied(error) ? 1 : 0;
			return {...base, hash: undefined, compactRevision: undefined, revision: undefined, error: context.port.describe(error)};
		}
	}));
	return {hashes, denied};
}
