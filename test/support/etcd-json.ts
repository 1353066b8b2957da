/**
 * etcdctl -w json prints member and cluster IDs as JSON numbers above 2^53, which JSON.parse rounds.
 * Quote every integer of 16 or more digits before parsing so IDs arrive exact, as decimal strings.
 */
export function parseEtcdJson<T>(text: string): T {
	return JSON.parse(text.replace(/([:[,]\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"')) as T;
}

export function hex(decimal: string | number): string {
	return BigInt(decimal).toString(16);
}

export interface EtcdctlMemberList {
	members: Array<{ID: string; name: string; peerURLs: string[]; clientURLs?: string[]; isLearner?: boolean}>;
}

export type EtcdctlEndpointStatus = Array<{
	Endpoint: string;
	Status: {
		header: {cluster_id: string; member_id: string};
		version: string;
		dbSize: number;
		leader: string;
		raftIndex: number;
		raftTerm: number;
		raftAppliedIndex: number;
		dbSizeInUse: number;
		isLearner?: boolean;
	};
}>;
