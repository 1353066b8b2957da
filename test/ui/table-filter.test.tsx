import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {CommandId} from '../../source/ui/app/keymap.ts';
import {rawLinesOf, renderApp, waitFor, type RenderedApp} from '../support/render.tsx';
import {healthyReading} from '../support/reading-fixtures.ts';

afterEach(() => {
	cleanup();
});

async function started(): Promise<RenderedApp> {
	const app = renderApp({snapshot: healthyReading()});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	return app;
}

async function pressAndWait(app: RenderedApp, command: CommandId, expected: () => boolean, what: string): Promise<void> {
	await app.press(command);
	await waitFor(expected, 2000, `${what}; last frame:\n${app.frame()}`);
}

async function typeAndWait(app: RenderedApp, text: string, expected: () => boolean, what: string): Promise<void> {
	app.stdin.write(text);
	await waitFor(expected, 2000, `${what}; last frame:\n${app.frame()}`);
}

/** The table rows on screen that name a member (etcd-1 … etcd-4). */
const memberNamesShown = (app: RenderedApp) => rawLinesOf(app.lastFrame()).flatMap(line => /^[› ] .*\b(etcd-\d)\b/.exec(line)?.[1] ?? []);

for (const [pane, title] of [['members', 'ROLE'], ['endpoints', 'RAFT INDEX'], ['lag', 'RAFT LAG'], ['health', 'HAS LEADER']] as const) {
	void test(`/ filters the ${pane} pane: substring, any case, "N of M" on the footer, Enter keeps it, Esc clears it`, async () => {
		const app = await started();
		if (pane !== 'members') {
			await pressAndWait(app, pane, () => app.frame().includes(title), `the ${pane} pane`);
		}

		if (pane === 'health') {
			// No metrics in this run: the filter says so as the table does.
			await pressAndWait(app, 'filter-open', () => app.frame().includes('/▏  0 of 0'), 'the filter opened on an empty table');
			await typeAndWait(app, 'x', () => app.frame().includes('/x▏  0 of 0'), 'typed into the filter');
			await pressAndWait(app, 'filter-cancel', () => !app.frame().includes('/x'), 'Esc clears it');
			return;
		}

		await waitFor(() => memberNamesShown(app).length === 4, 2000, `every member first:\n${app.frame()}`);
		await pressAndWait(app, 'filter-open', () => app.frame().includes('/▏  4 of 4'), 'the filter opened');
		// Typed while the filter is open, q and digits are text, not quit or a pane.
		await typeAndWait(app, 'CD-2', () => app.frame().includes('/CD-2▏  1 of 4'), 'the table follows what is typed');
		assert.deepEqual(memberNamesShown(app), ['etcd-2'], app.frame());
		await pressAndWait(app, 'filter-erase', () => app.frame().includes('/CD-▏  4 of 4'), 'a character erased');
		await typeAndWait(app, '3', () => app.frame().includes('/CD-3▏  1 of 4'), 'typed again');
		await pressAndWait(app, 'filter-keep', () => app.frame().includes('/CD-3  1 of 4  (Esc clears)'), 'Enter keeps it');
		assert.deepEqual(memberNamesShown(app), ['etcd-3'], app.frame());
		// Kept, the pane's keys work again, and the filter stays with its pane.
		await pressAndWait(app, pane === 'members' ? 'endpoints' : 'members', () => !app.frame().includes('/CD-3'), 'another pane, unfiltered');
		await pressAndWait(app, pane, () => app.frame().includes('/CD-3  1 of 4'), 'back: the filter is still there');
		await pressAndWait(app, 'filter-clear', () => !app.frame().includes('/CD-3') && memberNamesShown(app).length === 4, 'Esc clears it');
	});
}

void test('a filter that matches nothing says so, and typing q in it does not quit', async () => {
	let quits = 0;
	const app = renderApp({snapshot: healthyReading(), onQuit: () => quits++});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	await pressAndWait(app, 'filter-open', () => app.frame().includes('/▏'), 'the filter opened');
	await typeAndWait(app, 'q1', () => app.frame().includes('/q1▏  0 of 4'), 'q typed as text');
	assert.ok(app.frame().includes('no row matches the filter'), app.frame());
	assert.equal(quits, 0);
});

void test('the Logs pane keeps its own / (its line filter), not the table filter', async () => {
	const app = await started();
	await pressAndWait(app, 'logs', () => app.lines().some(line => line.includes('Logs')), 'the logs pane');
	await app.press('logs-filter-open');
	await typeAndWait(app, 'abc', () => app.frame().includes('abc'), 'typed into the logs filter');
	assert.ok(!app.frame().includes('of 0  (Enter keeps'), app.frame());
});

void test(':filter TEXT sets the table filter at once; :filter alone opens the / line as / does', async () => {
	const app = await started();
	await app.press('command-line');
	await app.send('filter cd-3');
	await waitFor(() => rawLinesOf(app.lastFrame()).at(-1)?.startsWith(':filter cd-3') === true, 2000, `typed:\n${app.frame()}`);
	await pressAndWait(app, 'command-run', () => app.frame().includes('/cd-3  1 of 4  (Esc clears)'), ':filter cd-3 kept as the filter');
	assert.deepEqual(memberNamesShown(app), ['etcd-3']);
	await app.press('command-line');
	await app.send('filter');
	await waitFor(() => rawLinesOf(app.lastFrame()).at(-1)?.startsWith(':filter') === true, 2000, `typed:\n${app.frame()}`);
	await pressAndWait(app, 'command-run', () => app.frame().includes('/cd-3▏  1 of 4  (Enter keeps, Esc clears)'), 'bare :filter opens the line on the kept text');
});
