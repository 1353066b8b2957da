import {test} from 'node:test';
import assert from 'node:assert/strict';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {memberRows} from '../../source/model/cluster/member-rows.ts';
import {memberViews, reachabilityOf} from '../../source/model/cluster/member-view.ts';
import {advanceHealth} from '../../source/model/health/health.ts';
import {lagRows} from '../../source/model/lag/lag-rows.ts';
import {compareMembers, inMemberOrder} from '../../source/model/shared/member-order.ts';
import {etcdMetrics, member, roundOf, scrapeOf} from '../support/metrics-fixtures.ts';
import {failProbe, fixtureQuotaBytes, healthyCluster, unstartedMemberReading, voterUnreachableReading} from '../support/reading-fixtures.ts';

const facts = (name: string, role: 'leader' | 'follower' | 'learner', id = name) => ({name, id, isLeader: role === 'leader', isLearner: role === 'learner'});

void test('the one member order: leader, followers, learners; by name within each, numbers as numbers, then ID', () => {
	const given = [facts('etcd-10', 'follower'), facts('a-learner', 'learner'), facts('etcd-9', 'follower'), facts('z-leader', 'leader'), facts('etcd-2', 'learner'), facts('etcd-9', 'follower', '0001')];
	assert.deepEqual(inMemberOrder(given, each => each).map(each => `${each.name}/${each.id}`), ['z-leader/z-leader', 'etcd-9/0001', 'etcd-9/etcd-9', 'etcd-10/etcd-10', 'a-learner/a-learner', 'etcd-2/etcd-2']);
	assert.equal(given[0]!.name, 'etcd-10', 'the input is not reordered');
	assert.ok(compareMembers(facts('b', 'leader'), facts('a', 'follower')) < 0);
});

void test('a leader that is not first by name comes first in the members, endpoints and lag panes alike', () => {
	const reading = healthyCluster({voters: 3, learners: 1, leader: 2});
	const summary = summarize(reading, {quotaBytes: fixtureQuotaBytes});
	const names = memberViews(reading).map(view => view.name);
	assert.deepEqual(names, ['etcd-3', 'etcd-1', 'etcd-2', 'etcd-4']);
	assert.deepEqual(memberRows(summary).map(row => row.cells.name), names);
	assert.deepEqual(lagRows(summary, {samples: []}).map(row => row.cells.name), names);
});

void test('the Health pane lists members in the same order: leader (by its /metrics), followers, learners', () => {
	const members = [member('0a', 'etcd-1', 1), member('0b', 'etcd-2', 2), {...member('0c', 'a-learner', 3), isLearner: true}, member('0d', 'etcd-0', 4)];
	const at = Date.UTC(2025, 0, 15);
	const health = advanceHealth(undefined, roundOf(members, at, [
		scrapeOf(members[0]!, at, etcdMetrics()),
		scrapeOf(members[1]!, at, etcdMetrics({isLeader: true})),
		scrapeOf(members[2]!, at, etcdMetrics()),
		scrapeOf(members[3]!, at, etcdMetrics()),
	]));
	assert.deepEqual(health.members.map(each => each.name), ['etcd-2', 'etcd-0', 'etcd-1', 'a-learner']);
});

void test('reachability: started, unstarted, unreachable (refused) and no answer (a deadline passed)', () => {
	const refused = voterUnreachableReading();
	const byName = (reading: typeof refused) => Object.fromEntries(memberViews(reading).map(view => [view.name, reachabilityOf(view)]));
	assert.deepEqual(byName(refused), {'etcd-1': 'started', 'etcd-2': 'started', 'etcd-3': 'unreachable', 'etcd-4': 'started'});
	const stopped = {...refused, probes: refused.probes.map(probe => (probe.error === undefined ? probe : {...failProbe(probe, 'no answer within 5000 ms (--timeout)'), failure: 'no-answer' as const}))};
	assert.equal(byName(stopped)['etcd-3'], 'no answer');
	const rows = memberRows(summarize(stopped, {quotaBytes: fixtureQuotaBytes}));
	const row = rows.find(each => each.cells.name === 'etcd-3')!;
	assert.equal(row.cells.status, 'no answer');
	assert.equal(row.tone, 'error');
	assert.equal(row.detail, 'etcd-3: no answer: no answer within 5000 ms (--timeout)');
	assert.equal(byName(unstartedMemberReading())[''], 'unstarted');
});
