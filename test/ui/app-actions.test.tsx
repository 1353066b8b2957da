import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {MemberActionResult} from '../../source/cluster/member-action-result.ts';
import type {CommandId} from '../../source/ui/app/keymap.ts';
import {lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {FixtureSource} from '../support/reading-fixtures.ts';
import {rawLinesOf, RecordedActions, renderApp, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** A cluster whose learner is within one entry of the leader at every refresh: ready after two. */
function inSyncSource(): FixtureSource {
	const [first, ...rest] = Array.from({length: 10}, (_, second) => lagReading(second, [100 + second, 100 + second, 100 + second, 100 + second]));
	return new FixtureSource(first!, ...rest);
}

/** A learner far behind the leader. */
function behindSource(): FixtureSource {
	const [first, ...rest] = Array.from({length: 10}, (_, second) => lagReading(second, [5000 + second, 5000 + second, 5000 + second, 10]));
	return new FixtureSource(first!, ...rest);
}

async function started(options: Parameters<typeof renderApp>[0]): Promise<RenderedApp> {
	const app = renderApp(options);
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	return app;
}

async function pressAndWait(app: RenderedApp, command: CommandId, expected: (frame: string) => boolean, what: string): Promise<void> {
	await app.press(command);
	await waitFor(() => expected(app.frame()), 2000, `${what}; last frame:\n${app.frame()}`);
}

/** Refreshes until the status line shows a snapshot `seconds` after the fixtures' first. */
async function refreshTimes(app: RenderedApp, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const before = app.frame().match(/refreshed (\S+)/)?.[1];
		await app.press('refresh');
		await waitFor(() => app.frame().match(/refreshed (\S+)/)?.[1] !== before, 2000, 'a newer refresh');
	}
}

async function selectLearner(app: RenderedApp): Promise<void> {
	for (let step = 0; step < 3; step++) {
		await app.press('select-next');
	}

	await waitFor(() => app.lines().some(line => line.startsWith(learnerNode.id)) && app.frame().includes(`› ${learnerNode.id}`), 2000, 'the learner selected');
}

const dialogOpen = (frame: string) => frame.includes('y') && frame.includes('etcdctl') && frame.includes('member promote');

void test('p on a ready learner asks first, showing the member, the voters after and the etcdctl command; y sends it', async () => {
	const actions = new RecordedActions(() => ({ok: true, message: 'etcd-4 is a voter now', sentTo: 'http://10.0.0.1:2379', leaderBefore: undefined, leaderAfter: undefined}));
	const app = await started({source: inSyncSource(), actions});
	await refreshTimes(app, 2);
	await selectLearner(app);
	await pressAndWait(app, 'promote', dialogOpen, 'the promote confirmation');
	const dialog = app.frame();
	assert.ok(dialog.includes(learnerNode.id), dialog);
	assert.match(dialog, /etcdctl .*member promote 2f0fd4b3a5cb0e1a/);
	assert.match(dialog, /4 voters/);
	assert.deepEqual(actions.calls, [], 'nothing is sent before the yes');

	await pressAndWait(app, 'confirm', frame => frame.includes('etcd-4 is a voter now'), 'the outcome');
	assert.deepEqual(actions.calls, [{action: 'promote', memberId: learnerNode.id}]);
	assert.ok(!dialogOpen(app.frame()), 'the dialog closed');
});

void test('n and Esc cancel: nothing is sent and the action log records the cancel', async () => {
	for (const cancelKey of [0, 1]) {
		const actions = new RecordedActions();
		const app = await started({source: inSyncSource(), actions});
		await refreshTimes(app, 2);
		await selectLearner(app);
		await pressAndWait(app, 'promote', dialogOpen, 'the promote confirmation');
		await app.press('cancel', cancelKey);
		await waitFor(() => !dialogOpen(app.frame()) && app.frame().includes('cancelled'), 2000, `cancel with chord ${cancelKey}:\n${app.frame()}`);
		assert.deepEqual(actions.calls, []);
		await pressAndWait(app, 'toggle-action-log', frame => frame.includes('cancelled') && frame.includes('member promote'), 'the action log');
		app.unmount();
	}
});

void test('p on a learner far behind says why and opens nothing', async () => {
	const actions = new RecordedActions();
	const app = await started({source: behindSource(), actions});
	await refreshTimes(app, 2);
	await selectLearner(app);
	await pressAndWait(app, 'promote', frame => /Cannot promote etcd-4.*behind/.test(frame.replaceAll('\n', ' ')), 'the reason');
	assert.ok(!dialogOpen(app.frame()));
	assert.deepEqual(actions.calls, []);
});

void test('m on the leader is refused with its reason; m on a follower confirms and shows the transfer in the header', async () => {
	const result: MemberActionResult = {ok: true, message: 'Leadership transferred from etcd-1 to etcd-2', sentTo: 'http://10.0.0.1:2379', leaderBefore: {id: lagNodes[0].id, name: 'etcd-1'}, leaderAfter: {id: lagNodes[1].id, name: 'etcd-2'}};
	const actions = new RecordedActions(() => result);
	const app = await started({source: inSyncSource(), actions});
	await pressAndWait(app, 'move-leader', frame => /Cannot move leadership to etcd-1.*already/.test(frame.replaceAll('\n', ' ')), 'the leader refused');
	await app.press('select-next');
	await waitFor(() => app.frame().includes(`› ${lagNodes[1].id}`));
	await pressAndWait(app, 'move-leader', frame => frame.includes('move-leader 91bc3c398fb3c146'), 'the move-leader confirmation');
	await pressAndWait(app, 'confirm', frame => frame.includes('✔') && frame.includes('Leadership transferred from etcd-1 to etcd-2'), 'the header line');
	assert.deepEqual(actions.calls, [{action: 'move-leader', memberId: lagNodes[1].id}]);
});

void test('read-only: p and m are not bound, nothing is sent, and help says they are off', async () => {
	const actions = new RecordedActions();
	const app = await started({source: inSyncSource(), actions, readOnly: true});
	await refreshTimes(app, 2);
	await selectLearner(app);
	// Not bound: the keys change nothing, so a later key's effect proves they were handled.
	app.stdin.write('p');
	app.stdin.write('m');
	await pressAndWait(app, 'toggle-help', frame => frame.includes('etcdeck keys'), 'help');
	assert.deepEqual(actions.calls, []);
	assert.match(app.frame(), /p +Promote selected learner \(off\)/);
	assert.match(app.frame(), /m +Move leader to selected \(off\)/);
	assert.ok(app.frame().includes('(off): not bound in --read-only mode'), app.frame());
	assert.ok(app.frame().includes('read-only'), 'the status line says read-only');
});

void test('the Lag pane shows each member\'s lag and the learner\'s readiness, and p works there too', async () => {
	const actions = new RecordedActions();
	const app = await started({source: inSyncSource(), actions});
	await refreshTimes(app, 2);
	await pressAndWait(app, 'lag', frame => frame.includes('RAFT LAG') && frame.includes('READINESS'), 'the lag pane');
	await waitFor(() => /ready/.test(app.lines().find(line => line.includes('etcd-4')) ?? ''), 2000, `the learner ready:\n${app.frame()}`);
	for (let step = 0; step < 3; step++) {
		await app.press('select-next');
	}

	await pressAndWait(app, 'promote', dialogOpen, 'the promote confirmation from the lag pane');
});

void test('on every frame of the Lag pane, a learner\'s lag and its readiness come from the same refresh', async () => {
	const snapshots = Array.from({length: 6}, (_, second) => lagReading(second, [5000 + (second * 500), 5000 + (second * 500), 5000 + (second * 500), 10]));
	const app = await started({source: new FixtureSource(snapshots[0]!, ...snapshots.slice(1))});
	await pressAndWait(app, 'lag', frame => frame.includes('READINESS'), 'the lag pane');
	await refreshTimes(app, 4);
	const disagreements: string[] = [];
	let rowsSeen = 0;
	for (const frame of app.frames) {
		const row = rawLinesOf(frame).find(line => /^[› ] etcd-4 /.test(line) && line.includes('entries behind'));
		if (row === undefined) {
			continue;
		}

		rowsSeen++;
		const behind = /([\d,]+) entries behind/.exec(row)![1];
		const raftLag = /learner +([\d,]+)/.exec(row)?.[1];
		if (raftLag !== behind) {
			disagreements.push(row);
		}
	}

	assert.ok(rowsSeen >= 4, `the learner's row drawn on each refresh (${rowsSeen})`);
	assert.deepEqual(disagreements, []);
});

void test('a user refused Status: p and s say at once that they need the root role; nothing opens, nothing is sent', async () => {
	const denied = 'Status: permission denied: the user\'s roles do not allow this request';
	const limited = Array.from({length: 10}, (_, second) => {
		const snapshot = lagReading(second, [100 + second, 100 + second, 100 + second, 100 + second]);
		return {...snapshot, probes: snapshot.probes.map(probe => ({...probe, statusDenied: denied, status: {...probe.status!, source: 'metrics' as const}}))};
	});
	const actions = new RecordedActions();
	const app = await started({source: new FixtureSource(limited[0]!, ...limited.slice(1)), actions});
	await refreshTimes(app, 2);
	await selectLearner(app);
	await pressAndWait(app, 'promote', frame => frame.includes(`Cannot promote etcd-4 (${learnerNode.id}): needs the root role, which this user lacks`), 'the refusal');
	assert.ok(!dialogOpen(app.frame()), 'no confirmation');
	await pressAndWait(app, 'snapshot', frame => frame.includes('A snapshot needs the root role, which this user lacks'), 'the snapshot refusal');
	assert.ok(!app.frame().includes('Save a snapshot'), app.frame());
	assert.deepEqual(actions.calls, []);
});
