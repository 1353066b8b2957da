import {test} from 'node:test';
import assert from 'node:assert/strict';
import {catchUp, promoteReadiness} from '../../source/model/lag/catch-up.ts';
import {formatDuration, formatRate} from '../../source/model/shared/format.ts';
import {emptyLagHistory} from '../../source/model/lag/lag-history.ts';
import {downError, historyOf, hungError, lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {unstartedMemberReading, unstartedNode} from '../support/reading-fixtures.ts';

const learner = learnerNode.id;
const reasonOf = (readiness: ReturnType<typeof promoteReadiness>) => (readiness.ready ? 'ready' : readiness.reason);

void test('a learner catching up: its rate over the last refreshes and when it will be in sync', () => {
	// The leader takes 10 entries/s; the learner applies 60/s, so it closes in at 50/s.
	const history = historyOf(lagReading(0, [2000, 2000, 2000, 1000]), lagReading(5, [2050, 2050, 2050, 1300]), lagReading(10, [2100, 2100, 2100, 1600]));
	assert.deepEqual(catchUp(history, learner), {lag: 500, rate: 50, etaMs: (499 / 50) * 1000});
	assert.equal(reasonOf(promoteReadiness(history, learner)), '500 entries behind, catching up at 50/s (ETA 10s)');
});

void test('a learner falling behind: lag grows, so there is no ETA', () => {
	// SIGSTOPped learners do not answer; this one answers but applies slower than the leader commits.
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 900]), lagReading(10, [1400, 1400, 1400, 1100]));
	assert.deepEqual(catchUp(history, learner), {lag: 300, rate: -20, etaMs: undefined});
	assert.equal(reasonOf(promoteReadiness(history, learner)), '300 entries behind and falling behind (20/s)');
});

void test('a learner standing still behind an idle leader is not catching up', () => {
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 990]), lagReading(1, [1000, 1000, 1000, 990]));
	assert.equal(reasonOf(promoteReadiness(history, learner)), '10 entries behind, not catching up');
});

void test('one refresh gives the lag but no rate yet', () => {
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 1]));
	assert.deepEqual(catchUp(history, learner), {lag: 999, rate: undefined, etaMs: undefined});
	assert.equal(reasonOf(promoteReadiness(history, learner)), '999 entries behind');
});

void test('the rate looks back 30 s only, so an old burst does not flatter it', () => {
	const history = historyOf(lagReading(0, [5000, 5000, 5000, 0]), lagReading(60, [5000, 5000, 5000, 4000]), lagReading(80, [5000, 5000, 5000, 4100]));
	assert.equal(catchUp(history, learner).rate, 5);
	assert.equal(reasonOf(promoteReadiness(history, learner)), '900 entries behind, catching up at 5/s (ETA 3m 00s)');
});

void test('ready only when within one entry of the leader on two refreshes in a row', () => {
	const caughtUp = [lagReading(0, [900, 900, 900, 400]), lagReading(1, [1000, 1000, 1000, 999]), lagReading(2, [1000, 1000, 1000, 1000])] as const;
	assert.equal(reasonOf(promoteReadiness(historyOf(caughtUp[0], caughtUp[1]), learner)), 'in sync with the leader; ready if it still is at the next refresh');
	assert.deepEqual(promoteReadiness(historyOf(...caughtUp), learner), {ready: true});
	assert.equal(catchUp(historyOf(...caughtUp), learner).etaMs, 0);
	// Two entries behind is not within one.
	assert.notEqual(reasonOf(promoteReadiness(historyOf(caughtUp[1], lagReading(3, [1002, 1002, 1002, 1000])), learner)), 'ready');
});

void test('a refresh in which the learner did not answer breaks the run of in-sync refreshes', () => {
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 1000]), lagReading(1, [1000, 1000, 1000, 'hung']), lagReading(2, [1000, 1000, 1000, 1000]));
	assert.equal(reasonOf(promoteReadiness(history, learner)), 'in sync with the leader; ready if it still is at the next refresh');
});

void test('an unreachable learner is not ready, with the reason its status call gave', () => {
	assert.equal(reasonOf(promoteReadiness(historyOf(lagReading(0, [1000, 1000, 1000, 'hung'])), learner)), `unreachable: ${hungError}`);
	assert.equal(reasonOf(promoteReadiness(historyOf(lagReading(0, [1000, 1000, 1000, 'down'])), learner)), `unreachable: ${downError}`);
});

void test('an unstarted learner is not ready', () => {
	assert.equal(reasonOf(promoteReadiness(historyOf(unstartedMemberReading()), unstartedNode().id)), 'unstarted: added, but its etcd has not joined yet');
});

void test('without a leader no learner is ready', () => {
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 1000], {leader: -1}), lagReading(1, [1000, 1000, 1000, 1000], {leader: -1}));
	assert.equal(reasonOf(promoteReadiness(history, learner)), 'no leader known');
});

void test('voters, unknown members and an empty history are never ready, each with its reason', () => {
	const history = historyOf(lagReading(0, [1000, 1000, 1000, 1000]), lagReading(1, [1000, 1000, 1000, 1000]));
	assert.equal(reasonOf(promoteReadiness(history, lagNodes[1].id)), 'a voter already: only a learner can be promoted');
	assert.equal(reasonOf(promoteReadiness(history, 'ffffffffffffffff')), 'not in the member list');
	assert.equal(reasonOf(promoteReadiness(emptyLagHistory, learner)), 'no refresh yet');
});

void test('rates and durations read as an operator would say them', () => {
	assert.deepEqual([0.25, 2, 9.96, 50, 1234.4, -20].map(formatRate), ['0.3/s', '2/s', '10/s', '50/s', '1,234/s', '-20/s']);
	assert.deepEqual([0, 400, 1000, 59_001, 60_000, 125_000, 3_720_000].map(formatDuration), ['0s', '1s', '1s', '1m 00s', '1m 00s', '2m 05s', '1h 02m']);
});
