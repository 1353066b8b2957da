import {asRecord, field} from '../model/shared/json-fields.ts';
import {parseClusterRecord, type SnapshotClusterRecord} from '../cluster/cluster-record.ts';

/** The member a snapshot was streamed from. */
export interface SnapshotMemberRef {
	/** Hex member ID, as etcdctl prints it. */
	id: string;
	name: string;
	endpoint: string;
}

/** What `etcdutl`/`etcdctl snapshot status -w json` reported of a snapshot file. */
export interface EtcdSnapshotStatus {
	/** The program that read it: etcdutl or etcdctl. */
	tool: string;
	/** etcd's hash of the database contents (not a SHA-256). */
	hash: number;
	revision: number;
	totalKeys: number;
	totalSizeBytes: number;
}

export const manifestKind = 'etcdeck-snapshot';

/**
 * Written beside every snapshot etcdeck saves, so the backup can be checked later without etcd, and
 * so `--keep` can tell etcdeck's snapshots (of which cluster, taken when) from any other file.
 */
export interface SnapshotManifest {
	kind: typeof manifestKind;
	formatVersion: 1;
	/** The snapshot's file name when it was saved. */
	file: string;
	sizeBytes: number;
	/** SHA-256 of the whole file, etcd's trailing hash included. */
	sha256: string;
	/** The file's last 32 bytes: etcd's SHA-256 of the database before them. */
	etcdSha256: string;
	/** The revision the snapshot holds, when etcd or snapshot status said; null when unknown. */
	revision: number | null;
	clusterId: string;
	member: SnapshotMemberRef;
	/** When the member started sending it, ISO 8601 UTC. */
	takenAt: string;
	etcdeckVersion: string;
	/** snapshot status at save time; null when no etcdutl or etcdctl was installed. */
	status: EtcdSnapshotStatus | null;
	/**
	 * The member list, the source's etcd version and key counts at save time. Absent from manifests
	 * written before etcdeck recorded them; older etcdeck versions ignore it, so the format stays 1.
	 */
	cluster?: SnapshotClusterRecord;
}

export function manifestJson(manifest: SnapshotManifest): string {
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads a manifest's JSON, or throws an Error saying what is wrong with it. */
export function parseManifest(text: string): SnapshotManifest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`not valid JSON (${(error as Error).message})`);
	}

	const record = asRecord(value, 'the manifest');
	if (record['kind'] !== manifestKind) {
		throw new Error(`not an etcdeck snapshot manifest (kind is ${JSON.stringify(record['kind'])})`);
	}

	if (record['formatVersion'] !== 1) {
		throw new Error(`manifest format ${JSON.stringify(record['formatVersion'])} is not one this etcdeck reads (1)`);
	}

	const member = asRecord(record['member'], 'member');
	const status = record['status'] === null ? null : asRecord(record['status'], 'status');
	const revision = record['revision'] === null ? null : field(record, 'revision', 'number');
	if (Number.isNaN(Date.parse(field(record, 'takenAt', 'string')))) {
		throw new Error('takenAt is not a time');
	}

	return {
		kind: manifestKind,
		formatVersion: 1,
		file: field(record, 'file', 'string'),
		sizeBytes: field(record, 'sizeBytes', 'number'),
		sha256: field(record, 'sha256', 'string'),
		etcdSha256: field(record, 'etcdSha256', 'string'),
		revision,
		clusterId: field(record, 'clusterId', 'string'),
		member: {id: field(member, 'id', 'string'), name: field(member, 'name', 'string'), endpoint: field(member, 'endpoint', 'string')},
		takenAt: field(record, 'takenAt', 'string'),
		etcdeckVersion: field(record, 'etcdeckVersion', 'string'),
		status: status === null
			? null
			: {
				tool: field(status, 'tool', 'string'),
				hash: field(status, 'hash', 'number'),
				revision: field(status, 'revision', 'number'),
				totalKeys: field(status, 'totalKeys', 'number'),
				totalSizeBytes: field(status, 'totalSizeBytes', 'number'),
			},
		...(record['cluster'] === undefined ? {} : {cluster: parseClusterRecord(record['cluster'])}),
	};
}

/** Suffix of the manifest written beside every snapshot etcdeck saves. */
export const manifestSuffix = '.manifest.json';

/** The manifest of a snapshot file: the same name plus {@link manifestSuffix}. */
export function manifestPathFor(snapshotPath: string): string {
	return `${snapshotPath}${manifestSuffix}`;
}
