import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ContextReading} from '../../source/cluster/fleet-reading.ts';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {answeredCell, fleetLine, fleetTableRows} from '../../source/model/fleet/fleet-columns.ts';
import {fleetRow, healthCounts, worstExitCode, type FleetRow} from '../../source/model/fleet/fleet-row.ts';
import {alarmReading, dbNearQuotaReading, fixtureQuotaBytes, fixtureTakenAt, healthyReading, quorumLostReading, readingOf, voterUnreachableReading} from '../support/reading-fixtures.ts';

const context = {name: 'eqiad', readOnly: false, quotaBytes: undefined};

function reading(cluster: ClusterReading | undefined, overrides: Partial<ContextReading> = {}): ContextReading {
	return {name: 'eqiad', cluster, overdue: undefined, lastAnswerAt: cluster?.takenAt, refreshing: false, failures: 0, ...overrides};
}

test('a healthy cluster: leader, voters against quorum, learners, largest DB against its quota, versions', () => {
	const row = fleetRow(context, reading(healthyReading()));
	assert.equal(row.health, 'healthy');
	assert.equal(row.exitCode, 0);
	assert.equal(row.leader, 'etcd-1');
	assert.deepEqual([row.healthyVoters, row.voters, row.quorum, row.learners], [3, 3, 2, 1]);
	assert.equal(row.worstWarning, undefined);
	assert.deepEqual(row.versions, ['3.5.17']);
	assert.equal(row.largestDb?.bytes, 20_480);
	assert.equal(row.largestDb?.quotaBytes, fixtureQuotaBytes);
});

test('each health as `etcdeck status` judges it, with the worst warning', () => {
	const judged = (cluster: ClusterReading) => fleetRow(context, reading(cluster));
	const degraded = judged(voterUnreachableReading());
	assert.equal(degraded.health, 'degraded');
	assert.equal(degraded.exitCode, 1);
	assert.match(degraded.worstWarning!.text, /etcd-3 unreachable/);
	const lost = judged(quorumLostReading());
	assert.equal(lost.health, 'quorum lost');
	assert.equal(lost.exitCode, 2);
	assert.match(lost.worstWarning!.text, /QUORUM LOST/);
	assert.equal(lost.worstWarning!.severity, 'critical');
	const alarm = judged(alarmReading());
	assert.equal(alarm.health, 'unavailable');
	assert.equal(alarm.exitCode, 2);
	assert.match(alarm.worstWarning!.text, /alarm NOSPACE/);
	const near = judged(dbNearQuotaReading(0.9));
	assert.equal(near.health, 'degraded');
	assert.equal(near.largestDb?.member, 'etcd-1');
	assert.ok(Math.abs(near.largestDb.ratio - 0.9) < 0.001);
});

test('nothing answers, or no answer within the deadline: unreachable, the last answer kept', () => {
	const dead = readingOf([], [{endpoint: 'http://127.0.0.1:1', memberId: undefined, status: undefined, error: 'connection refused', latencyMs: 1}], {clusterId: undefined, memberListError: 'connection refused'});
	const refused = fleetRow(context, reading(dead, {lastAnswerAt: undefined}));
	assert.equal(refused.health, 'unreachable');
	assert.equal(refused.exitCode, 2);
	assert.match(refused.worstWarning!.text, /no endpoint answers: connection refused/);
	const overdue = fleetRow(context, reading(healthyReading(), {overdue: {at: fixtureTakenAt + 10_000, deadlineMs: 5000}}));
	assert.equal(overdue.health, 'unreachable');
	assert.equal(overdue.worstWarning!.text, 'no answer within 5 s');
	assert.equal(overdue.lastAnswerAt, fixtureTakenAt);
	const waiting = fleetRow(context, reading(undefined));
	assert.equal(waiting.health, 'connecting');
	assert.equal(waiting.exitCode, undefined);
});

test('the worst exit code and the counts by health, worst first', () => {
	const rows: FleetRow[] = [healthyReading(), voterUnreachableReading(), healthyReading()].map(cluster => fleetRow(context, reading(cluster)));
	assert.equal(worstExitCode(rows), 1);
	assert.equal(worstExitCode([...rows, fleetRow(context, reading(quorumLostReading()))]), 2);
	assert.equal(worstExitCode([fleetRow(context, reading(undefined))]), 2, 'a cluster not yet read is no all-clear');
	assert.deepEqual(healthCounts(rows), [{health: 'degraded', count: 1}, {health: 'healthy', count: 2}]);
});

test('a line for status --all-contexts, and the table\'s cells', () => {
	const row = fleetRow({name: 'eqiad', readOnly: true, quotaBytes: undefined}, reading(voterUnreachableReading()));
	assert.equal(fleetLine(row), `eqiad (read-only): degraded; leader etcd-1; voters 2/3 healthy, quorum 2; learners 1; largest DB 20 kB/2.1 GB 0.0% on etcd-1; etcd 3.5.17; last answer ${new Date(fixtureTakenAt).toISOString()}; CRITICAL: etcd-3 unreachable: connect ECONNREFUSED 10.0.0.3:2379`);
	const [cells] = fleetTableRows([row], fixtureTakenAt + 1000);
	assert.equal(cells!.cells.context, 'eqiad (read-only)');
	assert.equal(cells!.cells.voters, '2/3 q2');
	assert.equal(cells!.cells.db, '20 kB/2.1 GB 0.0%');
	assert.equal(cells!.tone, 'warning');
	assert.match(cells!.detail!, /cluster cdf818194e3a8c32/);
});

test('the time of the last answer, with its age once a minute old', () => {
	const at = new Date(2025, 0, 15, 9, 5, 7).getTime();
	assert.equal(answeredCell(at, at + 5000), '09:05:07');
	assert.equal(answeredCell(at, at + (3 * 60_000) + 1), '09:05:07, 3 min ago');
	assert.equal(answeredCell(undefined, at), 'never');
});
