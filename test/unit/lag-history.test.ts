import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chartPoints, emptyLagHistory, historySpanMs, lagWindowMs, maxLagSamples, raftLagSeries, recordLag} from '../../source/model/lag/lag-history.ts';
import {hungError, historyOf, lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {quorumLostReading, unstartedMemberReading, unstartedNode} from '../support/reading-fixtures.ts';

const [leader, second, third] = lagNodes;

void test('a refresh records each member\'s raft and applied lag behind the member that says it leads', () => {
	const history = historyOf(lagReading(0, [500, 498, 500, 120], {applyBacklog: [2, 0, 5, 20]}));
	const [sample] = history.samples;
	assert.equal(sample?.leaderId, leader.id);
	assert.deepEqual(
		Object.fromEntries(Object.entries(sample.members).map(([id, point]) => [id, [point.raftLag, point.appliedLag, point.isLearner, point.reachable]])),
		{
			[leader.id]: [0, 0, false, true],
			[second.id]: [2, 0, false, true],
			[third.id]: [0, 3, false, true],
			[learnerNode.id]: [380, 398, true, true],
		},
	);
});

void test('a member whose status call failed is unreachable with its reason, and its lag is unknown', () => {
	const point = historyOf(lagReading(0, [500, 500, 500, 'hung'])).samples[0]!.members[learnerNode.id]!;
	assert.deepEqual([point.reachable, point.error, point.raftLag, point.appliedLag], [false, hungError, undefined, undefined]);
});

void test('an unstarted member is recorded as unstarted; without a leader no lag is known', () => {
	const unstarted = historyOf(unstartedMemberReading()).samples[0]!.members[unstartedNode().id]!;
	assert.deepEqual([unstarted.started, unstarted.reachable, unstarted.raftLag], [false, false, undefined]);
	const leaderless = historyOf(quorumLostReading()).samples[0]!;
	assert.equal(leaderless.leaderId, undefined);
	assert.ok(Object.values(leaderless.members).every(point => point.raftLag === undefined));
});

void test('the same snapshot twice, or an older one, is recorded once', () => {
	const first = lagReading(10, [500, 500, 500, 500]);
	const history = historyOf(first);
	assert.equal(recordLag(history, first), history);
	assert.equal(recordLag(history, lagReading(5, [400, 400, 400, 400])), history);
	assert.equal(recordLag(history, lagReading(11, [500, 500, 500, 500])).samples.length, 2);
});

void test('samples older than the window are dropped, and the count is capped', () => {
	const windowSeconds = lagWindowMs / 1000;
	const history = historyOf(...[0, 60, windowSeconds, windowSeconds + 61].map(seconds => lagReading(seconds, [9, 9, 9, 9])));
	assert.equal(history.samples.length, 2);
	assert.equal(historySpanMs(history), 61_000);

	let many = emptyLagHistory;
	for (let index = 0; index < maxLagSamples + 10; index++) {
		many = recordLag(many, lagReading(index / 100, [9, 9, 9, 9]));
	}

	assert.equal(many.samples.length, maxLagSamples);
	assert.equal(many.samples.at(-1)?.takenAt, lagReading((maxLagSamples + 9) / 100, [9, 9, 9, 9]).takenAt);
});

void test('a member\'s raft lag series has one value per refresh, undefined where unknown', () => {
	const history = historyOf(lagReading(0, [100, 100, 100, 90]), lagReading(1, [110, 110, 110, 'down']), lagReading(2, [120, 120, 120, 119]));
	assert.deepEqual(raftLagSeries(history, learnerNode.id), [10, undefined, 1]);
	assert.deepEqual(raftLagSeries(history, 'ffffffffffffffff'), [undefined, undefined, undefined]);
	assert.equal(historySpanMs(emptyLagHistory), 0);
});

void test('chart points fill unknown values from the last known one and keep the time axis', () => {
	assert.deepEqual(chartPoints([undefined, 4, undefined, 2], 10), [4, 4, 4, 2]);
	assert.deepEqual(chartPoints([undefined, undefined], 10), []);
	assert.deepEqual(chartPoints([1, 2, 3], 0), []);
});

void test('squeezed into fewer columns, each column keeps the worst lag it covers', () => {
	assert.deepEqual(chartPoints([0, 9, 0, 0, 1, 0, 0, 0], 4), [9, 0, 1, 0]);
	assert.deepEqual(chartPoints([5, 1, 1, 1, 1, 7, 1], 3), [5, 1, 7]);
	assert.equal(chartPoints(Array.from({length: 300}, (_, index) => index), 70).length, 70);
	assert.equal(chartPoints(Array.from({length: 300}, (_, index) => index), 70).at(-1), 299);
});
