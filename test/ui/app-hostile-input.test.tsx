import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {SaveSnapshot} from '../../source/backup/dashboard-saver.ts';
import {HandFedLogs} from '../support/hand-fed-logs.ts';
import {healthyReading} from '../support/reading-fixtures.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {renderApp, sequencesFor, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** Colour codes, a title, a mouse report, a focus report, an unknown key and a kitty key: what a paste or a terminal can send. */
const pastes = ['\u001B[31m', 'red\u001B[31mtext\u001B[0m', '\u001B]0;PWN\u0007', '\u001B[<0;10;5M', '\u001B[I', '\u001B[99~', '\u001B[113u', '\u009B31m', '\u001BOP'];

async function started(options: Parameters<typeof renderApp>[0] = {}): Promise<RenderedApp> {
	const app = renderApp({snapshot: healthyReading(), ...options});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	return app;
}

async function pasteAll(app: RenderedApp): Promise<void> {
	for (const paste of pastes) {
		app.stdin.write(paste);
	}

	// Let Ink read and hand over everything written.
	await waitFor(() => true);
	await new Promise(resolve => {
		setImmediate(resolve);
	});
}

async function helpAnswers(app: RenderedApp): Promise<void> {
	await app.press('toggle-help');
	await waitFor(() => app.frame().includes('Everywhere'), 2000, `help:\n${app.frame()}`);
}

void test('pasted escape sequences on a pane change nothing and crash nothing: ? still opens help', async () => {
	const app = await started();
	const before = app.frame();
	await pasteAll(app);
	assert.equal(app.frame(), before);
	await helpAnswers(app);
});

void test('in the Logs filter, a paste types only its printable text, and a CR in the chunk is Enter', async () => {
	const logs = new HandFedLogs();
	const app = await started({logSource: logs});
	await app.press('logs');
	logs.listener?.onLines(['2024-01-01 10:00:00.000000 I | etcdserver: red alert', '2024-01-01 10:00:01.000000 I | etcdserver: all calm']);
	await waitFor(() => app.frame().includes('all calm'), 2000, 'the lines');
	await app.send(sequencesFor('logs-filter-open')[0]!);
	await pasteAll(app);
	app.stdin.write('red\r');
	// The title's text is part of its escape sequence, not text typed.
	await waitFor(() => app.frame().includes('filter "redtextred"'), 2000, `the filter applied:\n${app.frame()}`);
	await helpAnswers(app);
});

void test('in the snapshot form, a paste types only its printable text into the path', async () => {
	const app = await started();
	await app.press('snapshot');
	await waitFor(() => app.frame().includes('Save a snapshot'), 2000, 'the form');
	await app.send(chordBytes({input: 'u', ctrl: true}));
	await pasteAll(app);
	await waitFor(() => app.frame().includes('Target redtext'), 2000, `the typed path:\n${app.frame()}`);
	await app.send(chordBytes({named: 'escape'}));
	await waitFor(() => !app.frame().includes('Save a snapshot'), 2000, 'the form closed');
	await helpAnswers(app);
});

void test('an error thrown while a key is handled is on the status line and in the action log; the dashboard goes on', async () => {
	const throwing: SaveSnapshot = () => {
		throw new TypeError('a bug in the saver');
	};

	const app = await started({saveSnapshot: throwing});
	await app.press('snapshot');
	await waitFor(() => app.frame().includes('Save a snapshot'), 2000, 'the form');
	await app.press('snapshot-save');
	await waitFor(() => app.frame().includes('key Enter: failed: TypeError: a bug in the saver'), 2000, `the status line:\n${app.frame()}`);
	await app.press('toggle-action-log');
	await waitFor(() => app.frame().includes('Action log') && /key Enter +failed/.test(app.frame()), 2000, `the action log:\n${app.frame()}`);
	await app.press('close', 0);
	await helpAnswers(app);
});
