import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import type {LagHistory} from '../../source/model/lag/lag-history.ts';
import {LagPane, type LagPaneProps} from '../../source/ui/lag/LagPane.tsx';
import {cells, rawLinesOf} from '../support/render.tsx';
import {historyOf, hungError, lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {fixtureQuotaBytes} from '../support/reading-fixtures.ts';

const [, follower] = lagNodes;

/** A learner added 4 minutes ago 2,400 entries behind, closing in at 10 entries/s, with a follower a few entries behind. */
function catchingUp(refreshes = 121): ClusterReading[] {
	return Array.from({length: refreshes}, (_, step) => {
		const leaderIndex = 10_000 + (step * 10);
		return lagReading(step * 2, [leaderIndex, leaderIndex - (step % 4), leaderIndex, leaderIndex - 2400 + (step * 20)], {applyBacklog: [0, 0, 1, 3]});
	});
}

function draw(readings: ClusterReading[], props: Partial<LagPaneProps> = {}, history: LagHistory = historyOf(...readings)): string[] {
	const summary = summarize(readings.at(-1)!, {quotaBytes: fixtureQuotaBytes});
	const {lastFrame, unmount} = render(<LagPane summary={summary} history={history} selectedId={learnerNode.id} chart="all" width={80} height={18} {...props} />);
	try {
		return rawLinesOf(lastFrame());
	} finally {
		unmount();
	}
}

function rowOf(lines: string[], name: string): string {
	const line = lines.find(candidate => candidate.slice(2).startsWith(`${name} `));
	assert.ok(line, `a row for ${name} in:\n${lines.join('\n')}`);
	return line;
}

void test('the table gives each member its role, raft and applied lag, and a behind learner its catch-up rate, ETA and readiness', () => {
	const lines = draw(catchingUp(60), {width: 100});
	assert.match(lines[0]!, /^ {2}NAME +ROLE +RAFT LAG +APPLIED LAG +CATCH-UP +ETA +READINESS *$/);
	assert.match(rowOf(lines, 'etcd-1'), /^ {2}etcd-1 +leader +0 +0 *$/);
	assert.match(rowOf(lines, 'etcd-2'), /^ {2}etcd-2 +follower +3 +3 *$/);
	assert.match(rowOf(lines, 'etcd-3'), /^ {2}etcd-3 +follower +0 +1 *$/);
	// 59 refreshes in: 2,400 - 59 × 10 = 1,220 behind, applied 1,223, closing at 10/s.
	assert.match(rowOf(lines, 'etcd-4'), /^› etcd-4 +learner +1,220 +1,223 +10\/s +2m 02s +1,220 entries behind, c/);
	assert.ok(lines.includes('etcd-4: 1,220 entries behind, catching up at 10/s (ETA 2m 02s)'), `the selected learner's reason in full:\n${lines.join('\n')}`);
});

void test('at 80 columns the ID and ETA columns give way, and the ETA is still read in the selected learner\'s reason', () => {
	const lines = draw(catchingUp(60));
	assert.match(lines[0]!, /^ {2}NAME +ROLE +RAFT LAG +APPLIED LAG +CATCH-UP +READINESS *$/);
	assert.match(rowOf(lines, 'etcd-4'), /^› etcd-4 +learner +1,220 +1,223 +10\/s +1,220 entries behind, c\S*…$/);
	assert.ok(lines.includes('hidden: ID, ETA'), lines.join('\n'));
	assert.ok(lines.includes('etcd-4: 1,220 entries behind, catching up at 10/s (ETA 2m 02s)'), lines.join('\n'));
});

void test('a learner in sync on two refreshes reads "ready to promote", with no rate or ETA', () => {
	const readings = [lagReading(0, [500, 500, 500, 500]), lagReading(1, [501, 501, 501, 500])];
	assert.match(rowOf(draw(readings), 'etcd-4'), /^› etcd-4 +learner +1 +1 +ready to promote$/);
});

void test('an unreachable learner or follower shows unknown lag and why, in full when selected', () => {
	const readings = [lagReading(0, [500, 'hung', 500, 'hung'])];
	const lines = draw(readings, {selectedId: follower.id});
	assert.match(rowOf(lines, 'etcd-4'), /^ {2}etcd-4 +learner +\? +\? +unreachable: no answer/);
	assert.match(rowOf(lines, 'etcd-2'), /^› etcd-2 +follower +\? +\? +unreachable: no answer/);
	assert.ok(lines.includes(`etcd-2: unreachable: ${hungError}`), lines.join('\n'));
});

void test('the chart draws raft lag over the history for every member but the leader, with its span and a legend', () => {
	const lines = draw(catchingUp());
	const caption = lines.findIndex(line => line.startsWith('Raft lag behind the leader, entries'));
	assert.ok(caption > 0, lines.join('\n'));
	assert.equal(lines[caption], 'Raft lag behind the leader, entries · last 4m 00s, newest right');
	const legend = lines.at(-1)!;
	assert.equal(legend, '━ etcd-2 (follower)  ━ etcd-3 (follower)  ━ etcd-4 (learner)');
	const plot = lines.slice(caption + 1, -1);
	// The worst lag (2,400, at the start) labels the top line, 0 the bottom; the learner's line falls between.
	assert.match(plot[0]!, /^ 2,400[┼┤]─/);
	assert.match(plot.at(-1)!, /^ {5}0[┼┤]─/);
	assert.ok(plot.some(line => line.includes('╰')), plot.join('\n'));
});

void test('chart "selected" draws the selected member only', () => {
	const lines = draw(catchingUp(), {chart: 'selected', selectedId: follower.id});
	assert.equal(lines.at(-1), '━ etcd-2 (follower)');
	// etcd-2 is at most 3 entries behind: one line per entry, labelled exactly.
	assert.deepEqual(lines.slice(-5, -1).map(line => line.slice(0, 2)), [' 3', ' 2', ' 1', ' 0']);
});

void test('after one refresh the chart says when it starts', () => {
	const lines = draw([lagReading(0, [500, 500, 500, 400])]);
	assert.ok(lines.includes('Raft lag behind the leader, entries · drawn from the second refresh on'), lines.join('\n'));
});

void test('the pane stays within its width and height at 80 columns, dropping the chart before the table', () => {
	for (const height of [18, 12, 7]) {
		const lines = draw(catchingUp(), {height});
		assert.ok(lines.length <= height, `${lines.length} lines at height ${height}:\n${lines.join('\n')}`);
		for (const line of lines) {
			assert.ok(cells(line) <= 80, `${cells(line)} cells: ${line}`);
		}

		for (const name of ['etcd-1', 'etcd-2', 'etcd-3', 'etcd-4']) {
			assert.ok(lines.some(line => line.includes(name)), `${name} at height ${height}`);
		}
	}

	assert.ok(!draw(catchingUp(), {height: 7}).some(line => line.startsWith('Raft lag')), 'no chart at height 7');
});

void test('before the first refresh the pane says it is connecting', () => {
	const {lastFrame, unmount} = render(<LagPane summary={undefined} history={historyOf()} selectedId={undefined} chart="all" width={80} height={18} />);
	assert.deepEqual(rawLinesOf(lastFrame()), ['connecting…']);
	unmount();
});
