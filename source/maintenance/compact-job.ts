import {compactTarget} from '../model/maintenance/recovery.ts';
import {etcdctlFor, type CompactPreview, type JobEnd} from '../model/maintenance/maintenance-events.ts';
import {clusterEndpoint, finish, gateStep, lookNow, runStep, startRefusal, stopped, type JobContext} from './job-steps.ts';
import type {MaintenancePort} from '../cluster/maintenance/maintenance-service.ts';
import {summarize} from '../model/cluster/cluster-summary.ts';

/**
 * Reads the current and the compacted revision (the leader's Status and /metrics) and says what a
 * compaction to `requested` (else the current revision less `keepRevisions`) would do, or why not.
 */
export async function previewCompact(port: MaintenancePort, requested: number | undefined, keepRevisions: number, quotaBytes: number | undefined): Promise<CompactPreview | string> {
	const reading = await port.look();
	const look = {reading, summary: summarize(reading, {quotaBytes})};
	const refusal = startRefusal(look, 'compact');
	if (refusal !== undefined) {
		return refusal;
	}

	const endpoint = clusterEndpoint(look);
	if (endpoint === undefined) {
		return 'no voter answers its Status';
	}

	try {
		const [status, metrics] = await Promise.all([port.memberStatus(endpoint), port.metrics(endpoint).catch(() => undefined)]);
		const target = compactTarget(status.revision, metrics?.compactRevision, requested, keepRevisions);
		return typeof target === 'string' ? target : {target, endpoint, etcdctl: etcdctlFor.compact(endpoint, target.revision)};
	} catch (error) {
		return `cannot read the current revision from ${endpoint}: ${port.describe(error)}`;
	}
}

/** `:compact [REVISION]` once confirmed: the gate, then the compaction through the leader. Never throws. */
export async function runCompact(context: JobContext, requested: number | undefined): Promise<JobEnd> {
	const look = await lookNow(context);
	const refusal = startRefusal(look, 'compact');
	if (refusal !== undefined) {
		return finish(context, {outcome: 'refused', message: refusal});
	}

	const preview = await previewCompact(context.port, requested, context.settings.keepRevisions, context.settings.quotaBytes);
	if (typeof preview === 'string') {
		return finish(context, {outcome: 'refused', message: preview});
	}

	const gate = await gateStep(context, look, undefined);
	if (!gate.passed) {
		return finish(context, stopped(context, `compaction refused: ${gate.reason}`));
	}

	const {target, endpoint, etcdctl} = preview;
	const result = await runStep(context, {kind: 'compact', target: 'cluster', memberId: undefined, etcdctl}, async () => {
		await context.port.compact(endpoint, target.revision);
		return {outcome: 'succeeded', message: `compacted up to revision ${target.revision} (current ${target.currentRevision})`};
	});
	return finish(context, result.outcome === 'succeeded' ? {outcome: 'done', message: result.message} : stopped(context, `compaction ${result.outcome}: ${result.message}`));
}
