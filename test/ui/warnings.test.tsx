import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {MemberActionResult} from '../../source/cluster/member-action-result.ts';
import {lagNodes} from '../support/lag-fixtures.ts';
import {FixtureSource, healthyReading, manyWarningsReading, quorumLostReading} from '../support/reading-fixtures.ts';
import {RecordedActions, renderApp, sizes, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

async function started(options: Parameters<typeof renderApp>[0]): Promise<RenderedApp> {
	const app = renderApp(options);
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first reading');
	return app;
}

void test('the header is a priority list: QUORUM LOST above an action\'s result, which leaves the header after a few seconds and stays in the action log', {timeout: 30_000}, async () => {
	const result: MemberActionResult = {ok: true, message: 'Leadership transferred from etcd-1 to etcd-2', sentTo: 'http://10.0.0.1:2379', leaderBefore: {id: lagNodes[0].id, name: 'etcd-1'}, leaderAfter: {id: lagNodes[1].id, name: 'etcd-2'}};
	const source = new FixtureSource(healthyReading());
	const app = await started({source, actions: new RecordedActions(() => result)});
	await app.press('select-next');
	await waitFor(() => app.frame().includes(`› ${lagNodes[1].id}`), 2000, 'etcd-2 selected');
	// The refresh after the action finds two voters gone.
	source.queue(quorumLostReading());
	await app.press('move-leader');
	await waitFor(() => app.frame().includes('move-leader 91bc3c398fb3c146'), 2000, `the confirmation:\n${app.frame()}`);
	await app.press('confirm');
	await waitFor(() => app.frame().includes('QUORUM LOST') && app.frame().includes('✔'), 3000, `the quorum lost and the action's line:\n${app.frame()}`);
	const lines = app.lines();
	const quorum = lines.findIndex(line => line.startsWith('✖ QUORUM LOST'));
	const action = lines.findIndex(line => line.startsWith('✔ ') && line.includes('Leadership transferred'));
	assert.ok(quorum === 2, `QUORUM LOST is the first line under the counts:\n${lines.join('\n')}`);
	assert.ok(action > quorum && lines.slice(quorum, action).every(line => /^[✖▲]/.test(line)), `the result comes after every warning:\n${lines.join('\n')}`);
	assert.ok(lines.at(-1)!.includes('Leadership transferred'), 'the status line says it too');

	await waitFor(() => !app.lines().slice(0, 8).some(line => line.startsWith('✔ ')), 12_000, `the result to leave the header:\n${app.frame()}`);
	assert.ok(app.lines()[2]!.startsWith('✖ QUORUM LOST'), app.frame());
	await app.press('toggle-action-log');
	await waitFor(() => app.frame().includes('Leadership transferred from etcd-1 to etcd-2'), 2000, `the action log keeps it:\n${app.frame()}`);
});

void test('"▲ N more warnings" points to !, which lists every warning: severity, member, since when, its source and what to do', async () => {
	const app = await started({snapshot: manyWarningsReading(), size: {columns: 120, rows: 50}});
	await waitFor(() => app.frame().includes('more warnings: ! lists them all'), 2000, app.frame());
	await app.press('warnings');
	await waitFor(() => app.frame().includes('active warnings'), 2000, `the list:\n${app.frame()}`);
	const frame = app.frame();
	assert.match(frame, /6 active warnings, 5 critical, worst first/);
	assert.match(frame, /✖ CRITICAL · since 12:34:56 UTC \(0s\) · from Status/);
	assert.match(frame, /QUORUM LOST: 1 of 3 voters answer/);
	assert.match(frame, /→ writes stop: bring the stopped voters back/);
	assert.match(frame, /✖ CRITICAL · etcd-1 · since 12:34:56 UTC/);
	assert.match(frame, /→ compact, defragment each member, then etcdctl alarm disarm/);
	assert.match(frame, /▲ warning · etcd-3 · since/);
	const list = app.lines();
	assert.ok(list.findIndex(line => line.includes('QUORUM LOST')) < list.findIndex(line => line.includes('▲ warning')), 'critical first');
	await app.press('warnings-close');
	await waitFor(() => !app.frame().includes('active warnings'), 2000, 'closed');
});

void test('the warnings list scrolls at 80x24, and :warnings opens it too', async () => {
	const app = await started({snapshot: manyWarningsReading(), size: sizes.minimum});
	await app.press('command-line');
	await app.send('warnings');
	await app.press('command-run');
	await waitFor(() => app.frame().includes('active warnings'), 2000, `the list:\n${app.frame()}`);
	assert.match(app.frame(), /↓ \d+ more {2}↑↓ PgUp PgDn scroll {2}Esc close/);
	const firstShown = () => app.lines().find(line => /[✖▲] (CRITICAL|warning)|^│ {2}/.test(line.replace(/^│ /, '')));
	const before = app.frame();
	await app.press('warnings-page-down');
	await waitFor(() => app.frame() !== before && /↑ \d+ more/.test(app.frame()), 2000, `scrolled:\n${app.frame()}`);
	assert.ok(firstShown() !== undefined);
	await app.press('warnings-close', 2);
	await waitFor(() => !app.frame().includes('active warnings'), 2000, 'q closes it');
});
