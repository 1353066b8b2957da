import type {TroubleKind} from '../../source/model/logs/log-trouble.ts';

/**
 * Lines etcd 3.4.23 and 3.5.30 wrote, copied from LocalCluster runs on this machine: a 3-member cluster
 * whose leader was stopped for 2.5 s (SIGSTOP), then killed; one whose leader was stopped while a
 * follower served a linearizable read; one whose follower was stopped for 30-40 s, idle and under
 * writes; one joined by a fourth member started with --initial-cluster-state new after `member add`
 * (a cluster of its own: cluster ID mismatch); and one whose removed member was started again. Only the
 * slow fdatasync lines are written from etcd's format strings (wal/wal.go), as no test disk is that slow.
 */
export interface TroubleFixture {
	kind: TroubleKind;
	line: string;
	/** What describeTrouble says of it, given the fixture's member names. */
	described: string;
}

/**
 * Member names of the etcd 3.4 zap runs, by the IDs their lines carry, as the member list would name
 * them. The removed member and the ID a mismatched member made up for itself are in no member list.
 */
export const zapMembers: ReadonlyMap<string, string> = new Map([
	['e2506241081c86db', 'm1'],
	['87c890c3d141f0b4', 'm2'],
	['3c6904551301cf70', 'm3'],
	// The hung follower's run.
	['3a39458a5a55a0c4', 'm1'],
	['b575f60a6161285b', 'm2'],
	// The mismatch run: m4 as `member add` recorded it.
	['2c57b805e0d93122', 'm1'],
	['252197c67b6bf4d4', 'm4'],
	// The removed member's run.
	['cc52edcae04afcb', 'm1'],
]);

/** Member names of the etcd 3.5.30 runs. */
export const zap35Members: ReadonlyMap<string, string> = new Map([
	['90ae1610a9738706', 'm1'],
	['f34e14388566a128', 'm2'],
	['863259c24a4f9b2b', 'm3'],
	['57c0bf6cf739ee13', 'm2'],
	['712092fdee6db69', 'm1'],
	['6cf564162375e6b0', 'm1'],
	['31b627e29e9adba6', 'm4'],
	['fea9eefc0e61e11a', 'm1'],
]);

/** Member names of the capnslog runs. */
export const capnslogMembers: ReadonlyMap<string, string> = new Map([
	['ed3bbaa9ebe1f70b', 'm1'],
	['534b9038c32868f0', 'm2'],
	['afb9c431fd7a400b', 'm3'],
	['c1a45533ed89dfd2', 'm1'],
	['ef61c35e941dfeab', 'm4'],
]);

