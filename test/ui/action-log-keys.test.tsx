import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {SaveSnapshot} from '../../source/backup/dashboard-saver.ts';
import {healthyReading} from '../support/reading-fixtures.ts';
import {renderApp, sequencesFor, waitFor, type RenderedApp} from '../support/render.tsx';

afterEach(() => {
	cleanup();
});

/** Each snapshot attempt fails in the saver: one action log entry a try, numbered by the message. */
function numberedFailures(): SaveSnapshot {
	let attempt = 0;
	return () => {
		attempt++;
		return Promise.reject(new Error(`saver bug number ${attempt}`));
	};
}

async function until(app: RenderedApp, check: (frame: string) => boolean, what: string): Promise<void> {
	await waitFor(() => check(app.frame()), 2000, `${what}:\n${app.frame()}`);
}

void test('at 80x24 the action log scrolls to its earliest action, filters with /, and Esc clears the filter before it closes', async () => {
	const app = renderApp({snapshot: healthyReading(), saveSnapshot: numberedFailures(), size: {columns: 80, rows: 24}});
	await until(app, frame => frame.includes('refreshed '), 'the first reading');
	for (let attempt = 1; attempt <= 8; attempt++) {
		await app.press('snapshot');
		await until(app, frame => frame.includes('Save a snapshot'), 'the form');
		await app.press('snapshot-save');
		await until(app, frame => frame.includes(`saver bug number ${attempt}`), `attempt ${attempt} logged`);
	}

	await app.press('toggle-action-log');
	await until(app, frame => frame.includes('Action log') && /… \d+ earlier actions/.test(frame), 'the log, cut');
	assert.ok(app.frame().includes('saver bug number 7') && !/saver bug number 1\b/.test(app.frame()), app.frame());
	for (let step = 0; step < 8 && !/saver bug number 1\b/.test(app.frame()); step++) {
		await app.press('action-log-older');
		await until(app, frame => frame.includes('newer action'), 'scrolled');
	}

	await until(app, frame => /saver bug number 1\b/.test(frame) && !frame.includes('earlier action'), 'the earliest action reached');

	await app.press('action-log-filter');
	await app.send('number 3');
	await until(app, frame => frame.includes('/number 3▏  1 of 8'), 'the filter typed');
	await app.press('filter-keep');
	await until(app, frame => frame.includes('/number 3  1 of 8  (Esc clears)') && !frame.includes('number 7'), 'the filter kept');
	await app.send(sequencesFor('close', 'action-log')[0]!);
	await until(app, frame => frame.includes('Action log') && !frame.includes('/number 3'), 'Esc cleared the filter');
	await app.send(sequencesFor('close', 'action-log')[0]!);
	await until(app, frame => !frame.includes('Action log'), 'a second Esc closed the log');
});
