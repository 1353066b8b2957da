import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {CommandId} from '../../source/ui/app/keymap.ts';
import {lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {FixtureSource} from '../support/reading-fixtures.ts';
import {RecordedActions, renderApp, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** A cluster whose learner (etcd-4) is within one entry of the leader at every refresh: ready after two. */
function inSyncSource(): FixtureSource {
	const [first, ...rest] = Array.from({length: 10}, (_, second) => lagReading(second, [100 + second, 100 + second, 100 + second, 100 + second]));
	return new FixtureSource(first!, ...rest);
}

async function started(options: Parameters<typeof renderApp>[0]): Promise<RenderedApp> {
	const app = renderApp(options);
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first reading');
	return app;
}

/** The last line drawn: the status line, or the command line in its place. */
const bottom = (app: RenderedApp) => app.lines().at(-1) ?? '';

async function until(app: RenderedApp, expected: (frame: string) => boolean, what: string): Promise<void> {
	await waitFor(() => expected(app.frame()), 2000, `${what}; last frame:\n${app.frame()}`);
}

async function pressAndWait(app: RenderedApp, command: CommandId, expected: (frame: string) => boolean, what: string): Promise<void> {
	await app.press(command);
	await until(app, expected, what);
}

async function refreshTimes(app: RenderedApp, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const before = app.frame().match(/refreshed (\S+)/)?.[1];
		await app.press('refresh');
		await waitFor(() => app.frame().match(/refreshed (\S+)/)?.[1] !== before, 2000, 'a newer refresh');
	}
}

/** Opens the `:` line, types `text` and waits until the line shows it. */
async function typeCommand(app: RenderedApp, text: string): Promise<void> {
	await app.press('command-line');
	await waitFor(() => bottom(app).startsWith(':'), 2000, `the command line opened:\n${app.frame()}`);
	if (text !== '') {
		await app.send(text);
		await waitFor(() => bottom(app).startsWith(`:${text}`), 2000, `"${text}" typed:\n${app.frame()}`);
	}
}

void test(': opens a line at the bottom; Tab completes the command, then lists the members; Enter opens the confirmation', async () => {
	const actions = new RecordedActions();
	const app = await started({source: inSyncSource(), actions});
	await refreshTimes(app, 2);
	// From the Logs pane, whose rows are no members: the named member is what counts.
	await pressAndWait(app, 'logs', frame => frame.includes('Logs'), 'the Logs pane');
	await typeCommand(app, 'prom');
	assert.match(bottom(app), /Tab completes/);
	await app.press('command-complete');
	await waitFor(() => bottom(app).startsWith(':promote  '), 2000, `the name completed:\n${app.frame()}`);
	await app.send('etcd-');
	await app.press('command-complete');
	await waitFor(() => /^:promote etcd- .*etcd-1 {2}etcd-2 {2}etcd-3 {2}etcd-4/.test(bottom(app)), 2000, `the members offered:\n${app.frame()}`);
	await app.send('4');
	await app.press('command-run');
	await until(app, frame => frame.includes('member promote 2f0fd4b3a5cb0e1a') && frame.includes('Promote learner etcd-4 to voter?'), 'the confirmation for etcd-4');
	assert.deepEqual(actions.calls, [], 'nothing is sent before the yes');
	await pressAndWait(app, 'confirm', frame => frame.includes('done'), 'the outcome');
	assert.deepEqual(actions.calls, [{action: 'promote', memberId: learnerNode.id}]);
});

void test(':move-leader takes a hex ID; a member that is not there gets its name and the members listed', async () => {
	const actions = new RecordedActions();
	const app = await started({source: inSyncSource(), actions});
	await typeCommand(app, 'move-leader etcd-9');
	await app.press('command-run');
	await waitFor(() => bottom(app).includes('no member named etcd-9; members: etcd-1, etcd-2, etcd-3, etcd-4'), 2000, `the message:\n${app.frame()}`);
	await typeCommand(app, `move-leader ${lagNodes[2].id.toUpperCase()}`);
	await app.press('command-run');
	await until(app, frame => frame.includes(`move-leader ${lagNodes[2].id}`) && frame.includes('Move leadership from etcd-1 to etcd-3?'), 'the move-leader confirmation');
	assert.deepEqual(actions.calls, []);
});

void test('an unknown command, a missing argument and one too many each say so on the status line', async () => {
	const app = await started({source: inSyncSource()});
	for (const [line, message] of [
		['frobnicate', 'no command :frobnicate; Tab lists them'],
		['promote', ':promote MEMBER needs MEMBER: a member\'s name or hex ID (members: etcd-1, etcd-2, etcd-3, etcd-4)'],
		['lag now', ':lag takes no arguments (got "now")'],
	] as const) {
		await typeCommand(app, line);
		await app.press('command-run');
		await waitFor(() => bottom(app).includes(message), 2000, `"${message}" for :${line}:\n${app.frame()}`);
		assert.ok(!bottom(app).includes('Enter runs'), 'the line closed');
	}
});

void test('↑ and ↓ walk this session\'s commands; Enter runs the one shown; Esc closes and runs nothing', async () => {
	const app = await started({source: inSyncSource()});
	await typeCommand(app, 'lag');
	await app.press('command-run');
	await until(app, frame => frame.includes('RAFT LAG'), 'the Lag pane');
	await typeCommand(app, 'endpoints');
	await app.press('command-run');
	await until(app, frame => !frame.includes('RAFT LAG'), 'the Endpoints pane');
	await typeCommand(app, 'he');
	await app.press('command-history-previous');
	await waitFor(() => bottom(app).startsWith(':endpoints '), 2000, `the last command:\n${app.frame()}`);
	await app.press('command-history-previous');
	await waitFor(() => bottom(app).startsWith(':lag '), 2000, `the one before:\n${app.frame()}`);
	await app.press('command-history-next');
	await app.press('command-history-next');
	await waitFor(() => bottom(app).startsWith(':he '), 2000, `back to the typed line:\n${app.frame()}`);
	await app.press('command-close');
	await waitFor(() => bottom(app).includes('? help'), 2000, 'closed');
	assert.ok(!app.frame().includes('RAFT LAG'), 'nothing ran');
	await typeCommand(app, '');
	await app.press('command-history-previous');
	await app.press('command-history-previous');
	await waitFor(() => bottom(app).startsWith(':lag '), 2000, `lag again:\n${app.frame()}`);
	await app.press('command-run');
	await until(app, frame => frame.includes('RAFT LAG'), 'the Lag pane from the history');
});

void test('in --read-only mode :promote says it is off and sends nothing', async () => {
	const actions = new RecordedActions();
	const app = await started({source: inSyncSource(), actions, readOnly: true});
	await typeCommand(app, 'promote etcd-4');
	await app.press('command-run');
	await waitFor(() => bottom(app).includes('promote is off: --read-only'), 2000, `the refusal:\n${app.frame()}`);
	assert.deepEqual(actions.calls, []);
});

void test(':q quits; q typed on the line is a letter, not quit', async () => {
	let quit = 0;
	const app = await started({source: inSyncSource(), onQuit: () => {
		quit++;
	}});
	await typeCommand(app, 'q');
	assert.equal(quit, 0);
	await app.press('command-run');
	await waitFor(() => quit === 1, 2000, 'quit');
});

void test(':snapshot PATH opens the snapshot form with that path', async () => {
	const app = await started({source: inSyncSource()});
	await typeCommand(app, 'snapshot /backups/before upgrade.db');
	await app.press('command-run');
	await until(app, frame => frame.includes('/backups/before upgrade.db') && frame.includes('Enter save'), 'the form with the path');
});

void test('help lists each command beside its keys', async () => {
	const app = await started({source: inSyncSource()});
	await pressAndWait(app, 'toggle-help', frame => frame.includes('etcdeck keys'), 'help');
	assert.match(app.frame(), /p +Promote selected learner {2}:promote/);
	assert.match(app.frame(), /5 +Keys pane {2}:keys \[PREFIX\]/);
	assert.match(app.frame(), /: +Command line \(Tab completes\)/);
});
