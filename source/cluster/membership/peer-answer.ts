/**
 * What an added member's peer URL said when asked for its cluster (GET /members, whose answer carries
 * etcd's X-Etcd-Cluster-ID header): nothing listens there, an etcd of another cluster (one started with
 * --initial-cluster-state new), an etcd of this cluster, or a failure in other words.
 */
export type PeerAnswer =
	| {kind: 'no-listener'; peerUrl: string; error: string}
	| {kind: 'cluster'; peerUrl: string; clusterId: string}
	| {kind: 'error'; peerUrl: string; error: string};
