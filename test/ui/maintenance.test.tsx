import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {dbUsages, emptyDbUsageHistory, recordDbUsage} from '../../source/model/maintenance/db-usage.ts';
import {dbUsageWarnings} from '../../source/model/maintenance/db-usage-warnings.ts';
import {defaultDefragRule, planDefrag} from '../../source/model/maintenance/defrag-plan.ts';
import type {CompactPreview, MaintenanceEvent} from '../../source/model/maintenance/maintenance-events.ts';
import {maintenanceJobReducer, startJob, type MaintenanceJobState} from '../../source/model/maintenance/maintenance-job.ts';
import {DbUsagePane} from '../../source/ui/maintenance/DbUsagePane.tsx';
import {MaintenanceDialog} from '../../source/ui/maintenance/MaintenanceDialog.tsx';
import {MaintenanceJobView, maintenanceJobHeight} from '../../source/ui/maintenance/MaintenanceJobView.tsx';
import {maintenanceDialogReducer, type MaintenanceDialog as DialogState, type MaintenanceDialogEvent} from '../../source/ui/maintenance/maintenance-dialog-state.ts';
import {linesOf, rawLinesOf} from '../support/render.tsx';
import {alarmReading, fixtureNode} from '../support/reading-fixtures.ts';
import {defragTurn, fragmentedReading, gateStep} from '../support/maintenance-ui-fixtures.ts';

const summary = summarize(fragmentedReading(), {quotaBytes: undefined});

/** The box's lines without its border, as the operator reads them. */
function boxLines(element: React.ReactElement): string[] {
	const {lastFrame, unmount} = render(element);
	try {
		return rawLinesOf(lastFrame()).filter(line => !/^[╭╰]/.test(line)).map(line => line.replace(/^│ ?/, '').replace(/ ?│$/, '').trimEnd());
	} finally {
		unmount();
	}
}

function dialogAfter(...events: MaintenanceDialogEvent[]): DialogState {
	const dialog = events.reduce<DialogState | undefined>((state, event) => maintenanceDialogReducer(state, event), undefined);
	assert.ok(dialog !== undefined);
	return dialog;
}

const preview: CompactPreview = {
	target: {revision: 4000, currentRevision: 5000, compactedRevision: 1200, dropsRevisions: 2800},
	endpoint: fixtureNode(0).endpoint,
	etcdctl: `etcdctl --endpoints=${fixtureNode(0).endpoint} compact 4000 --physical`,
};

void test('the DB pane lists every member: size, in use, reclaimable, quota and its share, with the leader and the learner marked', () => {
	const reading = fragmentedReading();
	const usages = dbUsages(reading, recordDbUsage(emptyDbUsageHistory, reading), undefined);
	const lines = linesOf(render(<DbUsagePane usages={usages} warnings={dbUsageWarnings(usages)} width={100} height={12} selectedId={undefined} emptyText="connecting…" footer="d defragment · c compact · R recover from NOSPACE · h HashKV check" />).lastFrame());
	const row = (name: string) => lines.find(line => line.startsWith(name)) ?? assert.fail(`no row for ${name} in\n${lines.join('\n')}`);
	assert.match(lines[0]!, /^NAME +DB SIZE +IN USE +RECLAIMABLE +QUOTA +USED +GROWTH +TO QUOTA$/);
	assert.match(row('etcd-1 *'), /300 MB +100 MB +200 MB \(67%\) +2\.1 GB +13\.9% +measuring/);
	assert.match(row('etcd-4 (learner)'), /240 MB +100 MB +140 MB \(58%\)/);
	assert.match(row('etcd-3'), /260 MB +250 MB +10 MB \(4%\)/);
	assert.ok(lines.some(line => line.includes('d defragment · c compact · R recover from NOSPACE · h HashKV check')), lines.join('\n'));
});

