import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {consistencyWarnings, judgeConsistency, verdictLines, type MemberHash} from '../../source/model/maintenance/consistency.ts';
import {defaultDefragRule, nextToDefragment, planDefrag} from '../../source/model/maintenance/defrag-plan.ts';
import {maintenanceExitCode, type MaintenanceEvent} from '../../source/model/maintenance/maintenance-events.ts';
import {gateBefore} from '../../source/model/maintenance/maintenance-gate.ts';
import {eventLines, logEntryOf, maintenanceJobReducer, startJob} from '../../source/model/maintenance/maintenance-job.ts';
import {compactConsequences, compactTarget, disarmRefusal, nospaceCleared} from '../../source/model/maintenance/recovery.ts';
import {alarmReading, fixtureNode, fixtureQuotaBytes, healthyReading, statusDeniedReading, voterUnreachableReading} from '../support/reading-fixtures.ts';

const quota = {quotaBytes: fixtureQuotaBytes};

/** The healthy cluster (etcd-1 leads, etcd-4 a learner) with each member's DB size and size in use. */
function withSizes(sizes: ReadonlyArray<readonly [number, number]>, base: ClusterReading = healthyReading()): ClusterReading {
	return {...base, probes: base.probes.map((probe, index) => (probe.status === undefined ? probe : {...probe, status: {...probe.status, dbSizeBytes: sizes[index]![0], dbSizeInUseBytes: sizes[index]![1]}}))};
}

const mb = 1_000_000;

void test('the plan: the rule picks members with 20% or 100 MB to give back; learners first, followers by name, the leader last', () => {
	// etcd-1 leads with 50% reclaimable; etcd-2 has 5% of a big DB (150 MB); etcd-3 has 10%; the learner 30%.
	const plan = planDefrag(summarize(withSizes([[200 * mb, 100 * mb], [3000 * mb, 2850 * mb], [100 * mb, 90 * mb], [50 * mb, 35 * mb]]), quota), defaultDefragRule);
	assert.deepEqual(plan.order.map(member => member.name), ['etcd-4', 'etcd-2', 'etcd-1']);
	assert.deepEqual(plan.skipped.map(member => [member.name, member.reason]), [['etcd-3', 'only 10 MB (10.0%) of 100 MB reclaimable']]);
	assert.equal(plan.order[1]!.reason, '150 MB (5.0%) of 3 GB reclaimable');
	assert.equal(plan.expectedReclaimBytes, 15 * mb + 150 * mb + 100 * mb);
	assert.match(plan.rule, /at least 20\.0% of their DB or 100 MB reclaimable/);
	const all = planDefrag(summarize(withSizes([[200 * mb, 100 * mb], [3000 * mb, 2850 * mb], [100 * mb, 90 * mb], [50 * mb, 35 * mb]]), quota), {...defaultDefragRule, all: true});
	assert.deepEqual(all.order.map(member => member.name), ['etcd-4', 'etcd-2', 'etcd-3', 'etcd-1']);
	assert.equal(all.rule, 'every member (--all)');
});

void test('the next member is the first that does not lead now: the leader stays last when leadership moves mid-run', () => {
	const plan = planDefrag(summarize(healthyReading(), quota), {...defaultDefragRule, all: true});
	const [learner, two, three, one] = plan.order;
	assert.deepEqual([learner!.name, two!.name, three!.name, one!.name], ['etcd-4', 'etcd-2', 'etcd-3', 'etcd-1']);
	assert.equal(nextToDefragment([two!, three!, one!], two!.id)!.name, 'etcd-3', 'etcd-2 leads now: it waits');
	assert.equal(nextToDefragment([two!], two!.id)!.name, 'etcd-2', 'the leader, once it is all that is left');
});

function gate(reading: ClusterReading, target = fixtureNode(1), defragmenting = new Map<string, string>()) {
	return gateBefore({id: target.id, name: target.name, isLearner: target.isLearner}, {summary: summarize(reading, quota), defragmenting, maxLagEntries: 100});
}

void test('the gate passes a healthy cluster, with its figures', () => {
	const verdict = gate(healthyReading());
	assert.equal(verdict.passed, true, verdict.reason);
	assert.deepEqual(verdict.checks.map(check => check.detail), [
		'3 of 3 voters answer',
		'2 of 3 voters stay available while etcd-2 is busy, 2 needed',
		'etcd-1 leads',
		'every voter within 100 entries of the leader (most behind: etcd-3, 2 entries)',
		'no member is defragmenting',
		'no CORRUPT alarm',
	]);
});