/** etcd 3.4.23 with --logger=zap: JSON lines. */
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
	{
		kind: 'peer-inactive',
		line: '{"level":"warn","ts":"2026-12-01T23:44:04.637Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"3a39458a5a55a0c4","error":"failed to read 3a39458a5a55a0c4 on stream MsgApp v2 (read tcp 127.0.0.1:34374->127.0.0.1:46777: i/o timeout)"}',
		described: 'peer m1 inactive: failed to read 3a39458a5a55a0c4 on stream MsgApp v2 (read tcp 127.0.0.1:34374->127.0.0.1:46777: i/o timeout)',
	},
	{
		kind: 'peer-inactive',
		line: '{"level":"warn","ts":"2026-11-23T13:41:32.613Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"87c890c3d141f0b4","error":"failed to read 87c890c3d141f0b4 on stream MsgApp v2 (unexpected EOF)"}',
		described: 'peer m2 inactive: failed to read 87c890c3d141f0b4 on stream MsgApp v2 (unexpected EOF)',
	},
	{
		// Written by a member of the cluster about the newcomer: m4 as it calls itself, not as member add made it.
		kind: 'cluster-id-mismatch',
		line: '{"level":"warn","ts":"2026-12-01T23:36:36.096Z","caller":"rafthttp/http.go:547","msg":"request cluster ID mismatch","local-member-id":"2c57b805e0d93122","local-member-cluster-id":"649eb02c369d80a9","local-member-server-version":"3.4.23","local-member-server-minimum-cluster-version":"3.0.0","remote-peer-server-name":"2f1b332e778b3db7","remote-peer-server-version":"3.4.23","remote-peer-server-minimum-cluster-version":"3.0.0","remote-peer-cluster-id":"5bf2133dce1c82a7"}',
		described: 'cluster ID mismatch with 2f1b332e778b3db7: it is in cluster 5bf2133dce1c82a7, this member in 649eb02c369d80a9 (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '{"level":"warn","ts":"2026-12-01T23:36:36.138Z","caller":"rafthttp/stream.go:682","msg":"request sent was ignored by remote peer due to cluster ID mismatch","remote-peer-id":"252197c67b6bf4d4","remote-peer-cluster-id":"5bf2133dce1c82a7","local-member-id":"2c57b805e0d93122","local-member-cluster-id":"649eb02c369d80a9","error":"cluster ID mismatch"}',
		described: 'cluster ID mismatch with m4: it is in cluster 5bf2133dce1c82a7, this member in 649eb02c369d80a9 (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'removed-member',
		line: '{"level":"warn","ts":"2026-12-01T23:37:37.644Z","caller":"rafthttp/http.go:425","msg":"rejected stream from remote peer because it was removed","local-member-id":"cc52edcae04afcb","remote-peer-id-stream-handler":"cc52edcae04afcb","remote-peer-id-from":"6013e8b21340bc2b"}',
		described: 'removed member 6013e8b21340bc2b still tries to rejoin, rejected by m1',
	},
	{
		// The removed member itself, started again on its old data dir.
		kind: 'removed-member',
		line: '{"level":"warn","ts":"2026-12-01T23:37:37.646Z","caller":"etcdserver/server.go:1078","msg":"server error","error":"the member has been permanently removed from the cluster"}',
		described: 'this member was removed from the cluster: remove its data dir before adding it again',
	},
];

/**
 * etcd 3.5.30 (zap only). No slow fdatasync: 3.5 writes it with the same msg and fields as 3.4
 * (wal/wal.go), and no test disk is that slow.
 */