void test('the defragment confirmation shows the plan by the rule (learner first, the leader last, the member left out and why), the gate, the choices and the etcdctl equivalent', () => {
	const lines = boxLines(<MaintenanceDialog dialog={dialogAfter({type: 'open-defrag', all: false, only: undefined})} summary={summary} width={100} />);
	assert.equal(lines[0], 'Defragment 3 members one at a time, the leader last? (about 490 MB to reclaim)');
	assert.deepEqual(lines.filter(line => /^ {2}(\d\.|skip)/.test(line)), [
		'  1. etcd-4 (learner): 140 MB (58.3%) of 240 MB reclaimable',
		'  2. etcd-2 (follower): 150 MB (60.0%) of 250 MB reclaimable',
		'  3. etcd-1 (leader): 200 MB (66.6%) of 300 MB reclaimable',
		'  skip etcd-3 (follower): only 10 MB (3.8%) of 260 MB reclaimable',
	]);
	const text = lines.join(' ');
	assert.match(text, /rule: members with at least 20\.0% of their DB or 100 MB reclaimable/);
	assert.match(text, /A gate before each member: every voter answers, quorum survives it being busy/);
	assert.match(text, /a every member: off · c compact first: off · l move leadership before the leader's turn: off/);
	assert.match(text, /etcdctl: etcdctl --endpoints=http:\/\/10\.0\.0\.4:2379,http:\/\/10\.0\.0\.2:2379,http:\/\/10\.0\.0\.1:2379 +defrag/);
	assert.match(text, /Needs the root role/);
	assert.equal(lines.at(-1), 'y start · n or Esc cancel');
});

void test('a toggles every member into the plan, c adds the compaction to the etcdctl equivalent', () => {
	const lines = boxLines(<MaintenanceDialog dialog={dialogAfter({type: 'open-defrag', all: false, only: undefined}, {type: 'toggle', choice: 'all'}, {type: 'toggle', choice: 'compact'})} summary={summary} width={120} />);
	assert.equal(lines[0], 'Compact first, then defragment one member at a time, the leader last?');
	assert.ok(lines.includes('  3. etcd-3 (follower): --all; 10 MB reclaimable'), lines.join('\n'));
	const text = lines.join(' ');
	assert.match(text, /a every member: on · c compact first: on/);
	assert.match(text, /etcdctl: etcdctl --endpoints=http:\/\/10\.0\.0\.1:2379 compact REVISION --physical; /);
});

void test('the compaction is confirmed by typing its revision: it shows the current and the compacted revision and what is lost for good', () => {
	const typing = dialogAfter({type: 'open-compact', requested: undefined}, {type: 'compact-preview', preview}, {type: 'type', text: '40'});
	const lines = boxLines(<MaintenanceDialog dialog={typing} summary={summary} width={120} />);
	assert.deepEqual(lines.slice(0, 6), [
		'Compact the history up to revision 4000?',
		'current revision 5000; compacted so far up to 1200',
		'compact up to revision 4000: every key\'s history before it is removed for good (2800 revisions)',
		'reads at an older revision and watchers started before 4000 will fail ("required revision has been compacted")',
		'sent to the leader at http://10.0.0.1:2379, behind the gate',
		'etcdctl: etcdctl --endpoints=http://10.0.0.1:2379 compact 4000 --physical',
	]);
	assert.ok(lines.includes('Type 4000 to confirm: 40▏'), lines.join('\n'));
	const early = boxLines(<MaintenanceDialog dialog={maintenanceDialogReducer(typing, {type: 'not-confirmed'})!} summary={summary} width={120} />);
	assert.ok(early.includes('type 4000, the revision, to confirm'), early.join('\n'));
	const refused = boxLines(<MaintenanceDialog dialog={dialogAfter({type: 'open-compact', requested: 9000}, {type: 'compact-preview', preview: 'revision 9000 is in the future: the current revision is 5000'})} summary={summary} width={120} />);
	assert.deepEqual(refused.slice(0, 2), ['Compact to revision 9000', 'Nothing sent: revision 9000 is in the future: the current revision is 5000']);
	assert.equal(refused.at(-1), 'Esc close');
});

void test('the NOSPACE recovery names the member the alarm was raised on and its four steps, the leader defragmented last', () => {
	const lines = boxLines(<MaintenanceDialog dialog={dialogAfter({type: 'open-recover-space'})} summary={summarize(alarmReading(), {quotaBytes: undefined})} width={100} />);
	assert.deepEqual(lines.slice(0, 2), ['Recover from NOSPACE?', 'NOSPACE raised on etcd-2: the cluster refuses every write.']);
	const text = lines.join(' ');
	for (const step of ['1. compact to the current revision', '2. defragment every member', '3. disarm NOSPACE, once every member is below 90.0% of its quota', '4. verify that no member\'s Status reports NOSPACE']) {
		assert.ok(text.includes(step), `${step} in\n${lines.join('\n')}`);
	}

	assert.match(text.replaceAll(/ +/g, ' '), /--endpoints=http:\/\/10\.0\.0\.2:2379,http:\/\/10\.0\.0\.3:2379,http:\/\/10\.0\.0\.4:2379,http:\/\/10\.0\.0\.1:2379 defrag/);
});

function jobAfter(events: readonly MaintenanceEvent[], kind: MaintenanceJobState['kind'] = 'defrag'): MaintenanceJobState {
	return events.reduce((job, event) => maintenanceJobReducer(job, {type: 'event', event}), startJob(kind, 0));
}

const plan = planDefrag(summary, defaultDefragRule);
const twoDone: MaintenanceEvent[] = [{type: 'plan', at: 1, plan}, ...defragTurn(3, 10, 240, 100, 800), ...defragTurn(1, 900, 250, 100, 1200)];

void test('a defragment in progress: each member with its time and its DB size before and after, how many are done, the gate running, how to cancel', () => {
	const job = jobAfter([...twoDone, {type: 'started', at: 2200, step: gateStep(0)}]);
	const lines = boxLines(<MaintenanceJobView job={job} width={100} now={2500} />);
	assert.deepEqual(lines.map(line => line.replace(/ +/g, ' ')), [
		'Defragment: running · 2 of 3 defragmented · 2.5 s',
		'plan: defragment 3 members one at a time (learners first, the leader last), about 490 MB to rec…',
		'✔ defragment etcd-4 800 ms · DB 240 MB → 100 MB',
		'✔ defragment etcd-2 1.2 s · DB 250 MB → 100 MB',
		'… checking the gate before etcd-1 300 ms',
		'Esc cancel after the current member',
	]);
	assert.equal(maintenanceJobHeight(job), lines.length + 2);
	const stopping = boxLines(<MaintenanceJobView job={maintenanceJobReducer(job, {type: 'cancel-requested'})} width={100} now={2500} />);
	assert.equal(stopping[0], 'Defragment: stopping after the current member · 2 of 3 defragmented · 2.5 s');
	assert.equal(stopping.at(-1), 'stops after the current member; a defragment under way is never cut');
});

void test('a finished defragment says the leader went last, and a refused gate its reason', () => {
	const done = jobAfter([...twoDone, ...defragTurn(0, 2200, 300, 100, 1500, true), {type: 'done', at: 3800, outcome: 'done', message: 'defragmented 3 members, the leader last'}]);
	const lines = boxLines(<MaintenanceJobView job={done} width={100} now={9999} />);
	assert.ok(lines.includes('✔ defragment etcd-1 (it led) 1.5 s · DB 300 MB → 100 MB'), lines.join('\n'));
	assert.equal(lines.at(-2), 'done: defragmented 3 members, the leader last');
	assert.equal(lines.at(-1), 'Esc or Enter close · a action log, with etcdctl');
	const refused = jobAfter([
		{type: 'plan', at: 1, plan},
		{type: 'started', at: 2, step: gateStep(3)},
		{type: 'finished', at: 3, step: gateStep(3), outcome: 'refused', message: 'etcd-3 does not answer', durationMs: 1, checks: [{name: 'every voter answers', passed: false, detail: 'etcd-3 does not answer'}]},
		{type: 'done', at: 4, outcome: 'refused', message: 'refused before anything changed: etcd-3 does not answer'},
	]);
	const refusedLines = boxLines(<MaintenanceJobView job={refused} width={100} now={10} />);
	assert.equal(refusedLines[0], 'Defragment: refused · 0 of 3 defragmented · 10 ms');
	assert.ok(refusedLines.includes('⊘ gate before etcd-4 1 ms · etcd-3 does not answer'), refusedLines.join('\n'));
	assert.ok(refusedLines.includes('refused: refused before anything changed: etcd-3 does not answer'), refusedLines.join('\n'));
});

void test('the HashKV check shows its verdict', () => {
	const job = jobAfter([
		{type: 'verdict', at: 5, verdict: {kind: 'consistent', revision: 812, compactRevision: 700, hash: 3_141_592_653, members: ['etcd-1', 'etcd-2', 'etcd-3']}},
		{type: 'done', at: 6, outcome: 'done', message: 'consistent at revision 812'},
	], 'check');
	const lines = boxLines(<MaintenanceJobView job={job} width={120} now={6} />);
	assert.equal(lines[0], 'Consistency check (HashKV): done · 6 ms');
	assert.ok(lines.includes('consistent: etcd-1, etcd-2, etcd-3 have hash 3141592653 at revision 812 (compacted at 700)'), lines.join('\n'));
});
