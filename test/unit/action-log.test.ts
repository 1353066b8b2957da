import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {MemberActionResult} from '../../source/cluster/member-action-result.ts';
import {actionLogLimit, actionLogReducer, cancelledEntry, emptyActionLog, entryFromResult, entrySummary, type ActionLogEntry} from '../../source/model/actions/action-log.ts';
import type {Confirmation} from '../../source/model/actions/member-action-checks.ts';
import {fixtureTakenAt} from '../support/reading-fixtures.ts';

const confirmation: Confirmation = {
	action: 'promote',
	targetId: '2f0fd4b3a5cb0e1a',
	target: 'etcd-4 (2f0fd4b3a5cb0e1a)',
	title: 'Promote learner etcd-4 to voter?',
	facts: [],
	etcdctl: 'etcdctl --endpoints=http://10.0.0.1:2379 member promote 2f0fd4b3a5cb0e1a',
};

const sentTo = 'http://10.0.0.2:2379';
const leaderBefore = {id: '91bc3c398fb3c146', name: 'etcd-2'};

function result(overrides: Partial<MemberActionResult>): MemberActionResult {
	return {ok: true, message: 'etcd-4 (2f0fd4b3a5cb0e1a) promoted to voter: 4 voters now', sentTo, leaderBefore, leaderAfter: undefined, ...overrides};
}

void test('a confirmed action that etcd did is logged as succeeded, with the endpoint it really went to', () => {
	const entry = entryFromResult(confirmation, result({}), fixtureTakenAt);
	assert.deepEqual(entry, {
		at: fixtureTakenAt,
		action: 'promote',
		target: 'etcd-4 (2f0fd4b3a5cb0e1a)',
		outcome: 'succeeded',
		message: 'etcd-4 (2f0fd4b3a5cb0e1a) promoted to voter: 4 voters now',
		etcdctl: `etcdctl --endpoints=${sentTo} member promote 2f0fd4b3a5cb0e1a`,
	});
	assert.equal(entrySummary(entry), '12:34:56 promote etcd-4 (2f0fd4b3a5cb0e1a): succeeded: etcd-4 (2f0fd4b3a5cb0e1a) promoted to voter: 4 voters now');
});

void test('etcd\'s refusal is logged as failed in its words; a request never sent as refused', () => {
	const refusedByEtcd = entryFromResult(confirmation, result({ok: false, message: 'etcdserver: can only promote a learner member which is in sync with leader'}), fixtureTakenAt);
	assert.deepEqual([refusedByEtcd.outcome, refusedByEtcd.message], ['failed', 'etcdserver: can only promote a learner member which is in sync with leader']);
	const notSent = entryFromResult({...confirmation, action: 'move-leader', etcdctl: 'etcdctl --endpoints=http://10.0.0.1:2379 move-leader 2f0fd4b3a5cb0e1a'}, result({ok: false, sentTo: undefined, message: 'no leader known: no member reports itself as leader'}), fixtureTakenAt);
	assert.deepEqual([notSent.outcome, notSent.etcdctl], ['refused', 'etcdctl --endpoints=http://10.0.0.1:2379 move-leader 2f0fd4b3a5cb0e1a']);
	const moved = entryFromResult({...confirmation, action: 'move-leader'}, result({}), fixtureTakenAt);
	assert.equal(moved.etcdctl, `etcdctl --endpoints=${sentTo} move-leader 2f0fd4b3a5cb0e1a`);
});

void test('a declined confirmation is logged as cancelled', () => {
	assert.deepEqual(cancelledEntry(confirmation, fixtureTakenAt), {
		at: fixtureTakenAt,
		action: 'promote',
		target: confirmation.target,
		outcome: 'cancelled',
		message: 'cancelled at the confirmation',
		etcdctl: confirmation.etcdctl,
	});
});

void test('the log keeps entries in order and only the latest ones past its limit; clear empties it', () => {
	const entry = (index: number): ActionLogEntry => ({...cancelledEntry(confirmation, fixtureTakenAt + index)});
	let state = emptyActionLog;
	for (let index = 0; index < actionLogLimit + 5; index++) {
		state = actionLogReducer(state, {type: 'record', entry: entry(index)});
	}

	assert.equal(state.entries.length, actionLogLimit);
	assert.equal(state.entries[0]?.at, fixtureTakenAt + 5);
	assert.equal(state.entries.at(-1)?.at, fixtureTakenAt + actionLogLimit + 4);
	assert.deepEqual(actionLogReducer(state, {type: 'clear'}), emptyActionLog);
});
