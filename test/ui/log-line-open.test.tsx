import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {healthyReading} from '../support/reading-fixtures.ts';
import {HandFedLogs} from '../support/hand-fed-logs.ts';
import {renderApp, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** etcd 3.5's zap line for a slow peer (to etcd-2, 91bc3c398fb3c146): longer than any terminal line. */
const slowPeer = JSON.stringify({
	level: 'warn',
	ts: '2026-11-23T13:45:00.123Z',
	caller: 'rafthttp/probing_status.go:82',
	msg: 'prober found high clock drift',
	'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE',
	'remote-peer-id': '91bc3c398fb3c146',
	'clock-drift': '1.500727027s',
	rtt: '1.234567ms',
	note: 'a long field that runs on well past the end of an eighty-column terminal line so that only the opened view can show its last words: the very end',
});

async function logsWithLines(): Promise<{app: RenderedApp; logs: HandFedLogs}> {
	const logs = new HandFedLogs();
	const app = renderApp({snapshot: healthyReading(), logSource: logs});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	await app.press('logs');
	logs.listener?.onLines(['2026-11-23 13:44:59.000000 I | etcdserver: an earlier line', slowPeer]);
	await waitFor(() => app.frame().includes('prober found high clock drift'), 2000, `the lines:\n${app.frame()}`);
	return {app, logs};
}

void test('Enter in the Logs pane opens the bottom line whole: every zap field, wrapped, the peer named; Esc goes back', async () => {
	const {app} = await logsWithLines();
	assert.ok(!app.frame().includes('the very end'), 'the line is cut in the list');
	await app.press('logs-open-line');
	await waitFor(() => app.frame().includes('Log line, whole'), 2000, `the line opened:\n${app.frame()}`);
	const lines = app.lines();
	const row = (label: string) => lines.find(line => line.startsWith(`${label} `))?.replace(/^\S+ +/, '');
	const labels = ['time', 'level', 'component', 'message', 'remote-peer-id', 'clock-drift', 'round-tripper-name'];
	assert.deepEqual(Object.fromEntries(labels.map(label => [label, row(label)])), {
		time: '2026-11-23T13:45:00.123Z',
		level: 'warn',
		component: 'rafthttp/probing_status.go:82',
		message: 'prober found high clock drift',
		'remote-peer-id': '91bc3c398fb3c146 (etcd-2)',
		'clock-drift': '1.500727027s',
		'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE',
	});
	assert.ok(app.frame().includes('the very end'), `the long field wrapped whole:\n${app.frame()}`);
	assert.ok(app.frame().includes('Esc back to the lines'), app.frame());
	assert.ok(lines.every(line => line.length <= app.size.columns), app.frame());

	await app.press('logs-opened-close');
	await waitFor(() => !app.frame().includes('Log line, whole') && app.frame().includes('an earlier line'), 2000, `back to the lines:\n${app.frame()}`);
});

void test('Enter opens the line the view was scrolled to; a line that leaves the buffer says so', async () => {
	const {app, logs} = await logsWithLines();
	await app.press('logs-line-up');
	await app.press('logs-open-line');
	await waitFor(() => app.frame().includes('Log line, whole'), 2000, `the line opened:\n${app.frame()}`);
	assert.ok(app.lines().some(line => /^message +an earlier line$/.test(line)), app.frame());
	// A flood pushes the opened line out of the Logs pane's buffer.
	logs.listener?.onLines(Array.from({length: 6000}, (_, index) => `2026-11-23 13:46:00.000000 I | etcdserver: flood ${index}`));
	await waitFor(() => app.frame().includes('That line has left the buffer'), 4000, `the line left:\n${app.frame()}`);
});
