import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {emptyLagHistory} from '../../source/model/lag/lag-history.ts';
import {checkMoveLeader, checkPromote, memberLabel, moveLeaderCommand, promoteCommand, type ActionCheck, type Confirmation} from '../../source/model/actions/member-action-checks.ts';
import {historyOf, hungError, lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {fixtureQuotaBytes, healthyCluster, unstartedMemberReading, unstartedNode} from '../support/reading-fixtures.ts';

const [leader, follower] = lagNodes;
const summaryOf = (reading: ClusterReading) => summarize(reading, {quotaBytes: fixtureQuotaBytes});

function reasonOf(check: ActionCheck): string {
	assert.equal(check.allowed, false, 'the check refuses');
	return check.allowed ? '' : check.reason;
}

function confirmationOf(check: ActionCheck): Confirmation {
	assert.ok(check.allowed, check.allowed ? '' : check.reason);
	return check.confirmation;
}

function factsOf(confirmation: Confirmation): Record<string, string> {
	return Object.fromEntries(confirmation.facts.map(fact => [fact.label, fact.value]));
}

/** Two refreshes with the learner one entry behind, so it is ready. */
const inSync = [lagReading(0, [1000, 1000, 1000, 999]), lagReading(1, [1001, 1001, 1001, 1000], {applyBacklog: [0, 0, 0, 3]})] as const;

void test('promote: a ready learner gets a confirmation with its lag, the voters and failures tolerated after, and the etcdctl command', () => {
	const confirmation = confirmationOf(checkPromote(summaryOf(inSync[1]), historyOf(...inSync), learnerNode.id));
	assert.equal(confirmation.action, 'promote');
	assert.equal(confirmation.targetId, learnerNode.id);
	assert.equal(confirmation.target, `etcd-4 (${learnerNode.id})`);
	assert.equal(confirmation.title, 'Promote learner etcd-4 to voter?');
	assert.deepEqual(factsOf(confirmation), {
		Member: `etcd-4 (${learnerNode.id})`,
		Lag: '1 entry behind leader etcd-1 (applied index: 4 entries)',
		Voters: '3 → 4 (quorum 2 → 3)',
		Tolerates: '1 failure → 1 failure (4 voters tolerate no more than 3)',
		'Sent to': `the leader at ${leader.endpoint}, looked up again on confirm`,
	});
	assert.equal(confirmation.etcdctl, `etcdctl --endpoints=${leader.endpoint} member promote ${learnerNode.id}`);
});

void test('promote: growing from 4 voters to 5 gains a failure tolerated', () => {
	const reading = healthyCluster({voters: 4, learners: 1});
	const later = {...reading, takenAt: reading.takenAt + 1000};
	const learnerId = reading.members.find(member => member.isLearner)!.id;
	// The fixture's learner is 4 entries behind; in sync it must be.
	const synced = (base: ClusterReading): ClusterReading => ({...base, probes: base.probes.map(probe => ({...probe, status: {...probe.status!, raftIndex: 12_345}}))});
	const facts = factsOf(confirmationOf(checkPromote(summaryOf(synced(later)), historyOf(synced(reading), synced(later)), learnerId)));
	assert.equal(facts['Voters'], '4 → 5 (quorum 3 → 3)');
	assert.equal(facts['Tolerates'], '1 failure → 2 failures');
});

void test('promote: a voter is refused, saying only a learner can be promoted', () => {
	assert.equal(reasonOf(checkPromote(summaryOf(inSync[1]), historyOf(...inSync), follower.id)), `Cannot promote etcd-2 (${follower.id}): it is a voter already; only a learner can be promoted`);
});

void test('promote: a learner that is not ready is refused with the readiness reason', () => {
	const behind = [lagReading(0, [1000, 1000, 1000, 500]), lagReading(10, [1000, 1000, 1000, 700])] as const;
	assert.equal(reasonOf(checkPromote(summaryOf(behind[1]), historyOf(...behind), learnerNode.id)), `Cannot promote etcd-4 (${learnerNode.id}): 300 entries behind, catching up at 20/s (ETA 15s)`);
	const hung = lagReading(0, [1000, 1000, 1000, 'hung']);
	assert.equal(reasonOf(checkPromote(summaryOf(hung), historyOf(hung), learnerNode.id)), `Cannot promote etcd-4 (${learnerNode.id}): unreachable: ${hungError}`);
	const once = inSync[1];
	assert.match(reasonOf(checkPromote(summaryOf(once), historyOf(once), learnerNode.id)), /ready if it still is at the next refresh$/);
});

void test('promote: an unstarted learner is refused, named by its ID', () => {
	const reading = unstartedMemberReading();
	const id = unstartedNode().id;
	assert.equal(reasonOf(checkPromote(summaryOf(reading), historyOf(reading), id)), `Cannot promote ${id}: unstarted: added, but its etcd has not joined yet`);
});

void test('no reading, no selection, or a selection outside the member list: refused, saying which', () => {
	assert.equal(reasonOf(checkPromote(undefined, emptyLagHistory, learnerNode.id)), 'Cannot promote a member before the first refresh');
	assert.equal(reasonOf(checkMoveLeader(summaryOf(inSync[1]), undefined)), 'Cannot move leadership to a member: none is selected');
	assert.equal(reasonOf(checkMoveLeader(summaryOf(inSync[1]), 'http://10.9.9.9:2379')), 'Cannot move leadership to http://10.9.9.9:2379: it is not in the member list');
});

void test('move-leader: a follower gets a confirmation naming both members, the unchanged quorum and the leader\'s endpoint', () => {
	const reading = lagReading(0, [1000, 997, 1000, 1000], {applyBacklog: [0, 1, 0, 0]});
	const confirmation = confirmationOf(checkMoveLeader(summaryOf(reading), follower.id));
	assert.equal(confirmation.title, 'Move leadership from etcd-1 to etcd-2?');
	assert.deepEqual(factsOf(confirmation), {
		From: `etcd-1 (${leader.id})`,
		To: `etcd-2 (${follower.id})`,
		Lag: '3 entries behind leader etcd-1 (applied index: 4 entries)',
		Voters: '3, quorum 2, tolerates 1 failure (unchanged)',
		'Sent to': `the leader at ${leader.endpoint}, looked up again on confirm`,
	});
	assert.equal(confirmation.etcdctl, `etcdctl --endpoints=${leader.endpoint} move-leader ${follower.id}`);
});

void test('move-leader: the current leader, a learner, an unreachable or unstarted member, or no leader: refused with the reason', () => {
	const healthy = summaryOf(lagReading(0, [1000, 1000, 1000, 1000]));
	assert.equal(reasonOf(checkMoveLeader(healthy, leader.id)), `Cannot move leadership to etcd-1 (${leader.id}): it is the leader already`);
	assert.equal(reasonOf(checkMoveLeader(healthy, learnerNode.id)), `Cannot move leadership to etcd-4 (${learnerNode.id}): a learner cannot lead (promote it first)`);
	const hung = summaryOf(lagReading(0, [1000, 'hung', 1000, 1000]));
	assert.equal(reasonOf(checkMoveLeader(hung, follower.id)), `Cannot move leadership to etcd-2 (${follower.id}): unreachable: ${hungError}`);
	const leaderless = summaryOf(lagReading(0, [1000, 1000, 1000, 1000], {leader: -1}));
	assert.equal(reasonOf(checkMoveLeader(leaderless, follower.id)), `Cannot move leadership to etcd-2 (${follower.id}): no leader known, so none can hand leadership over`);
	const withUnstartedVoter = unstartedMemberReading();
	const unstarted = {...withUnstartedVoter, members: withUnstartedVoter.members.map(member => (member.id === unstartedNode().id ? {...member, isLearner: false} : member))};
	assert.equal(reasonOf(checkMoveLeader(summaryOf(unstarted), unstartedNode().id)), `Cannot move leadership to ${unstartedNode().id}: unstarted: added, but its etcd has not joined yet`);
});

void test('etcdctl commands name the endpoint when known and nothing else', () => {
	assert.equal(promoteCommand(undefined, 'abc'), 'etcdctl member promote abc');
	assert.equal(moveLeaderCommand('https://10.0.0.1:2379', 'abc'), 'etcdctl --endpoints=https://10.0.0.1:2379 move-leader abc');
	assert.equal(memberLabel('', 'abc'), 'abc');
	assert.equal(memberLabel('etcd-1', 'abc'), 'etcd-1 (abc)');
});

void test('a user the members refused Status is told before any confirmation that promote and move-leader need the root role', () => {
	const denied = 'Status: permission denied: the user\'s roles do not allow this request';
	const limited = (reading: ClusterReading): ClusterReading => ({...reading, probes: reading.probes.map(probe => ({...probe, statusDenied: denied, status: {...probe.status!, source: 'metrics'}}))});
	const summary = summaryOf(limited(inSync[1]));
	const history = historyOf(limited(inSync[0]), limited(inSync[1]));
	assert.equal(reasonOf(checkPromote(summary, history, learnerNode.id)), `Cannot promote etcd-4 (${learnerNode.id}): needs the root role, which this user lacks`);
	assert.equal(reasonOf(checkMoveLeader(summary, follower.id)), `Cannot move leadership to etcd-2 (${follower.id}): needs the root role, which this user lacks`);
});
