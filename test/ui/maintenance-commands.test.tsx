import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {Box} from 'ink';
import {summarize, type ClusterSummary} from '../../source/model/cluster/cluster-summary.ts';
import {defaultDefragRule, planDefrag} from '../../source/model/maintenance/defrag-plan.ts';
import type {CompactPreview, JobEnd, MaintenanceJobs, MaintenanceListener, MaintenanceRequest} from '../../source/model/maintenance/maintenance-events.ts';
import type {MaintenanceLogEntry} from '../../source/model/maintenance/maintenance-job.ts';
import {MaintenanceDialog} from '../../source/ui/maintenance/MaintenanceDialog.tsx';
import {MaintenanceJobView} from '../../source/ui/maintenance/MaintenanceJobView.tsx';
import {useMaintenanceCommands} from '../../source/ui/maintenance/use-maintenance-commands.ts';
import {Text} from '../../source/ui/shared/text.tsx';
import {plain, waitFor} from '../support/render.tsx';
import {alarmReading} from '../support/reading-fixtures.ts';
import {defragTurn, fragmentedReading} from '../support/maintenance-ui-fixtures.ts';

/**
 * Maintenance jobs the test drives by hand: each run waits until the test sends its events and ends
 * it, so what the screen shows in between can be read. Pure: no etcd (the e2e tests run the real ones).
 */
class SteppedJobs implements MaintenanceJobs {
	readonly requests: MaintenanceRequest[] = [];
	listener: MaintenanceListener | undefined;
	signal: AbortSignal | undefined;
	private finish: ((end: JobEnd) => void) | undefined;
	previews: Array<number | undefined> = [];

	constructor(private readonly preview: CompactPreview | string = 'nothing to compact') {}

	async run(request: MaintenanceRequest, listener: MaintenanceListener, signal: AbortSignal): Promise<JobEnd> {
		this.requests.push(request);
		this.listener = listener;
		this.signal = signal;
		return new Promise(resolve => {
			this.finish = resolve;
		});
	}

	async previewCompact(revision: number | undefined): Promise<CompactPreview | string> {
		this.previews.push(revision);
		return Promise.resolve(this.preview);
	}

	end(end: JobEnd): void {
		this.listener!({type: 'done', at: 9000, ...end});
		this.finish!(end);
	}
}

type Controls = ReturnType<typeof useMaintenanceCommands>;

function Harness({jobs, summary, readOnly, expose, notices, log}: {jobs: MaintenanceJobs; summary: ClusterSummary; readOnly: boolean; expose: (controls: Controls) => void; notices: string[]; log: MaintenanceLogEntry[]}) {
	const controls = useMaintenanceCommands({jobs, readOnly, summary: () => summary, notice: text => notices.push(text), record: entry => log.push(entry), refreshNow: () => undefined});
	expose(controls);
	return (
		<Box flexDirection="column">
			{controls.dialog === undefined ? null : <MaintenanceDialog dialog={controls.dialog} summary={summary} width={110} />}
			{controls.job === undefined ? null : <MaintenanceJobView job={controls.job} width={110} now={9000} />}
			{controls.warnings.map((warning, index) => <Text key={index}>warning: {warning.text}</Text>)}
		</Box>
	);
}

function mount(jobs: MaintenanceJobs, {summary = summarize(fragmentedReading(), {quotaBytes: undefined}), readOnly = false} = {}) {
	let controls: Controls | undefined;
	const notices: string[] = [];
	const log: MaintenanceLogEntry[] = [];
	const rendered = render(<Harness jobs={jobs} summary={summary} readOnly={readOnly} expose={next => { controls = next; }} notices={notices} log={log} />);
	return {...rendered, controls: () => controls!, notices, log, screen: () => plain(rendered.lastFrame())};
}

void test('d opens the plan; y starts the job the plan showed; each finished step reaches the action log with its etcdctl; Esc cancels after the current member', async () => {
	const jobs = new SteppedJobs();
	const app = mount(jobs);
	try {
		app.controls().runCommand('defrag');
		await waitFor(() => app.screen().includes('Defragment 3 members one at a time'), 2000, 'the plan');
		app.controls().dialogLayer()!.run('maintenance-toggle-move-leader');
		await waitFor(() => app.screen().includes('move leadership before the leader\'s turn: on'), 2000, 'the toggle');
		app.controls().dialogLayer()!.run('maintenance-start');
		await waitFor(() => jobs.requests.length === 1, 2000, 'the job to start');
		assert.deepEqual(jobs.requests[0], {kind: 'defrag', rule: defaultDefragRule, dryRun: false, compact: false, moveLeader: true});
		jobs.listener!({type: 'plan', at: 1, plan: planDefrag(summarize(fragmentedReading(), {quotaBytes: undefined}), defaultDefragRule)});
		for (const event of defragTurn(3, 10, 240, 100, 800)) {
			jobs.listener!(event);
		}

		await waitFor(() => app.screen().includes('✔ defragment etcd-4 800 ms · DB 240 MB → 100 MB'), 2000, 'the first member\'s progress');
		assert.ok(app.screen().includes('Defragment: running · 1 of 3 defragmented'), app.screen());
		assert.equal(app.screen().includes('Defragment 3 members one at a time'), false, 'the confirmation closed');
		assert.deepEqual(app.log.map(entry => [entry.action, entry.target, entry.outcome, entry.etcdctl]), [['defrag', 'etcd-4', 'succeeded', 'etcdctl --endpoints=http://10.0.0.4:2379 defrag']]);
		app.controls().jobLayer!.run('maintenance-dismiss');
		await waitFor(() => jobs.signal!.aborted, 2000, 'the abort');
		await waitFor(() => app.screen().includes('stopping after the current member'), 2000, 'the cancel to show');
		jobs.end({outcome: 'cancelled', message: 'stopped after etcd-4: 1 of 3 defragmented'});
		await waitFor(() => app.screen().includes('cancelled: stopped after etcd-4'), 2000, 'the end');
		assert.equal(app.notices.at(-1), ':defrag: cancelled: stopped after etcd-4: 1 of 3 defragmented');
		app.controls().jobLayer!.run('maintenance-dismiss');
		await waitFor(() => !app.screen().includes('Defragment:'), 2000, 'the box to close');
	} finally {
		app.unmount();
	}
});

