import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Etcd3} from 'etcd3';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {summarize, type ClusterSummary} from '../../source/model/cluster/cluster-summary.ts';
import {emptyLagHistory, recordLag, type LagHistory} from '../../source/model/lag/lag-history.ts';
import {checkMoveLeader, checkPromote} from '../../source/model/actions/member-action-checks.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {hex, parseEtcdJson, type EtcdctlEndpointStatus} from '../support/etcd-json.ts';

// Moves and promotion change the cluster for good: the tests run in this order on one cluster.
const cluster = startClusterForFile({voters: 3, learners: 1});
const timeoutMs = 2000;
const quota = {quotaBytes: 2 * 1024 ** 3};

interface Observed {
	/** Hex ID of the member that says it leads. */
	leader: string;
	/** Raft term as the leader reports it: an election, even a failed move, raises it. */
	term: number;
	/** The leader each endpoint names, as hex IDs. */
	namedLeaders: string[];
}

/** Who leads, as `etcdctl endpoint status --cluster` says. */
async function observe(): Promise<Observed> {
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await cluster().etcdctl(['endpoint', 'status', '--cluster', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
	const leader = statuses.find(entry => entry.Status.leader === entry.Status.header.member_id);
	assert.ok(leader, 'a member says it leads');
	return {leader: hex(leader.Status.header.member_id), term: leader.Status.raftTerm, namedLeaders: statuses.map(entry => hex(entry.Status.leader))};
}

/** `etcdctl member list` in its plain form: hex ID → whether it is a learner. */
async function learnerFlags(): Promise<Map<string, boolean>> {
	const lines = (await cluster().etcdctl(['member', 'list'], {endpoints: cluster().voterEndpoints})).trim().split('\n');
	return new Map(lines.map(line => {
		const fields = line.split(', ');
		return [fields[0]!, fields.at(-1) === 'true'];
	}));
}

function idOf(summary: ClusterSummary, name: string): string {
	const id = summary.views.find(view => view.name === name)?.id;
	assert.ok(id, `${name} is in the member list`);
	return id;
}

function nameOf(summary: ClusterSummary, id: string): string {
	return summary.views.find(view => view.id === id)?.name ?? id;
}

async function withService<T>(work: (service: ClusterService) => Promise<T>): Promise<T> {
	// Seeded with one voter only: the actions must find the leader themselves.
	const service = new ClusterService({endpoints: [cluster().member('m2').clientUrl], timeoutMs});
	try {
		return await work(service);
	} finally {
		service.close();
	}
}

void test('move-leader to a chosen follower: sent to the leader, and etcdctl endpoint status --cluster shows the follower leading', async () => {
	await withService(async service => {
		const before = await observe();
		const summary = summarize(await service.refresh(), quota);
		const target = ['m1', 'm2', 'm3'].map(name => idOf(summary, name)).find(id => id !== before.leader)!;
		const leaderEndpoint = summary.views.find(view => view.id === before.leader)?.probe?.endpoint;

		const check = checkMoveLeader(summary, target);
		assert.ok(check.allowed, check.allowed ? '' : check.reason);
		assert.equal(check.confirmation.etcdctl, `etcdctl --endpoints=${leaderEndpoint} move-leader ${target}`);

		const result = await service.moveLeader(target);
		assert.deepEqual(
			{ok: result.ok, message: result.message, sentTo: result.sentTo, before: result.leaderBefore?.id, after: result.leaderAfter?.id},
			{ok: true, message: `Leadership transferred from ${nameOf(summary, before.leader)} to ${nameOf(summary, target)}`, sentTo: leaderEndpoint, before: before.leader, after: target},
		);
		const after = await waitFor('every member to name the new leader', async () => {
			const seen = await observe();
			return seen.namedLeaders.every(id => id === target) ? seen : undefined;
		}, {timeoutMs: 10_000});
		assert.equal(after.leader, target);
	});
});

void test('move-leader to the leader itself is refused with its reason and changes nothing', async () => {
	await withService(async service => {
		const before = await observe();
		const summary = summarize(await service.refresh(), quota);
		const label = `${nameOf(summary, before.leader)} (${before.leader})`;

		assert.deepEqual(checkMoveLeader(summary, before.leader), {allowed: false, reason: `Cannot move leadership to ${label}: it is the leader already`});
		const result = await service.moveLeader(before.leader);
		assert.deepEqual({ok: result.ok, message: result.message, sentTo: result.sentTo}, {ok: false, message: `${label} is the leader already`, sentTo: undefined});

		const after = await observe();
		assert.deepEqual([after.leader, after.term], [before.leader, before.term]);
	});
});

void test('move-leader to a learner is refused with its reason and changes nothing', async () => {
	await withService(async service => {
		const before = await observe();
		const summary = summarize(await service.refresh(), quota);
		const learner = idOf(summary, 'learner1');

		assert.deepEqual(checkMoveLeader(summary, learner), {allowed: false, reason: `Cannot move leadership to learner1 (${learner}): a learner cannot lead (promote it first)`});
		const result = await service.moveLeader(learner);
		assert.deepEqual({ok: result.ok, message: result.message, sentTo: result.sentTo}, {ok: false, message: `learner1 (${learner}) is a learner: a learner cannot lead (promote it first)`, sentTo: undefined});

		const after = await observe();
		assert.deepEqual([after.leader, after.term], [before.leader, before.term]);
		assert.equal((await learnerFlags()).get(learner), true);
	});
});

void test('promotion is refused while the learner is stopped (SIGSTOP) and the cluster takes writes', async () => {
	const writer = new Etcd3({hosts: cluster().voterEndpoints});
	try {
		await withService(async service => {
			let history: LagHistory = emptyLagHistory;
			history = recordLag(history, await service.refresh());
			const learner = idOf(summarize(await service.refresh(), quota), 'learner1');
			const {leader} = await observe();
			cluster().signal('learner1', 'SIGSTOP');
			// One raft entry a put: enough that the learner's last index is under 90% of the leader's, etcd's own bar.
			for (let index = 0; index < 300; index++) {
				await writer.put(`/etcdeck-test/promote/${index}`).value('x');
			}

			history = recordLag(history, await service.refresh());
			const snapshot = await service.refresh();
			history = recordLag(history, snapshot);
			const check = checkPromote(summarize(snapshot, quota), history, learner);
			assert.deepEqual(check, {allowed: false, reason: `Cannot promote learner1 (${learner}): unreachable: no answer within ${timeoutMs} ms (--timeout)`});

			// Sent anyway, etcd refuses it in its own words and nothing changes.
			const result = await service.promote(learner);
			assert.equal(result.ok, false);
			assert.equal(result.sentTo, snapshot.probes.find(probe => probe.memberId === leader)?.endpoint);
			assert.equal(result.message, 'etcdserver: can only promote a learner member which is in sync with leader');
			assert.equal((await learnerFlags()).get(learner), true);
		});
	} finally {
		cluster().signal('learner1', 'SIGCONT');
		writer.close();
	}
});

void test('once resumed and caught up the learner is ready; promotion succeeds and etcdctl member list shows a voter', async () => {
	await withService(async service => {
		let history: LagHistory = emptyLagHistory;
		let learner = '';
		const confirmation = await waitFor('learner1 to be ready for promotion', async () => {
			const snapshot = await service.refresh();
			history = recordLag(history, snapshot);
			const summary = summarize(snapshot, quota);
			learner = idOf(summary, 'learner1');
			const check = checkPromote(summary, history, learner);
			return check.allowed ? check.confirmation : undefined;
		}, {timeoutMs: 30_000, intervalMs: 200});
		assert.equal(confirmation.target, `learner1 (${learner})`);
		assert.ok(confirmation.facts.some(fact => fact.label === 'Voters' && fact.value === '3 → 4 (quorum 2 → 3)'), JSON.stringify(confirmation.facts));

		const result = await service.promote(learner);
		assert.deepEqual({ok: result.ok, message: result.message}, {ok: true, message: `learner1 (${learner}) promoted to voter: 4 voters now`});
		const flags = await learnerFlags();
		assert.equal(flags.get(learner), false);
		assert.deepEqual([...flags.values()], [false, false, false, false]);
	});
});

void test('a closed service answers an action with a message instead of throwing', async () => {
	const service = new ClusterService({endpoints: cluster().voterEndpoints, timeoutMs});
	service.close();
	const result = await service.moveLeader('1');
	assert.deepEqual({ok: result.ok, sentTo: result.sentTo}, {ok: false, sentTo: undefined});
	assert.match(result.message, /^cannot read the member list: .*closed/);
});
