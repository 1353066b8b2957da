import {asArray, asRecord, count, field, stringArray} from '../model/shared/json-fields.ts';

/** A member as the member list showed it when the snapshot was saved. IDs are hex, as etcdctl prints them. */
export interface RecordedMember {
	id: string;
	/** Empty for a member added but never started. */
	name: string;
	peerUrls: string[];
	clientUrls: string[];
	isLearner: boolean;
}

/** How many keys one prefix held at the snapshot's revision. */
export interface PrefixCount {
	/** The prefix, escaped as the Keys pane shows keys (`\xNN` for bytes that are not printable UTF-8). */
	prefix: string;
	keys: number;
	/** 1: a prefix directly below the root; 2: one level below that. */
	depth: 1 | 2;
}

/** Key counts of a snapshot, read with count-only requests at its revision: what a restore must give back. */
export interface KeyCounts {
	revision: number;
	/** What splits key levels (the Keys pane's --separator). */
	separator: string;
	/**
	 * Where counting started, escaped: the longest run of whole levels every key shares ("/main/" when
	 * every key is under it), so the counted prefixes are the ones that tell the data apart.
	 */
	root: string;
	/** Every key in the snapshot. */
	totalKeys: number;
	/** Prefixes below the root and one level below those, in key order. */
	prefixes: PrefixCount[];
	/** Escaped prefixes (the root among them) with more children than were counted one by one. */
	cutShort: string[];
}

/** What the cluster looked like when the snapshot was saved: what a restore plan and a drill go by. */
export interface SnapshotClusterRecord {
	/** The member list; null when it could not be read (see gaps). */
	members: RecordedMember[] | null;
	/** The etcd version of the member the snapshot was streamed from ("3.5.30"); null when unknown. */
	etcdVersion: string | null;
	keyCounts: KeyCounts | null;
	/** What could not be recorded and why, one sentence each. */
	gaps: string[];
}

export function parseClusterRecord(value: unknown): SnapshotClusterRecord {
	const record = asRecord(value, 'cluster');
	return {
		members: record['members'] === null ? null : asArray(record['members'], 'cluster.members').map((item, index) => parseMember(item, index)),
		etcdVersion: record['etcdVersion'] === null ? null : field(record, 'etcdVersion', 'string'),
		keyCounts: record['keyCounts'] === null ? null : parseKeyCounts(record['keyCounts']),
		gaps: stringArray(record, 'gaps'),
	};
}

function parseMember(value: unknown, index: number): RecordedMember {
	const member = asRecord(value, `cluster.members[${index}]`);
	return {
		id: field(member, 'id', 'string'),
		name: field(member, 'name', 'string'),
		peerUrls: stringArray(member, 'peerUrls'),
		clientUrls: stringArray(member, 'clientUrls'),
		isLearner: field(member, 'isLearner', 'boolean'),
	};
}

function parseKeyCounts(value: unknown): KeyCounts {
	const counts = asRecord(value, 'cluster.keyCounts');
	return {
		revision: count(counts, 'revision'),
		separator: field(counts, 'separator', 'string'),
		root: field(counts, 'root', 'string'),
		totalKeys: count(counts, 'totalKeys'),
		prefixes: asArray(counts['prefixes'], 'cluster.keyCounts.prefixes').map((item, index) => {
			const entry = asRecord(item, `cluster.keyCounts.prefixes[${index}]`);
			const depth = entry['depth'];
			if (depth !== 1 && depth !== 2) {
				throw new Error(`cluster.keyCounts.prefixes[${index}].depth is not 1 or 2`);
			}

			return {prefix: field(entry, 'prefix', 'string'), keys: count(entry, 'keys'), depth};
		}),
		cutShort: stringArray(counts, 'cutShort'),
	};
}

/** A count that differs between what the manifest recorded and what a restore gave. */
export interface CountMismatch {
	/** Escaped prefix; undefined for the total of all keys. */
	prefix: string | undefined;
	expected: number;
	found: number;
}

/** Compares counts found after a restore with the recorded ones: every recorded prefix and the total. */
export function countMismatches(recorded: KeyCounts, found: {totalKeys: number; prefixes: ReadonlyMap<string, number>}): CountMismatch[] {
	const mismatches: CountMismatch[] = [];
	for (const {prefix, keys} of recorded.prefixes) {
		const actual = found.prefixes.get(prefix) ?? 0;
		if (actual !== keys) {
			mismatches.push({prefix, expected: keys, found: actual});
		}
	}

	if (found.totalKeys !== recorded.totalKeys) {
		mismatches.push({prefix: undefined, expected: recorded.totalKeys, found: found.totalKeys});
	}

	return mismatches;
}
