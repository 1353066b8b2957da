import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import type {MaintenanceEvent, MaintenanceStep} from '../../source/model/maintenance/maintenance-events.ts';
import {fixtureNode, fixtureQuotaBytes, healthyReading} from './reading-fixtures.ts';

export const mb = 1_000_000;

/**
 * The healthy cluster (etcd-1 leads, etcd-4 a learner) after churn: every DB mostly free pages.
 * etcd-1 300 MB with 100 MB in use, etcd-2 250/100, etcd-3 260/250 (little to give back), etcd-4 240/100.
 */
export function fragmentedReading(): ClusterReading {
	const sizes = [[300, 100], [250, 100], [260, 250], [240, 100]] as const;
	const reading = healthyReading();
	return {
		...reading,
		probes: reading.probes.map((probe, index) => ({...probe, quotaBytes: fixtureQuotaBytes, status: {...probe.status!, dbSizeBytes: sizes[index]![0] * mb, dbSizeInUseBytes: sizes[index]![1] * mb}})),
	};
}

export function defragStep(index: number): MaintenanceStep {
	const node = fixtureNode(index);
	return {kind: 'defrag', target: node.name, memberId: node.id, etcdctl: `etcdctl --endpoints=${node.endpoint} defrag`};
}

export function gateStep(index: number): MaintenanceStep {
	const node = fixtureNode(index);
	return {kind: 'gate', target: node.name, memberId: node.id, etcdctl: undefined};
}

/** A member's turn: the gate passed, then the defragment from `before` to `after` MB, `ms` long. */
export function defragTurn(index: number, at: number, before: number, after: number, ms: number, wasLeader = false): MaintenanceEvent[] {
	return [
		{type: 'started', at, step: gateStep(index)},
		{type: 'finished', at: at + 5, step: gateStep(index), outcome: 'succeeded', message: '', durationMs: 5, checks: [{name: 'every voter answers', passed: true, detail: '3 of 3 voters answer'}]},
		{type: 'started', at: at + 5, step: defragStep(index)},
		{type: 'finished', at: at + 5 + ms, step: defragStep(index), outcome: 'succeeded', message: '', durationMs: ms, sizeBefore: before * mb, sizeAfter: after * mb, wasLeader},
	];
}
