import type {ConnectionSettings} from '../config/settings.ts';
import type {RecordedMember, SnapshotClusterRecord} from './cluster-record.ts';
import {describeConnectionError} from './describe-error.ts';
import {createEndpointClient} from './etcd-client.ts';
import {decimalIdToHex} from './ids.ts';
import {countKeysByPrefix, keyCountReader} from './key-counter.ts';
import {withDeadline} from './with-deadline.ts';

export interface SnapshotFactsRequest {
	/** The member the snapshot was streamed from. */
	endpoint: string;
	connection: ConnectionSettings;
	/** The snapshot's revision; without it nothing can be counted as of the snapshot. */
	revision: number | null;
	separator: Buffer;
}

/**
 * What a restore needs to know beside the snapshot, asked of the member that sent it right after: the
 * member list, its etcd version, and key counts at the snapshot's revision. Reads are serializable, so
 * they answer from that member's own data, as the snapshot did, with or without quorum. Never throws:
 * what cannot be read is a gap, said in the record.
 */
export async function readSnapshotFacts(request: SnapshotFactsRequest): Promise<SnapshotClusterRecord> {
	const {connection} = request;
	const client = createEndpointClient(request.endpoint, connection);
	const gaps: string[] = [];
	const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | null> => {
		try {
			return await work();
		} catch (error) {
			gaps.push(`${what}: ${describeConnectionError(error, connection)}`);
			return null;
		}
	};

	try {
		const members = await attempt('member list', async () => {
			const response = await withDeadline(client.cluster.memberList({}), connection.timeoutMs);
			return response.members.map((member): RecordedMember => ({
				id: decimalIdToHex(member.ID),
				name: member.name,
				peerUrls: member.peerURLs,
				clientUrls: member.clientURLs,
				isLearner: member.isLearner,
			}));
		});
		const etcdVersion = await attempt('etcd version', async () => (await withDeadline(client.maintenance.status(), connection.timeoutMs)).version);
		const {revision} = request;
		let keyCounts = null;
		if (revision === null) {
			gaps.push('key counts: the snapshot\'s revision is unknown (etcd 3.4 does not send it, and no etcdutl or etcdctl was here to read it from the file)');
		} else {
			const reader = keyCountReader(client, {revision, serializable: true, timeoutMs: connection.timeoutMs});
			keyCounts = await attempt(`key counts at revision ${revision}`, async () => countKeysByPrefix(reader, request.separator, revision));
		}

		return {members, etcdVersion, keyCounts, gaps};
	} finally {
		client.close();
	}
}