void test('the gate refuses: a voter that does not answer, a member defragmenting already, a voter far behind, a CORRUPT alarm, Status refused', () => {
	assert.equal(gate(voterUnreachableReading()).reason, 'etcd-3 does not answer: connect ECONNREFUSED 10.0.0.3:2379');
	assert.equal(gate(healthyReading(), fixtureNode(1), new Map([[fixtureNode(2).id, 'its /metrics: etcd_disk_defrag_inflight 1']])).reason, 'etcd-3 is defragmenting already (its /metrics: etcd_disk_defrag_inflight 1)');
	const behind = healthyReading();
	behind.probes[2] = {...behind.probes[2]!, status: {...behind.probes[2]!.status!, raftIndex: 12_000}};
	assert.equal(gate(behind).reason, 'etcd-3 is 345 entries behind the leader (at most 100)');
	const corrupt = {...healthyReading(), alarms: [{memberId: fixtureNode(2).id, alarm: 'CORRUPT'}]};
	assert.match(gate(corrupt).reason!, /^alarm CORRUPT on etcd-3: its data differs/);
	assert.equal(gate(statusDeniedReading()).reason, 'the members refuse Status to this user: maintenance needs the root role');
});

void test('quorum: a 2-voter cluster cannot spare one while it defragments; a compaction busies none', () => {
	const two = {...healthyReading()};
	two.members = two.members.filter(member => member.name !== 'etcd-3');
	two.probes = two.probes.filter(probe => probe.memberId !== fixtureNode(2).id);
	assert.equal(gate(two).reason, '1 of 2 voters stay available while etcd-2 is busy, 2 needed');
	const compaction = gateBefore(undefined, {summary: summarize(two, quota), defragmenting: new Map(), maxLagEntries: 100});
	assert.equal(compaction.passed, true, compaction.reason);
	// A learner holds no vote: defragmenting it leaves every voter available.
	assert.equal(gate(healthyReading(), fixtureNode(3, true)).checks.find(check => check.name === 'quorum survives')!.detail, '3 of 3 voters stay available while etcd-4 is busy, 2 needed');
});

const hash = (name: string, value: number | undefined, extra: Partial<MemberHash> = {}): MemberHash => ({memberId: `${name}-id`, name, endpoint: `http://${name}:2379`, hash: value, compactRevision: 5, revision: 40, error: value === undefined ? 'deadline exceeded' : undefined, ...extra});

void test('consistency: all alike, one differs (named with its hash), no majority, one unanswered, a compaction in between', () => {
	assert.deepEqual(verdictLines(judgeConsistency(40, [hash('m1', 7), hash('m2', 7), hash('m3', 7)])), ['consistent: m1, m2, m3 have hash 7 at revision 40 (compacted at 5)']);
	const differ = judgeConsistency(40, [hash('m1', 7), hash('m2', 9), hash('m3', 7)]);
	assert.deepEqual(verdictLines(differ), ['MEMBERS DIFFER at revision 40: m1, m3 agree on 7', '  m2 (m2-id) has hash 9 at revision 40, compacted at 5']);
	assert.deepEqual(consistencyWarnings(differ), [{severity: 'critical', text: 'members differ at revision 40: hash m2 9 against 7 on m1, m3 (:check)'}]);
	assert.deepEqual(verdictLines(judgeConsistency(40, [hash('m1', 7), hash('m2', 9)])).slice(0, 1), ['MEMBERS DIFFER at revision 40: no hash has a majority']);
	assert.deepEqual(verdictLines(judgeConsistency(40, [hash('m1', 7), hash('m2', undefined)])), ['not compared: m2 gave no hash at revision 40 (deadline exceeded)']);
	assert.equal(consistencyWarnings(judgeConsistency(40, [hash('m1', 7), hash('m2', undefined)]))[0]!.severity, 'warning');
	assert.deepEqual(judgeConsistency(40, [hash('m1', 7), hash('m2', 8, {compactRevision: 30})]), {kind: 'incomplete', revision: 40, unanswered: [], changedMeanwhile: 'a compaction ran while the members were hashed'});
	assert.deepEqual(consistencyWarnings(judgeConsistency(40, [hash('m1', 7), hash('m2', 7)])), []);
});

