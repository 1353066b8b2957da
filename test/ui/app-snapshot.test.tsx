import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {SnapshotRequest, SnapshotSaved} from '../../source/backup/dashboard-saver.ts';
import type {DrillResult} from '../../source/backup/drill-result.ts';
import {sequencesFor} from '../support/render.tsx';
import {fixtureClusterId, healthyReading} from '../support/reading-fixtures.ts';
import {renderApp, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** A saver the test drives: it records each request and finishes when the test says. */
class ControlledSaver {
	readonly requests: SnapshotRequest[] = [];
	private finish: ((saved: SnapshotSaved) => void) | undefined;
	private fail: ((error: Error) => void) | undefined;

	readonly save = async (request: SnapshotRequest): Promise<SnapshotSaved> => {
		this.requests.push(request);
		return new Promise((resolve, reject) => {
			this.finish = resolve;
			this.fail = reject;
			request.signal.addEventListener('abort', () => {
				reject(new Error(`snapshot cancelled; nothing was written to ${request.target}`));
			});
		});
	};

	succeed(): void {
		const request = this.requests.at(-1)!;
		this.finish?.({path: request.target, manifestPath: `${request.target}.manifest.json`, sha256: 'ab'.repeat(32), statusLine: 'etcdctl snapshot status: hash 1, revision 9, 504 keys, 115 kB'});
	}

	failWith(message: string): void {
		this.fail?.(new Error(message));
	}
}

async function started(saver: ControlledSaver): Promise<RenderedApp> {
	const app = renderApp({snapshot: healthyReading(), saveSnapshot: saver.save, snapshotDir: '/backups'});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	return app;
}

const formOpen = (app: RenderedApp) => app.frame().includes('Save a snapshot') && app.frame().includes('Stream from');

async function openForm(app: RenderedApp): Promise<void> {
	await app.press('snapshot');
	await waitFor(() => formOpen(app), 2000, `the snapshot form:\n${app.frame()}`);
}

void test('s proposes <dir>/etcd-<cluster ID>-<UTC time>.db and a follower; Enter streams, shows progress, then the verified file', async () => {
	const saver = new ControlledSaver();
	const app = await started(saver);
	await openForm(app);
	assert.match(app.frame(), new RegExp(`Target /backups/etcd-${fixtureClusterId}-\\d{8}T\\d{6}Z\\.db`));
	const chosen = app.lines().find(line => line.startsWith('│ › '));
	assert.ok(chosen !== undefined && !chosen.includes('(leader)') && !chosen.includes('cannot'), `a healthy follower first:\n${app.frame()}`);

	await app.press('snapshot-save');
	await waitFor(() => saver.requests.length === 1 && app.frame().includes('Snapshot from'), 2000, 'the save to start');
	assert.equal(saver.requests[0]!.clusterId, fixtureClusterId);
	assert.ok(!formOpen(app), 'the form closed');
	saver.requests[0]!.onProgress({phase: 'streaming', bytes: 5_000_000, totalBytes: 10_000_000, elapsedMs: 1000, bytesPerSecond: 5_000_000});
	await waitFor(() => app.frame().includes('5 MB of 10 MB (50%)') && app.frame().includes('███'), 2000, `progress:\n${app.frame()}`);

	saver.succeed();
	await waitFor(() => app.frame().includes('✔ Saved and verified: /backups/etcd-'), 2000, `the outcome:\n${app.frame()}`);
	assert.ok(app.frame().includes('revision 9, 504 keys'), app.frame());
	await app.press('toggle-action-log');
	await waitFor(() => app.frame().includes('Action log') && /snapshot \S+ +succeeded/.test(app.frame()) && app.frame().includes('snapshot save'), 2000, `the action log:\n${app.frame()}`);
});

void test('the path is typed: Ctrl-U clears it, Backspace erases, letters (even q and j) are text', async () => {
	const saver = new ControlledSaver();
	const app = await started(saver);
	await openForm(app);
	await app.press('snapshot-clear-path');
	await waitFor(() => /Target +$/m.test(app.frame().replace(/[ │]+$/gm, '')) || app.frame().includes('Target  '), 2000, 'an empty path');
	app.stdin.write('/tmp/qjx.dbb');
	await waitFor(() => app.frame().includes('/tmp/qjx.dbb'), 2000, `the typed path:\n${app.frame()}`);
	await app.press('snapshot-erase');
	await waitFor(() => app.frame().includes('/tmp/qjx.db ') || app.frame().includes('/tmp/qjx.db\u00A0') || !app.frame().includes('qjx.dbb'), 2000, 'one letter erased');
	await app.press('snapshot-save');
	await waitFor(() => saver.requests.length === 1, 2000, 'the save');
	assert.equal(saver.requests[0]!.target, '/tmp/qjx.db');
});

void test('a learner cannot serve a snapshot: Enter says why and sends nothing', async () => {
	const saver = new ControlledSaver();
	const app = await started(saver);
	await openForm(app);
	for (let step = 0; step < 4; step++) {
		await app.press('select-next');
	}

	await waitFor(() => (app.lines().find(line => line.startsWith('│ › ')) ?? '').includes('cannot'), 2000, `the learner chosen:\n${app.frame()}`);
	await app.press('snapshot-save');
	await waitFor(() => app.frame().includes('cannot: a learner does not serve snapshots'), 2000, 'the reason');
	assert.equal(saver.requests.length, 0);
});

void test('while a snapshot streams the dashboard stays live; Esc cancels it and says nothing was left', async () => {
	const saver = new ControlledSaver();
	const app = await started(saver);
	await openForm(app);
	await app.press('snapshot-save');
	await waitFor(() => app.frame().includes('Snapshot from'), 2000, 'the save to start');
	await app.press('endpoints');
	await waitFor(() => app.frame().includes('RAFT INDEX') && app.frame().includes('Snapshot from'), 2000, `the endpoints pane with the job below:\n${app.frame()}`);
	app.stdin.write(sequencesFor('snapshot-dismiss')[0]!);
	await waitFor(() => app.frame().includes('Snapshot cancelled') && app.frame().includes('Nothing was left at'), 2000, `the cancel:\n${app.frame()}`);
	assert.equal(saver.requests[0]!.signal.aborted, true);
});

void test('a failed save says what happened; Esc closes the message', async () => {
	const saver = new ControlledSaver();
	const app = await started(saver);
	await openForm(app);
	await app.press('snapshot-save');
	await waitFor(() => app.frame().includes('Snapshot from'), 2000, 'the save to start');
	saver.failWith('connection to the member was lost mid-stream; this cluster has authentication enabled: pass --user NAME[:PASSWORD] (or set ETCDCTL_USER)');
	await waitFor(() => app.frame().includes('✖ Snapshot failed: connection to the member was lost mid-stream') && app.frame().includes('(or set ETCDCTL_USER)'), 2000, `the whole reason, wrapped:\n${app.frame()}`);
	await app.press('snapshot-dismiss');
	await waitFor(() => !app.frame().includes('Snapshot failed:'), 2000, 'the message closed');
});

/** A drill the test drives: it records each file and reports steps and results when told. */
class ControlledDriller {
	readonly files: string[] = [];
	private onStep: ((step: string) => void) | undefined;
	private finish: ((result: DrillResult) => void) | undefined;
	signal: AbortSignal | undefined;

	readonly drill = async (file: string, signal: AbortSignal, onStep: (step: string) => void): Promise<DrillResult> => {
		this.files.push(file);
		this.onStep = onStep;
		this.signal = signal;
		return new Promise(resolve => {
			this.finish = resolve;
			signal.addEventListener('abort', () => {
				resolve(this.result('cannot-run', ['cancelled']));
			});
		});
	};

	step(text: string): void {
		this.onStep?.(text);
	}

	end(outcome: DrillResult['outcome'], problems: string[] = []): void {
		this.finish?.(this.result(outcome, problems));
	}

	private result(outcome: DrillResult['outcome'], problems: string[]): DrillResult {
		return {
			file: this.files.at(-1)!,
			outcome,
			problems,
			verified: {sizeBytes: 115_000, sha256: 'ab'.repeat(32)},
			manifest: undefined,
			tools: {etcd: {name: 'etcd', path: '/usr/bin/etcd', dir: '/usr/bin', version: '3.4.23'}, restore: {name: 'etcdctl', path: '/usr/bin/etcdctl', dir: '/usr/bin', version: '3.4.23'}, note: undefined},
			restoreMs: 100,
			served: undefined,
			counts: {recorded: true, prefixes: 12, totalKeys: 504, mismatches: []},
			sample: undefined,
			notes: [],
			workDir: '/tmp/etcdeck-drill-x',
		};
	}
}

async function savedWithDriller(): Promise<{app: RenderedApp; saver: ControlledSaver; driller: ControlledDriller}> {
	const saver = new ControlledSaver();
	const driller = new ControlledDriller();
	const app = renderApp({snapshot: healthyReading(), saveSnapshot: saver.save, drillSnapshot: driller.drill, snapshotDir: '/backups'});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	await openForm(app);
	await app.press('snapshot-save');
	await waitFor(() => saver.requests.length === 1, 2000, 'the save to start');
	return {app, saver, driller};
}

void test('the saved snapshot offers its drill: d runs it below the pane, and the result goes to the action log', async () => {
	const {app, saver, driller} = await savedWithDriller();
	await app.press('snapshot-drill');
	await waitFor(() => app.frame().includes('The drill needs the saved snapshot: wait until it is verified'), 2000, `d while saving:\n${app.frame()}`);
	assert.equal(driller.files.length, 0);

	saver.succeed();
	await waitFor(() => app.frame().includes('d drill it · Enter/Esc close'), 2000, `the offer:\n${app.frame()}`);
	await app.press('snapshot-drill');
	await waitFor(() => driller.files.length === 1 && app.frame().includes('Drilling: starting…'), 2000, `the drill started:\n${app.frame()}`);
	assert.equal(driller.files[0], saver.requests[0]!.target);
	driller.step('restoring with etcdctl 3.4.23');
	await waitFor(() => app.frame().includes('Drilling: restoring with etcdctl 3.4.23… · Esc cancel'), 2000, `the step:\n${app.frame()}`);
	await app.press('snapshot-drill');
	await waitFor(() => app.frame().includes('A drill is already running: Esc cancels it'), 2000, 'd again');
	assert.equal(driller.files.length, 1);

	driller.end('passed');
	await waitFor(() => app.frame().includes('✔ drill passed: restored with etcd 3.4.23 and served, 504 keys in 12 prefixes match the manifest'), 2000, `the result:\n${app.frame()}`);
	await app.press('toggle-action-log');
	await waitFor(() => /drill \S+ +succeeded/.test(app.frame()) && app.frame().includes('etcdeck snapshot drill /backups/'), 2000, `the action log:\n${app.frame()}`);
});

void test('a drill that fails says which prefix; Esc cancels a running drill, and it is logged as cancelled', async () => {
	const {app, saver, driller} = await savedWithDriller();
	saver.succeed();
	await waitFor(() => app.frame().includes('d drill it'), 2000, 'the offer');
	await app.press('snapshot-drill');
	await waitFor(() => app.frame().includes('Drilling:'), 2000, 'the drill');
	driller.end('failed', ['key counts differ from the manifest: /main/config/props/: expected 301 keys, found 300']);
	await waitFor(() => app.frame().includes('✖ drill failed: key counts differ from the manifest: /main/config/props/: expected 301 keys'), 2000, `the failure:\n${app.frame()}`);

	await app.press('snapshot-drill');
	await waitFor(() => driller.files.length === 2 && app.frame().includes('Drilling:'), 2000, 'a second drill');
	app.stdin.write(sequencesFor('snapshot-dismiss')[0]!);
	await waitFor(() => app.frame().includes('• drill cancelled'), 2000, `the cancel:\n${app.frame()}`);
	assert.equal(driller.signal?.aborted, true);
	assert.ok(app.frame().includes('✔ Saved and verified'), 'the saved snapshot stays shown');
	await app.press('toggle-action-log');
	await waitFor(() => /drill \S+ +cancelled/.test(app.frame()) && /drill \S+ +failed/.test(app.frame()), 2000, `the action log:\n${app.frame()}`);
});
