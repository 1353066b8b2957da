import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {readRequestCounts} from '../bench/etcd-request-counter.ts';
import {hex, parseEtcdJson, type EtcdctlEndpointStatus, type EtcdctlMemberList} from '../support/etcd-json.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});
const timeoutMs = 1000;
const quota = {quotaBytes: 2 * 1024 ** 3};

async function etcdctlMembers(): Promise<EtcdctlMemberList> {
	return parseEtcdJson(await cluster().etcdctl(['member', 'list', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
}

async function etcdctlStatus(): Promise<EtcdctlEndpointStatus> {
	return parseEtcdJson(await cluster().etcdctl(['endpoint', 'status', '--cluster', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
}

test('from one seed endpoint, the member list equals etcdctl member list', async () => {
	const service = new ClusterService({endpoints: [cluster().endpoints[0]!], timeoutMs});
	try {
		const snapshot = await service.refresh();
		const expected = await etcdctlMembers();
		const byId = (a: {id: string}, b: {id: string}) => a.id.localeCompare(b.id);
		assert.deepEqual(
			[...snapshot.members].sort(byId),
			expected.members.map(member => ({
				id: hex(member.ID),
				name: member.name,
				peerUrls: member.peerURLs,
				clientUrls: member.clientURLs ?? [],
				isLearner: member.isLearner ?? false,
				started: true,
			})).sort(byId),
		);
		assert.equal(snapshot.members.length, 4);
		assert.equal(snapshot.members.filter(member => member.isLearner).length, 1);
	} finally {
		service.close();
	}
});

test('every member is probed on its own endpoint and agrees with etcdctl endpoint status --cluster', async () => {
	const service = new ClusterService({endpoints: [cluster().endpoints[0]!], timeoutMs});
	try {
		const before = await etcdctlStatus();
		const snapshot = await service.refresh();
		const afterwards = await etcdctlStatus();
		assert.equal(snapshot.probes.length, 4);
		for (const probe of snapshot.probes) {
			const theirs = before.find(entry => entry.Endpoint === probe.endpoint);
			const theirsLater = afterwards.find(entry => entry.Endpoint === probe.endpoint);
			assert.ok(theirs && theirsLater, `etcdctl knows ${probe.endpoint}`);
			assert.equal(probe.error, undefined);
			assert.equal(probe.memberId, hex(theirs.Status.header.member_id));
			assert.equal(probe.status?.version, theirs.Status.version);
			assert.equal(probe.status?.leaderId, hex(theirs.Status.leader));
			assert.equal(probe.status?.raftTerm, theirs.Status.raftTerm);
			assert.equal(probe.status?.isLearner, theirs.Status.isLearner ?? false);
			assert.equal(probe.status?.dbSizeBytes, theirs.Status.dbSize);
			assert.ok(probe.status.raftIndex >= theirs.Status.raftIndex && probe.status.raftIndex <= theirsLater.Status.raftIndex, `raft index of ${probe.endpoint} between etcdctl's two readings`);
		}

		assert.equal(snapshot.clusterId, hex(before[0]!.Status.header.cluster_id));
		const summary = summarize(snapshot, quota);
		const leaderId = hex(before[0]!.Status.leader);
		assert.equal(summary.leader?.id, leaderId);
		assert.equal(summary.leader?.name, (await etcdctlMembers()).members.find(member => hex(member.ID) === leaderId)?.name);
		assert.deepEqual([summary.voters, summary.learners, summary.healthyVoters, summary.quorum, summary.failuresTolerated], [3, 1, 3, 2, 1]);
		assert.deepEqual(summary.warnings, []);
	} finally {
		service.close();
	}
});

test('the member list is kept while the Status answers show no membership change, and read again when another client changes it', async () => {
	const service = new ClusterService({endpoints: [cluster().endpoints[0]!], timeoutMs});
	const memberListsServed = async () => (await readRequestCounts(cluster().endpoints)).grpc['MemberList'] ?? 0;
	try {
		// The first round reads the list beside the answers; the second after them, to compare with.
		await service.refresh();
		await service.refresh();
		const before = await memberListsServed();
		for (let round = 0; round < 3; round++) {
			assert.equal((await service.refresh()).members.length, 4);
		}

		assert.equal(await memberListsServed(), before, 'no MemberList while nothing changed');

		// A voter that never starts (the cluster allows one learner, and has it): three of four still make quorum.
		const added = await cluster().etcdctl(['member', 'add', 'outsider', '--peer-urls=http://127.0.0.1:1'], {endpoints: cluster().voterEndpoints});
		const id = /Member ([0-9a-f]+) added/.exec(added)?.[1];
		assert.ok(id !== undefined, `etcdctl named the added member: ${added}`);
		try {
			const withOutsider = await service.refresh();
			assert.ok(withOutsider.members.some(member => member.id === id && !member.isLearner && !member.started), 'the next refresh lists the member added by etcdctl');
		} finally {
			await cluster().etcdctl(['member', 'remove', id], {endpoints: cluster().voterEndpoints});
		}

		const afterRemoval = await service.refresh();
		assert.ok(!afterRemoval.members.some(member => member.id === id), 'the next refresh no longer lists the removed member');
		assert.equal(afterRemoval.members.length, 4);
	} finally {
		service.close();
	}
});

test('a hung member (SIGSTOP) costs one --timeout, shows as an error, and the others keep answering', async () => {
	const service = new ClusterService({endpoints: cluster().endpoints, timeoutMs});
	const m2 = cluster().member('m2');
	try {
		await service.refresh();
		cluster().signal('m2', 'SIGSTOP');
		const snapshot = await service.refresh();
		const hung = snapshot.probes.find(probe => probe.endpoint === m2.clientUrl);
		assert.match(hung?.error ?? '', /no answer within 1000 ms/);
		assert.equal(snapshot.probes.filter(probe => probe.status !== undefined).length, 3);
		// Every call carries the deadline, so the refresh ends when it expires rather than when m2 wakes.
		assert.ok(snapshot.durationMs < timeoutMs + 1000, `refresh took ${snapshot.durationMs} ms`);
		const summary = summarize(snapshot, quota);
		assert.equal(summary.healthyVoters, 2);
		assert.ok(summary.warnings.some(warning => warning.text.startsWith('m2 unreachable')));
	} finally {
		cluster().signal('m2', 'SIGCONT');
		service.close();
	}
});

test('a killed member shows an error and recovers after restart without a new service', async () => {
	const service = new ClusterService({endpoints: [cluster().endpoints[0]!], timeoutMs});
	try {
		await service.refresh();
		await cluster().kill('m3');
		const down = await service.refresh();
		const m3 = down.probes.find(probe => probe.endpoint === cluster().member('m3').clientUrl);
		assert.ok(m3?.error !== undefined, 'm3 has an error');
		assert.equal(m3.memberId, down.members.find(member => member.name === 'm3')?.id, 'the error row is attributed to m3');
		await cluster().restart('m3');
		await waitFor('m3 to answer through the same service', async () => {
			const snapshot = await service.refresh();
			return snapshot.probes.every(probe => probe.status !== undefined) ? true : undefined;
		}, {timeoutMs: 20_000});
	} finally {
		service.close();
	}
});

test('when the seed endpoint dies, the discovered members keep the dashboard going', async () => {
	const seed = cluster().member('m1');
	const service = new ClusterService({endpoints: [seed.clientUrl], timeoutMs});
	try {
		await service.refresh();
		await cluster().kill('m1');
		const snapshot = await service.refresh();
		assert.notEqual(snapshot.memberListFrom, undefined);
		assert.notEqual(snapshot.memberListFrom, seed.clientUrl);
		assert.equal(snapshot.members.length, 4);
		assert.equal(snapshot.probes.filter(probe => probe.status !== undefined).length, 3);
		const summary = await waitFor('a leader among the survivors', async () => {
			const current = summarize(await service.refresh(), quota);
			return current.leader === undefined ? undefined : current;
		}, {timeoutMs: 20_000});
		assert.notEqual(summary.leader?.name, 'm1');
	} finally {
		service.close();
		await cluster().ensureRunning('m1');
	}
});

test('two of three voters down: quorum lost, and the refresh still ends within the deadline', async () => {
	const service = new ClusterService({endpoints: cluster().endpoints, timeoutMs});
	try {
		await service.refresh();
		await cluster().kill('m2');
		await cluster().kill('m3');
		const snapshot = await service.refresh();
		assert.ok(snapshot.durationMs < timeoutMs + 1000, `refresh took ${snapshot.durationMs} ms`);
		const summary = summarize(snapshot, quota);
		assert.equal(summary.quorumLost, true);
		assert.equal(summary.healthyVoters, 1);
		assert.ok(summary.warnings.some(warning => warning.severity === 'critical' && warning.text.includes('QUORUM LOST: 1 of 3 voters answer, 2 needed (answering: m1)')), JSON.stringify(summary.warnings));
	} finally {
		service.close();
		await cluster().ensureRunning('m2', 'm3');
	}
});
