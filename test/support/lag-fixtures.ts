import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {emptyLagHistory, recordLag, type LagHistory} from '../../source/model/lag/lag-history.ts';
import {answeringProbe, endpointStatus, failProbe, fixtureNode, fixtureTakenAt, memberInfo, readingOf} from './reading-fixtures.ts';

/** A member's raft index at one refresh, or why its status call gave none. */
export type Reading = number | 'down' | 'hung';

/** What a SIGSTOPped member's status call reports after the --timeout deadline. */
export const hungError = 'no answer within 2000 ms (--timeout)';
/** What a killed member's status call reports. */
export const downError = 'connection refused: is etcd running and listening on this address?';

/** etcd-1, etcd-2, etcd-3 voting (etcd-1 leads unless told), etcd-4 a learner, as in the fixtures. */
export const lagNodes = [fixtureNode(0), fixtureNode(1), fixtureNode(2), fixtureNode(3, true)] as const;
export const learnerNode = lagNodes[3];

export interface LagReadingOptions {
	/** Index into {@link lagNodes} of the member that leads; none when -1. */
	leader?: number;
	/** Applied index behind the raft index, per member (0 by default). */
	applyBacklog?: readonly number[];
}

/**
 * One refresh of the fixture cluster, `seconds` after the fixtures' clock: each member's raft index as
 * its own status call reported it, in {@link lagNodes} order.
 */
export function lagReading(seconds: number, readings: readonly [Reading, Reading, Reading, Reading], {leader = 0, applyBacklog = []}: LagReadingOptions = {}): ClusterReading {
	const leaderId = leader === -1 ? '0' : lagNodes[leader]!.id;
	const probes = lagNodes.map((node, index) => {
		const reading = readings[index]!;
		const raftIndex = typeof reading === 'number' ? reading : 0;
		const probe = answeringProbe(node, endpointStatus(node, leaderId, {raftIndex, raftAppliedIndex: raftIndex - (applyBacklog[index] ?? 0)}));
		return reading === 'down' ? failProbe(probe, downError) : reading === 'hung' ? failProbe(probe, hungError) : probe;
	});
	return readingOf(lagNodes.map(node => memberInfo(node)), probes, {takenAt: fixtureTakenAt + (seconds * 1000)});
}

/** A history of refreshes, each recorded as the dashboard records them. */
export function historyOf(...readings: ClusterReading[]): LagHistory {
	return readings.reduce((history, reading) => recordLag(history, reading), emptyLagHistory);
}
