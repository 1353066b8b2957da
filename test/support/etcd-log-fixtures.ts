import type {TroubleKind} from '../../source/model/log-trouble.ts';

/**
 * Lines etcd 3.4.23 wrote, copied from LocalCluster runs on this machine: a 3-member cluster whose
 * leader was stopped for 2.5 s (SIGSTOP), then killed; and one whose leader was stopped while a follower
 * served a linearizable read. Only the slow fdatasync lines are written from etcd's format strings
 * (wal/wal.go), as no test disk is that slow.
 */
export interface TroubleFixture {
	kind: TroubleKind;
	line: string;
	/** What describeTrouble says of it, given the fixture's member names. */
	described: string;
}

/** Member names of the zap runs, by the IDs their lines carry. */
export const zapMembers: ReadonlyMap<string, string> = new Map([
	['e2506241081c86db', 'm1'],
	['87c890c3d141f0b4', 'm2'],
	['3c6904551301cf70', 'm3'],
]);

/** Member names of the capnslog run. */
export const capnslogMembers: ReadonlyMap<string, string> = new Map([
	['ed3bbaa9ebe1f70b', 'm1'],
	['534b9038c32868f0', 'm2'],
	['afb9c431fd7a400b', 'm3'],
]);

/** etcd 3.4 with --logger=zap (and every 3.5+): JSON lines. */
export const zapTroubles: readonly TroubleFixture[] = [
	{
		kind: 'slow-apply',
		line: String.raw`{"level":"warn","ts":"2026-11-23T13:51:37.993Z","caller":"etcdserver/util.go:167","msg":"apply request took too long","took":"891.621663ms","expected-duration":"100ms","prefix":"read-only range ","request":"key:\"foo\" ","response":"range_response_count:0 size:4"}`,
		described: 'slow apply: took 891.621663ms, expected 100ms',
	},
	{
		kind: 'heartbeat-late',
		line: '{"level":"warn","ts":"2026-11-23T13:41:29.608Z","caller":"etcdserver/raft.go:440","msg":"leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk","to":"e2506241081c86db","heartbeat-interval":"100ms","expected-duration":"200ms","exceeded-duration":"2.370745617s"}',
		described: 'late heartbeat to m1: 2.370745617s late, expected 200ms',
	},
	{
		kind: 'peer-unhealthy',
		line: '{"level":"warn","ts":"2026-11-23T13:42:01.847Z","caller":"rafthttp/probing_status.go:70","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT","remote-peer-id":"87c890c3d141f0b4","rtt":"103.22µs","error":"dial tcp 127.0.0.1:33007: connect: connection refused"}',
		described: 'peer m2 unhealthy: dial tcp 127.0.0.1:33007: connect: connection refused',
	},
	{
		kind: 'slow-read-index',
		line: '{"level":"warn","ts":"2026-11-23T13:51:37.602Z","caller":"etcdserver/v3_server.go:814","msg":"waiting for ReadIndex response took too long, retrying","sent-request-id":14099822691538328849,"retry-timeout":"500ms"}',
		described: 'slow ReadIndex (retry after 500ms)',
	},
	{
		kind: 'slow-fdatasync',
		line: '{"level":"warn","ts":"2026-11-23T13:51:38.120Z","caller":"wal/wal.go:802","msg":"slow fdatasync","took":"1.536223711s","expected-duration":"1s"}',
		described: 'slow fdatasync: took 1.536223711s, expected 1s',
	},
	{
		kind: 'election',
		line: '{"level":"info","ts":"2026-11-23T13:41:28.525Z","caller":"raft/node.go:333","msg":"raft.node: 3c6904551301cf70 lost leader 87c890c3d141f0b4 at term 3"}',
		described: 'm3 lost leader m2 at term 3',
	},
	{
		kind: 'election',
		line: '{"level":"info","ts":"2026-11-23T13:41:28.525Z","caller":"raft/raft.go:929","msg":"3c6904551301cf70 is starting a new election at term 2"}',
		described: 'm3 started an election at term 2',
	},
];

/** etcd 3.4's default text logger (capnslog), and raft's Go log lines beside it. */
export const capnslogTroubles: readonly TroubleFixture[] = [
	{
		kind: 'slow-apply',
		line: String.raw`2026-11-23 13:52:09.989573 W | etcdserver: read-only range request "key:\"foo\" " with result "range_response_count:0 size:4" took too long (891.300083ms) to execute`,
		described: 'slow apply: took 891.300083ms',
	},
	{
		kind: 'heartbeat-late',
		line: '2026-11-23 13:42:17.376810 W | etcdserver: failed to send out heartbeat on time (exceeded the 100ms timeout for 2.361293173s, to afb9c431fd7a400b)',
		described: 'late heartbeat to m3: 2.361293173s late, expected 100ms',
	},
	{
		kind: 'peer-unhealthy',
		line: '2026-11-23 13:42:48.745060 W | rafthttp: health check for peer ed3bbaa9ebe1f70b could not connect: dial tcp 127.0.0.1:39265: connect: connection refused',
		described: 'peer m1 unhealthy: dial tcp 127.0.0.1:39265: connect: connection refused',
	},
	{
		kind: 'slow-read-index',
		line: '2026-11-23 13:52:09.598565 W | etcdserver: waiting for ReadIndex response took too long, retrying (sent-request-id: 12536792145872246020, retry-timeout: 500ms)',
		described: 'slow ReadIndex (retry after 500ms)',
	},
	{
		kind: 'slow-fdatasync',
		line: '2026-11-23 13:52:10.104411 W | wal: sync duration of 1.536223711s, expected less than 1s',
		described: 'slow fdatasync: took 1.536223711s, expected 1s',
	},
	{
		kind: 'election',
		line: 'raft2026/11/23 13:42:15 INFO: raft.node: 534b9038c32868f0 lost leader ed3bbaa9ebe1f70b at term 3',
		described: 'm2 lost leader m1 at term 3',
	},
	{
		kind: 'election',
		line: 'raft2026/11/23 13:42:14 INFO: ed3bbaa9ebe1f70b is starting a new election at term 1',
		described: 'm1 started an election at term 1',
	},
];

/** Ordinary lines of both formats that are no trouble sign, warnings among them. */
export const ordinaryLines: readonly string[] = [
	'{"level":"info","ts":"2026-11-23T13:41:24.814Z","caller":"etcdserver/backend.go:80","msg":"opened backend db","path":"/tmp/etcdeck-cluster-clYkkq/m1/member/snap/db","took":"1.70327ms"}',
	'{"level":"info","ts":"2026-11-23T13:41:27.027Z","caller":"raft/node.go:327","msg":"raft.node: e2506241081c86db elected leader 87c890c3d141f0b4 at term 2"}',
	'{"level":"warn","ts":"2026-11-23T13:41:26.826Z","caller":"auth/store.go:1380","msg":"simple token is not cryptographically signed"}',
	'{"level":"warn","ts":"2026-11-23T13:41:32.613Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"87c890c3d141f0b4","error":"failed to read 87c890c3d141f0b4 on stream MsgApp v2 (unexpected EOF)"}',
	'2026-11-23 13:42:13.691062 I | embed: name = m1',
	'2026-11-23 13:42:17.376818 W | etcdserver: server is likely overloaded',
	'raft2026/11/23 13:42:14 INFO: raft.node: 534b9038c32868f0 elected leader ed3bbaa9ebe1f70b at term 2',
	'[WARNING] Deprecated \'--logger=capnslog\' flag is set; use \'--logger=zap\' flag instead',
];
