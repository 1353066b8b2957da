import {summarize, type ClusterSummary} from '../model/cluster/cluster-summary.ts';
import {nothingAnswers} from '../model/cluster/reachability.ts';
import {rootRoleNeeded, statusDeniedReason} from '../model/cluster/root-role.ts';
import {gateBefore, type GateTarget, type GateVerdict} from '../model/maintenance/maintenance-gate.ts';
import type {JobEnd, MaintenanceListener, MaintenanceSettings, MaintenanceStep, StepOutcome} from '../model/maintenance/maintenance-events.ts';
import type {ClusterReading} from '../cluster/cluster-reading.ts';
import type {MaintenancePort} from '../cluster/maintenance/maintenance-service.ts';

/** What every step of a job runs with. */
export interface JobContext {
	port: MaintenancePort;
	emit: MaintenanceListener;
	settings: MaintenanceSettings;
	/** Aborted: the job stops before its next member (never in the middle of a call). */
	signal: AbortSignal | undefined;
	now: () => number;
	/** Whether anything has been changed yet: a stop before then is a refusal, after it a failure. */
	changed: boolean;
}

export interface Look {
	reading: ClusterReading;
	summary: ClusterSummary;
}

export async function lookNow(context: JobContext): Promise<Look> {
	const reading = await context.port.look();
	return {reading, summary: summarize(reading, {quotaBytes: context.settings.quotaBytes})};
}

/**
 * Why the job cannot start at all: nothing answers, or the user lacks the root role that defragment,
 * compaction, disarm and HashKV need on etcd 3.5 (known from its refused Status; on 3.4, Status is
 * allowed and etcd's own refusal of the first call says it).
 */
export function startRefusal(look: Look, what: string): string | undefined {
	const unreachable = nothingAnswers(look.reading);
	if (unreachable !== undefined) {
		return `cannot reach the cluster: ${unreachable.join('; ')}`;
	}

	const denied = statusDeniedReason(look.reading.probes);
	return denied === undefined ? undefined : `${what} ${rootRoleNeeded} (${denied})`;
}

/** Members this etcdeck is defragmenting right now, by hex ID: the gate's own half of "no member defragmenting". */
const ownDefragments = new Set<string>();

export function markDefragmenting(memberId: string, busy: boolean): void {
	if (busy) {
		ownDefragments.add(memberId);
	} else {
		ownDefragments.delete(memberId);
	}
}

/** Which members are defragmenting: this etcdeck's own, and any whose /metrics says so (someone else's etcdctl or cron). */
async function defragmentingNow(context: JobContext, summary: ClusterSummary): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const id of ownDefragments) {
		found.set(id, 'by this etcdeck');
	}

	await Promise.all(summary.views.map(async view => {
		const endpoint = view.probe?.endpoint;
		if (view.id === undefined || endpoint === undefined || found.has(view.id)) {
			return;
		}

		try {
			if ((await context.port.metrics(endpoint)).defragInflight === true) {
				found.set(view.id, 'its /metrics: etcd_disk_defrag_inflight 1');
			}
		} catch {
			// A member whose /metrics cannot be read is judged by its Status alone.
		}
	}));
	return found;
}

/** Runs the gate on a fresh look and reports it as a step. */
export async function gateStep(context: JobContext, look: Look, target: GateTarget | undefined): Promise<GateVerdict> {
	const step: MaintenanceStep = {kind: 'gate', target: target?.name ?? 'compaction', memberId: target?.id, etcdctl: undefined};
	const started = context.now();
	context.emit({type: 'started', at: started, step});
	const verdict = gateBefore(target, {summary: look.summary, defragmenting: await defragmentingNow(context, look.summary), maxLagEntries: context.settings.maxLagEntries});
	const at = context.now();
	context.emit({type: 'finished', at, step, outcome: verdict.passed ? 'succeeded' : 'refused', message: verdict.reason ?? 'passed', durationMs: at - started, checks: verdict.checks});
	return verdict;
}

/** What a step's work came to. */
export interface StepResult {
	outcome: StepOutcome;
	message: string;
	sizeBefore?: number;
	sizeAfter?: number;
	wasLeader?: boolean;
}

/**
 * Announces a step, runs it and reports how it went. A throw is the step's failure, in etcd's words; a
 * permission refusal before anything changed is a refusal (etcd changed nothing), with the root role
 * named. Never throws.
 */
export async function runStep(context: JobContext, step: MaintenanceStep, work: () => Promise<StepResult>): Promise<StepResult> {
	const started = context.now();
	context.emit({type: 'started', at: started, step});
	let result: StepResult;
	try {
		result = await work();
	} catch (error) {
		const denied = context.port.isPermissionDenied(error);
		const message = denied ? `${rootRoleNeeded} (etcd: ${context.port.describe(error)})` : context.port.describe(error);
		result = {outcome: denied && !context.changed ? 'refused' : 'failed', message};
	}

	const at = context.now();
	context.emit({type: 'finished', at, step, durationMs: at - started, ...result});
	if (result.outcome === 'succeeded') {
		context.changed = true;
	}

	return result;
}

/** Ends the job: its last event, and what it came to. */
export function finish(context: JobContext, end: JobEnd): JobEnd {
	context.emit({type: 'done', at: context.now(), ...end});
	return end;
}

/** A stop: a refusal while nothing has changed yet, a failure once something has. */
export function stopped(context: JobContext, message: string): JobEnd {
	return {outcome: context.changed ? 'failed' : 'refused', message};
}

export function newContext(port: MaintenancePort, emit: MaintenanceListener, settings: MaintenanceSettings, signal: AbortSignal | undefined, now: () => number = Date.now): JobContext {
	return {port, emit, settings, signal, now, changed: false};
}

/** The member's client URL as its probe used it, or its first. */
export function endpointOf(look: Look, memberId: string): string | undefined {
	const view = look.summary.views.find(candidate => candidate.id === memberId);
	return view?.probe?.endpoint ?? view?.member?.clientUrls[0];
}

/** The leader's endpoint, else the first voter that answers: where cluster-wide requests go. */
export function clusterEndpoint(look: Look): string | undefined {
	const leader = look.summary.views.find(view => view.isLeader && view.status !== undefined);
	const voter = look.summary.views.find(view => view.member !== undefined && !view.isLearner && view.status !== undefined);
	return (leader ?? voter)?.probe?.endpoint;
}