void test('c reads the revisions first, then starts only when the revision is typed, and runs to that revision', async () => {
	const preview: CompactPreview = {target: {revision: 4000, currentRevision: 5000, compactedRevision: undefined, dropsRevisions: 3999}, endpoint: 'http://10.0.0.1:2379', etcdctl: 'etcdctl --endpoints=http://10.0.0.1:2379 compact 4000 --physical'};
	const jobs = new SteppedJobs(preview);
	const app = mount(jobs);
	try {
		app.controls().runCommand('compact');
		await waitFor(() => app.screen().includes('Type 4000 to confirm:'), 2000, 'the typed confirmation');
		assert.deepEqual(jobs.previews, [undefined]);
		assert.equal(app.controls().dialogLayer()!.scope, 'maintenance-typed');
		app.controls().dialogLayer()!.type!('400');
		app.controls().dialogLayer()!.run('maintenance-start');
		await waitFor(() => app.screen().includes('type 4000, the revision, to confirm'), 2000, 'the refusal to start');
		assert.equal(jobs.requests.length, 0, 'nothing started on 400');
		app.controls().dialogLayer()!.type!('0');
		app.controls().dialogLayer()!.run('maintenance-start');
		await waitFor(() => jobs.requests.length === 1, 2000, 'the job');
		assert.deepEqual(jobs.requests[0], {kind: 'compact', revision: 4000});
	} finally {
		app.unmount();
	}
});

void test('with --read-only the writing commands say why and open nothing, while the check runs; a mismatch is a header warning that stays', async () => {
	const jobs = new SteppedJobs();
	const app = mount(jobs, {readOnly: true, summary: summarize(alarmReading(), {quotaBytes: undefined})});
	try {
		for (const command of ['defrag', 'compact', 'recover-space'] as const) {
			app.controls().runCommand(command);
		}

		assert.deepEqual(app.notices, [':defrag: defragment writes: not bound with --read-only', ':compact: compact writes: not bound with --read-only', ':recover-space: recover-space writes: not bound with --read-only']);
		assert.equal(app.controls().dialog, undefined);
		app.controls().runCommand('check');
		await waitFor(() => jobs.requests.length === 1, 2000, 'the check');
		assert.deepEqual(jobs.requests[0], {kind: 'check'});
		jobs.listener!({type: 'verdict', at: 5, verdict: {kind: 'differ', revision: 812, compactRevision: undefined, reference: {hash: 111, members: ['etcd-1', 'etcd-2']}, differing: [{memberId: '91bc3c398fb3c146', name: 'etcd-3', endpoint: 'http://10.0.0.3:2379', hash: 222, revision: 812, compactRevision: undefined, error: undefined}]}});
		jobs.end({outcome: 'failed', message: 'the members differ'});
		await waitFor(() => app.screen().includes('warning: members differ at revision 812: hash etcd-3 222 against 111 on etcd-1, etcd-2'), 2000, 'the critical warning');
		app.controls().jobLayer!.run('maintenance-dismiss');
		await waitFor(() => !app.screen().includes('Consistency check'), 2000, 'the box to close');
		assert.ok(app.screen().includes('warning: members differ at revision 812'), 'the mismatch stays in the header');
	} finally {
		app.unmount();
	}
});

void test(':defrag MEMBER opens that member alone, :defrag all every member, an unknown member or a revision that is none is refused by name', async () => {
	const jobs = new SteppedJobs({target: {revision: 12, currentRevision: 20, compactedRevision: undefined, dropsRevisions: 11}, endpoint: 'http://10.0.0.1:2379', etcdctl: 'etcdctl compact 12 --physical'});
	const app = mount(jobs);
	try {
		app.controls().globalCommands.defrag({text: 'etcd-3'});
		await waitFor(() => app.screen().includes('Defragment 1 member one at a time'), 2000, 'the named member\'s plan');
		assert.ok(app.screen().includes('  1. etcd-3 (follower): named; 10 MB reclaimable'), app.screen());
		app.controls().dialogLayer()!.run('maintenance-cancel');
		app.controls().globalCommands.defrag({text: 'all'});
		await waitFor(() => app.screen().includes('Defragment 4 members one at a time'), 2000, 'every member');
		app.controls().dialogLayer()!.run('maintenance-cancel');
		app.controls().globalCommands.defrag({text: 'etcd-9'});
		assert.equal(app.notices.at(-1), ':defrag: no member is named etcd-9: give a member\'s name or hex ID, or all');
		app.controls().globalCommands.compact({text: '12x'});
		assert.equal(app.notices.at(-1), ':compact: 12x is not a revision: give a whole number of at least 1, or nothing to keep the newest --keep-revisions');
		app.controls().globalCommands.compact({text: '12'});
		await waitFor(() => app.screen().includes('Type 12 to confirm:'), 2000, 'the typed confirmation');
		assert.deepEqual(jobs.previews, [12]);
	} finally {
		app.unmount();
	}
});