export const zap35Troubles: readonly TroubleFixture[] = [
	{
		kind: 'slow-apply',
		line: String.raw`{"level":"warn","ts":"2026-12-02T00:01:04.354781Z","caller":"etcdserver/util.go:183","msg":"apply request took too long","took":"988.131213ms","expected-duration":"100ms","prefix":"read-only range ","request":"key:\"foo\" ","response":"","error":"etcdserver: leader changed"}`,
		described: 'slow apply: took 988.131213ms, expected 100ms',
	},
	{
		kind: 'heartbeat-late',
		line: '{"level":"warn","ts":"2026-12-01T23:25:01.593656Z","caller":"etcdserver/raft.go:428","msg":"leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk","to":"90ae1610a9738706","heartbeat-interval":"100ms","expected-duration":"200ms","exceeded-duration":"2.354690001s"}',
		described: 'late heartbeat to m1: 2.354690001s late, expected 200ms',
	},
	{
		// 3.5.30 logs this only for a peer its prober never reached (here: hung right at start-up), without the error.
		kind: 'peer-unhealthy',
		line: '{"level":"warn","ts":"2026-12-01T23:39:35.147643Z","caller":"rafthttp/probing_status.go:68","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT","remote-peer-id":"57c0bf6cf739ee13","rtt":"0s"}',
		described: 'peer m2 unhealthy',
	},
	{
		// The leader, writing to a follower hung for 8 s: the stream's write deadline is the first sign.
		kind: 'peer-inactive',
		line: '{"level":"warn","ts":"2026-12-01T23:45:26.462347Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"712092fdee6db69","error":"failed to write 712092fdee6db69 on stream MsgApp v2 (write tcp 127.0.0.1:32771->127.0.0.1:32866: i/o timeout)"}',
		described: 'peer m1 inactive: failed to write 712092fdee6db69 on stream MsgApp v2 (write tcp 127.0.0.1:32771->127.0.0.1:32866: i/o timeout)',
	},
	{
		kind: 'slow-read-index',
		line: '{"level":"warn","ts":"2026-12-02T00:01:03.867209Z","caller":"etcdserver/v3_server.go:1025","msg":"waiting for ReadIndex response took too long, retrying","sent-request-id":16685733488887174404,"retry-timeout":"500ms"}',
		described: 'slow ReadIndex (retry after 500ms)',
	},
	{
		// raft's lines carry "logger":"raft" in 3.5.
		kind: 'election',
		line: '{"level":"info","ts":"2026-12-01T23:25:00.871745Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"raft.node: 90ae1610a9738706 lost leader f34e14388566a128 at term 2"}',
		described: 'm1 lost leader m2 at term 2',
	},
	{
		kind: 'election',
		line: '{"level":"info","ts":"2026-12-01T23:25:00.871488Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"90ae1610a9738706 is starting a new election at term 2"}',
		described: 'm1 started an election at term 2',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '{"level":"warn","ts":"2026-12-01T23:37:00.799933Z","caller":"rafthttp/http.go:500","msg":"request cluster ID mismatch","local-member-id":"6cf564162375e6b0","local-member-cluster-id":"397db83e6263aa2d","local-member-server-version":"3.5.30","local-member-server-minimum-cluster-version":"3.0.0","remote-peer-server-name":"809a506dc60d154a","remote-peer-server-version":"3.5.30","remote-peer-server-minimum-cluster-version":"3.0.0","remote-peer-cluster-id":"2b70915d77d0e06f"}',
		described: 'cluster ID mismatch with 809a506dc60d154a: it is in cluster 2b70915d77d0e06f, this member in 397db83e6263aa2d (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '{"level":"warn","ts":"2026-12-01T23:37:00.863164Z","caller":"rafthttp/stream.go:653","msg":"request sent was ignored by remote peer due to cluster ID mismatch","remote-peer-id":"31b627e29e9adba6","remote-peer-cluster-id":"2b70915d77d0e06f","local-member-id":"6cf564162375e6b0","local-member-cluster-id":"397db83e6263aa2d","error":"cluster ID mismatch"}',
		described: 'cluster ID mismatch with m4: it is in cluster 2b70915d77d0e06f, this member in 397db83e6263aa2d (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		// 3.5's pipeline writer, at error level with a stack trace.
		kind: 'cluster-id-mismatch',
		line: '{"level":"error","ts":"2026-12-01T23:37:00.874714Z","caller":"rafthttp/util.go:99","msg":"request sent was ignored due to cluster ID mismatch","remote-peer-id":"31b627e29e9adba6","remote-peer-cluster-id":"2b70915d77d0e06f","local-member-cluster-id":"397db83e6263aa2d","stacktrace":"go.etcd.io/etcd/server/etcdserver/api/rafthttp.checkPostResponse\\n\\tgo.etcd.io/etcd/server/etcdserver/api/rafthttp/util.go:99\\ngo.etcd.io/etcd/server/etcdserver/api/rafthttp.(*pipeline).post\\n\\tgo.etcd.io/etcd/server/etcdserver/api/rafthttp/pipeline.go:163\\ngo.etcd.io/etcd/server/etcdserver/api/rafthttp.(*pipeline).handle\\n\\tgo.etcd.io/etcd/server/etcdserver/api/rafthttp/pipeline.go:100"}',
		described: 'cluster ID mismatch with m4: it is in cluster 2b70915d77d0e06f, this member in 397db83e6263aa2d (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'removed-member',
		line: '{"level":"warn","ts":"2026-12-01T23:38:01.238647Z","caller":"rafthttp/http.go:394","msg":"rejected stream from remote peer because it was removed","local-member-id":"fea9eefc0e61e11a","remote-peer-id-stream-handler":"fea9eefc0e61e11a","remote-peer-id-from":"2a5b872da37ede23"}',
		described: 'removed member 2a5b872da37ede23 still tries to rejoin, rejected by m1',
	},
	{
		kind: 'removed-member',
		line: '{"level":"warn","ts":"2026-12-01T23:38:01.235575Z","caller":"etcdserver/server.go:1156","msg":"server error","error":"the member has been permanently removed from the cluster"}',
		described: 'this member was removed from the cluster: remove its data dir before adding it again',
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
	{
		// capnslog writes this one at info level: the stream to the hung peer timed out.
		kind: 'peer-inactive',
		line: '2026-12-01 23:52:40.040417 I | rafthttp: peer c1a45533ed89dfd2 became inactive (message send to peer failed)',
		described: 'peer m1 inactive',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '2026-12-01 23:51:33.852338 E | rafthttp: request cluster ID mismatch (got 474737d52d99e37d want d1801de30338e1e8)',
		described: 'cluster ID mismatch: it is in cluster 474737d52d99e37d, this member in d1801de30338e1e8 (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '2026-12-01 23:51:33.865376 E | rafthttp: request sent was ignored (cluster ID mismatch: peer[ef61c35e941dfeab]=474737d52d99e37d, local=d1801de30338e1e8)',
		described: 'cluster ID mismatch with m4: it is in cluster 474737d52d99e37d, this member in d1801de30338e1e8 (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'cluster-id-mismatch',
		line: '2026-12-01 23:51:33.859621 E | rafthttp: request sent was ignored (cluster ID mismatch: remote[ef61c35e941dfeab]=474737d52d99e37d, local=d1801de30338e1e8)',
		described: 'cluster ID mismatch with m4: it is in cluster 474737d52d99e37d, this member in d1801de30338e1e8 (started with --initial-cluster-state new, or another cluster\'s data dir?)',
	},
	{
		kind: 'removed-member',
		line: '2026-12-01 23:51:57.807948 W | rafthttp: rejected the stream from peer 41275064babc8b76 since it was removed',
		described: 'removed member 41275064babc8b76 still tries to rejoin, rejected',
	},
	{
		kind: 'removed-member',
		line: '2026-12-01 23:51:57.809736 E | etcdserver: the member has been permanently removed from the cluster',
		described: 'this member was removed from the cluster: remove its data dir before adding it again',
	},
];

/** Ordinary lines of both formats and both lines (3.4, 3.5) that are no trouble sign, warnings among them. */
export const ordinaryLines: readonly string[] = [
	'{"level":"info","ts":"2026-11-23T13:41:24.814Z","caller":"etcdserver/backend.go:80","msg":"opened backend db","path":"/tmp/etcdeck-cluster-clYkkq/m1/member/snap/db","took":"1.70327ms"}',
	'{"level":"info","ts":"2026-11-23T13:41:27.027Z","caller":"raft/node.go:327","msg":"raft.node: e2506241081c86db elected leader 87c890c3d141f0b4 at term 2"}',
	'{"level":"warn","ts":"2026-11-23T13:41:26.826Z","caller":"auth/store.go:1380","msg":"simple token is not cryptographically signed"}',
	'{"level":"warn","ts":"2026-12-01T23:44:40.315Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"3a39458a5a55a0c4","remote-peer-id":"b575f60a6161285b","error":"read tcp 127.0.0.1:40746->127.0.0.1:40509: i/o timeout"}',
	'{"level":"warn","ts":"2026-12-01T23:38:01.235610Z","caller":"etcdserver/server.go:1157","msg":"data-dir used by this member must be removed"}',
	'{"level":"warn","ts":"2026-12-01T23:36:55.583832Z","caller":"etcdserver/server.go:1710","msg":"rejecting member add request; local member has not been connected to majority peers, reconfigure breaks active quorum","local-member-id":"6cf564162375e6b0","requested-member-add":"{ID:77d8f20af7c43bdb RaftAttributes:{PeerURLs:[http://127.0.0.1:40365] IsLearner:false} Attributes:{Name: ClientURLs:[]}}","error":"etcdserver: unhealthy cluster"}',
	'2026-12-01 23:52:40.040367 W | rafthttp: lost the TCP streaming connection with peer c1a45533ed89dfd2 (stream MsgApp v2 reader)',
	'2026-12-01 23:51:57.809687 E | rafthttp: failed to dial bfc0424150f81473 on stream Message (the member has been permanently removed from the cluster)',
	'2026-11-23 13:42:13.691062 I | embed: name = m1',
	'2026-11-23 13:42:17.376818 W | etcdserver: server is likely overloaded',
	'raft2026/11/23 13:42:14 INFO: raft.node: 534b9038c32868f0 elected leader ed3bbaa9ebe1f70b at term 2',
	'[WARNING] Deprecated \'--logger=capnslog\' flag is set; use \'--logger=zap\' flag instead',
];
