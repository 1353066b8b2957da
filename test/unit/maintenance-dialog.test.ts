import {test} from 'node:test';
import assert from 'node:assert/strict';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {maintenanceDisabledReason} from '../../source/model/maintenance/maintenance-access.ts';
import {defaultDefragRule, planDefrag} from '../../source/model/maintenance/defrag-plan.ts';
import {eraseLast, isConfirmed, typedConfirmation, typeInto} from '../../source/model/maintenance/typed-confirmation.ts';
import {maintenanceDialogReducer, requestOf, takesText, type MaintenanceDialog, type MaintenanceDialogEvent} from '../../source/ui/maintenance/maintenance-dialog-state.ts';
import {fixtureNode, healthyReading, statusDeniedReading} from '../support/reading-fixtures.ts';

const preview = {target: {revision: 4000, currentRevision: 5000, compactedRevision: 1200, dropsRevisions: 2800}, endpoint: fixtureNode(0).endpoint, etcdctl: 'etcdctl compact 4000 --physical'};

function after(...events: MaintenanceDialogEvent[]): MaintenanceDialog | undefined {
	return events.reduce<MaintenanceDialog | undefined>((state, event) => maintenanceDialogReducer(state, event), undefined);
}

void test('a typed confirmation takes printable text only, and confirms only on the exact text', () => {
	let state = typedConfirmation('4000');
	state = typeInto(state, '4\u001B[A0\u0007');
	assert.equal(state.typed, '4[A0', 'control characters are dropped, the rest is typed');
	state = typedConfirmation('4000');
	state = typeInto(typeInto(state, '400'), '00');
	assert.equal(isConfirmed(state), false, '40000 is not 4000');
	assert.equal(isConfirmed(eraseLast(state)), true);
	assert.equal(typeInto(state, 'x'.repeat(100)).typed.length, 12, 'bounded a little beyond the expected length');
});

void test('a compaction starts only once its revision is typed, and runs to the revision shown', () => {
	const loading = after({type: 'open-compact', requested: undefined});
	assert.equal(requestOf(loading!), undefined, 'nothing to start while the preview is read');
	const shown = maintenanceDialogReducer(loading, {type: 'compact-preview', preview});
	assert.equal(takesText(shown), true);
	assert.equal(requestOf(shown!), undefined);
	assert.equal(requestOf(maintenanceDialogReducer(shown, {type: 'type', text: '400'})!), undefined);
	assert.deepEqual(requestOf(maintenanceDialogReducer(shown, {type: 'type', text: '4000'})!), {kind: 'compact', revision: 4000});
	assert.deepEqual(after({type: 'open-compact', requested: 9}, {type: 'compact-preview', preview: 'already compacted at revision 1200'}), {kind: 'compact-refused', requested: 9, reason: 'already compacted at revision 1200'});
	assert.equal(maintenanceDialogReducer(undefined, {type: 'compact-preview', preview}), undefined, 'a preview after the dialog closed opens nothing');
});

void test('a defragment\'s choices become the request the headless flags would make', () => {
	assert.deepEqual(requestOf(after({type: 'open-defrag', all: false, only: undefined})!), {kind: 'defrag', rule: defaultDefragRule, dryRun: false, compact: false, moveLeader: false});
	assert.deepEqual(requestOf(after({type: 'open-defrag', all: false, only: undefined}, {type: 'toggle', choice: 'all'}, {type: 'toggle', choice: 'moveLeader'}, {type: 'toggle', choice: 'compact'})!), {kind: 'defrag', rule: {...defaultDefragRule, all: true}, dryRun: false, compact: true, moveLeader: true});
	assert.deepEqual(requestOf(after({type: 'open-recover-space'}, {type: 'toggle', choice: 'moveLeader'})!), {kind: 'recover-space', moveLeader: true});
	assert.equal(takesText(after({type: 'open-defrag', all: true, only: undefined})), false);
});

void test('why a maintenance command cannot start: --read-only (check still can), a job running, no look yet, no root role', () => {
	const summary = summarize(healthyReading(), {quotaBytes: undefined});
	const idle = {readOnly: false, running: false};
	assert.equal(maintenanceDisabledReason('defrag', summary, idle), undefined);
	assert.equal(maintenanceDisabledReason('defrag', summary, {readOnly: true, running: false}), 'defragment writes: not bound with --read-only');
	assert.equal(maintenanceDisabledReason('check', summary, {readOnly: true, running: false}), undefined);
	assert.equal(maintenanceDisabledReason('compact', summary, {readOnly: false, running: true}), 'a maintenance job is running: one at a time');
	assert.equal(maintenanceDisabledReason('check', undefined, idle), 'no look at the cluster yet');
	assert.match(maintenanceDisabledReason('recover-space', summarize(statusDeniedReading(), {quotaBytes: undefined}), idle)!, /^recover-space needs the root role/);
});

void test(':defrag MEMBER plans that member alone (by name or hex ID) and keeps the --all choice out of it', () => {
	const named = after({type: 'open-defrag', all: false, only: 'etcd-3'}, {type: 'toggle', choice: 'all'});
	assert.deepEqual(requestOf(named!), {kind: 'defrag', rule: {...defaultDefragRule, only: 'etcd-3'}, dryRun: false, compact: false, moveLeader: false}, 'a does nothing when a member is named');
	const plan = planDefrag(summarize(healthyReading(), {quotaBytes: undefined}), {...defaultDefragRule, only: fixtureNode(2).id.toUpperCase()});
	assert.deepEqual(plan.order.map(member => [member.name, member.reason]), [['etcd-3', 'named; 4.1 kB reclaimable']]);
	assert.deepEqual(plan.skipped.map(member => member.reason), Array.from({length: 3}, () => `not ${fixtureNode(2).id.toUpperCase()}`));
	assert.equal(plan.rule, `${fixtureNode(2).id.toUpperCase()} alone (named)`);
});