void test('compaction target: current less the revisions kept, or the one asked for; refused in the future, below the last compaction, or with nothing to drop', () => {
	assert.deepEqual(compactTarget(5000, 1000, undefined, 1000), {revision: 4000, currentRevision: 5000, compactedRevision: 1000, dropsRevisions: 3000});
	assert.equal(compactTarget(5000, 1000, 6000, 1000), 'revision 6000 is in the future: the current revision is 5000');
	assert.equal(compactTarget(5000, 4500, 4000, 1000), 'already compacted at revision 4500: nothing before 4000 is left to remove');
	assert.equal(compactTarget(800, undefined, undefined, 1000), 'nothing to compact: the current revision 800 is within the 1000 revisions kept');
	assert.deepEqual(compactConsequences(compactTarget(5000, undefined, 4000, 1000) as Exclude<ReturnType<typeof compactTarget>, string>), [
		'current revision 5000; compacted so far up to none (never compacted)',
		'compact up to revision 4000: every key\'s history before it is removed for good (3999 revisions)',
		'reads at an older revision and watchers started before 4000 will fail ("required revision has been compacted")',
	]);
});

void test('NOSPACE: disarm only with room under the quota; cleared only when every member\'s Status says so', () => {
	const full = withSizes([[1.95e9, 1.9e9], [20_480, 16_384], [20_480, 16_384], [20_480, 16_384]]);
	assert.match(disarmRefusal(summarize(full, quota))!, /etcd-1 1\.95 GB \(90\.8% of 2\.15 GB\)\): its keys themselves fill it/);
	assert.equal(disarmRefusal(summarize(healthyReading(), quota)), undefined);
	assert.deepEqual(nospaceCleared(alarmReading()), {cleared: false, detail: 'etcd-1: Status still reports NOSPACE; etcd-2: Status still reports NOSPACE; etcd-3: Status still reports NOSPACE; etcd-4: Status still reports NOSPACE'});
	assert.deepEqual(nospaceCleared(healthyReading()), {cleared: true, detail: 'no NOSPACE in the Status of etcd-1, etcd-2, etcd-3, etcd-4'});
	assert.equal(nospaceCleared(statusDeniedReading()).cleared, false, 'figures from /metrics carry no alarms');
});

void test('a job\'s events: the reducer follows the steps, the lines say each, the log keeps actions, the exit code follows the outcome', () => {
	const step = {kind: 'defrag' as const, target: 'm2', memberId: 'a2', etcdctl: 'etcdctl --endpoints=http://m2:2379 defrag'};
	const gateStep = {kind: 'gate' as const, target: 'm2', memberId: 'a2', etcdctl: undefined};
	const events: MaintenanceEvent[] = [
		{type: 'started', at: 1000, step: gateStep},
		{type: 'finished', at: 1010, step: gateStep, outcome: 'succeeded', message: 'passed', durationMs: 10, checks: [{name: 'every voter answers', passed: true, detail: '3 of 3 voters answer'}]},
		{type: 'started', at: 1010, step},
		{type: 'finished', at: 1130, step, outcome: 'succeeded', message: '', durationMs: 120, sizeBefore: 62_000_000, sizeAfter: 5_000_000, wasLeader: false},
		{type: 'done', at: 1140, outcome: 'done', message: 'defragmented 1 member, the leader last'},
	];
	const state = events.reduce((current, event) => maintenanceJobReducer(current, {type: 'event', event}), startJob('defrag', 1000));
	assert.deepEqual(state.steps.map(view => [view.step.kind, view.status, view.durationMs]), [['gate', 'succeeded', 10], ['defrag', 'succeeded', 120]]);
	assert.equal(state.outcome, 'done');
	assert.deepEqual(events.flatMap(event => eventLines(event)), [
		'gate before m2: passed: 3 of 3 voters answer',
		'defragment m2… ($ etcdctl --endpoints=http://m2:2379 defrag)',
		'defragment m2: succeeded in 120 ms: DB 62 MB → 5 MB',
		'done: defragmented 1 member, the leader last',
	]);
	assert.deepEqual(events.map(event => logEntryOf(event)).filter(entry => entry !== undefined), [
		{at: 1130, action: 'defrag', target: 'm2', outcome: 'succeeded', message: 'defragment m2: DB 62 MB → 5 MB', etcdctl: 'etcdctl --endpoints=http://m2:2379 defrag'},
	]);
	assert.deepEqual(['done', 'failed', 'refused', 'cancelled'].map(outcome => maintenanceExitCode(outcome as 'done')), [0, 1, 2, 130]);
	const cancelling = maintenanceJobReducer(startJob('defrag', 0), {type: 'cancel-requested'});
	assert.equal(cancelling.cancelRequested, true);
});
