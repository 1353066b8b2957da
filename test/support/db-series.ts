import {readFileSync} from 'node:fs';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {answeringProbe, endpointStatus, fixtureNode, memberInfo, readingOf} from './reading-fixtures.ts';

/** One refresh of a recorded series: every member's DB figures, by name (m1, m2, m3). */
export interface RecordedDbSample {
	takenAt: number;
	members: Array<{name: string; dbSizeBytes: number; dbSizeInUseBytes: number}>;
}

/** What test/support/record-db-series.ts wrote: a real cluster's DB sizes, refresh by refresh. */
export interface RecordedDbSeries {
	recordedWith: string;
	/** When each phase (slow growth, fast growth, one member defragmented) began. */
	phaseStarts: Record<string, number>;
	samples: RecordedDbSample[];
}

export function recordedDbSeries(): RecordedDbSeries {
	return JSON.parse(readFileSync(new URL('recorded/db-growth.json', import.meta.url), 'utf8')) as RecordedDbSeries;
}

/** A recorded refresh as the reading ClusterService would have returned: m1 leads, every member answers. */
export function readingOfSample(sample: RecordedDbSample): ClusterReading {
	const nodes = sample.members.map((member, index) => ({...fixtureNode(index), name: member.name}));
	const leaderId = nodes[0]!.id;
	return readingOf(
		nodes.map(node => memberInfo(node)),
		nodes.map((node, index) => answeringProbe(node, endpointStatus(node, leaderId, {dbSizeBytes: sample.members[index]!.dbSizeBytes, dbSizeInUseBytes: sample.members[index]!.dbSizeInUseBytes}))),
		{takenAt: sample.takenAt},
	);
}
