import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useInput} from 'ink';
import {render} from 'ink-testing-library';
import {useSyncReducer} from '../../source/hooks/use-sync-reducer.ts';
import {initialLogViewState, logViewReducer, type LogViewState} from '../../source/model/logs/log-view.ts';
import {LogsPane, logsPageSize} from '../../source/ui/logs/LogsPane.tsx';
import {logsKeyEvent, logsKeymap, logsPaneTakesAllKeys, type LogsKeyChord} from '../../source/ui/logs/logs-keymap.ts';
import {linesOf, waitFor} from '../support/render.tsx';

const now = Date.UTC(2026, 10, 23, 13, 45);
const height = 7;
const lines = Array.from({length: 40}, (_, index) => `2026-11-23 13:45:00.000000 ${index % 10 === 0 ? 'W' : 'I'} | etcdserver: line ${index + 1}`);

/** The pane with its keys routed as the app routes them: the pane's table first, the rest ignored. */
function Harness({initial}: {initial: LogViewState}) {
	const [view, dispatch, read] = useSyncReducer(logViewReducer, initial);
	useInput((input, key) => {
		const event = logsKeyEvent(read(), input, key, logsPageSize(height));
		if (event !== undefined) {
			dispatch(event);
		}
	});
	return <LogsPane view={view} width={80} height={height} />;
}

/** What a terminal sends for a chord of the table. */
const sequences: Record<NonNullable<LogsKeyChord['named']>, string> = {
	tab: '\t',
	upArrow: '\u001B[A',
	downArrow: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	escape: '\u001B',
	return: '\r',
	backspace: '\b',
	delete: '\u007F',
};

function sequenceFor(command: string, chord = 0): string {
	const binding = logsKeymap.find(candidate => JSON.stringify(candidate.command) === command);
	const found = binding?.chords[chord];
	if (found === undefined) {
		throw new Error(`no chord ${chord} for ${command}`);
	}

	return found.named === undefined ? found.input! : sequences[found.named];
}

function setup() {
	const initial = logViewReducer(initialLogViewState(5000, {state: 'streaming', message: 'tailing a test', severity: 'ok'}, now), {type: 'append', lines, now});
	const rendered = render(<Harness initial={initial} />);
	const body = () => linesOf(rendered.lastFrame()).slice(1, -1).map(line => line.replace(/^\S+ [IW] /, ''));
	const status = () => linesOf(rendered.lastFrame()).at(-1)!;
	const press = async (sequence: string, check: () => void) => {
		rendered.stdin.write(sequence);
		await waitFor(check, 2000, `the frame after ${JSON.stringify(sequence)}`);
	};

	return {rendered, body, status, press};
}

test('the arrow keys, PgUp/PgDn, Home and End scroll the lines as a terminal sends them', async () => {
	const {rendered, body, press} = setup();
	try {
		const page = logsPageSize(height);
		await press(sequenceFor('{"type":"scroll-lines","step":-1}'), () => assert.equal(body().at(-1), 'line 39'));
		await press(sequenceFor('{"type":"scroll-lines","step":-1}', 1), () => assert.equal(body().at(-1), 'line 38'));
		await press(sequenceFor('{"type":"scroll-page","step":-1}'), () => assert.equal(body().at(-1), `line ${38 - page}`));
		await press(sequenceFor('{"type":"scroll-to","end":"oldest"}'), () => assert.deepEqual(body(), ['line 1', 'line 2', 'line 3', 'line 4', 'line 5']));
		await press(sequenceFor('{"type":"scroll-page","step":1}'), () => assert.equal(body().at(-1), `line ${page * 2}`));
		await press(sequenceFor('{"type":"scroll-lines","step":1}'), () => assert.equal(body().at(-1), `line ${(page * 2) + 1}`));
		await press(sequenceFor('{"type":"scroll-to","end":"newest"}'), () => assert.equal(body().at(-1), 'line 40'));
	} finally {
		rendered.unmount();
	}
});

test('f pauses and follows, w shows warnings only', async () => {
	const {rendered, body, status, press} = setup();
	try {
		await press(sequenceFor('{"type":"toggle-follow"}'), () => assert.match(status(), /^paused/));
		await press(sequenceFor('{"type":"toggle-follow"}'), () => assert.match(status(), /^follow on/));
		await press(sequenceFor('{"type":"toggle-warnings-only"}'), () => assert.deepEqual(body(), ['line 1', 'line 11', 'line 21', 'line 31', '']));
	} finally {
		rendered.unmount();
	}
});

test('/ opens a filter that takes every key, q and digits included; Backspace erases, Enter keeps, Esc restores', async () => {
	const {rendered, body, status, press} = setup();
	try {
		await press(sequenceFor('{"type":"filter-open"}'), () => assert.match(status(), /^\/ /));
		await press('line 3q', () => assert.match(status(), /^\/line 3q /));
		await press(sequences.delete, () => assert.match(status(), /^\/line 3 /));
		await press(sequences.backspace, () => assert.match(status(), /^\/line {2}/));
		await press('3', () => assert.deepEqual(body(), ['line 35', 'line 36', 'line 37', 'line 38', 'line 39']));
		await press(sequenceFor('{"type":"filter-apply"}'), () => assert.match(status(), /filter "line 3"/));
		await press(sequenceFor('{"type":"filter-open"}'), () => assert.match(status(), /^\/line 3 /));
		await press('9', () => assert.deepEqual(body(), ['line 39', '', '', '', '']));
		await press(sequenceFor('{"type":"filter-cancel"}'), () => assert.match(status(), /filter "line 3"/));
		await press(sequenceFor('{"type":"filter-clear"}'), () => assert.doesNotMatch(status(), /filter/));
	} finally {
		rendered.unmount();
	}
});

test('outside a filter the pane leaves other keys to the app', () => {
	const state = initialLogViewState(10, {state: 'streaming', message: '', severity: 'ok'}, now);
	const key = {ctrl: false, meta: false, shift: false} as Parameters<typeof logsKeyEvent>[2];
	assert.equal(logsKeyEvent(state, 'q', key, 5), undefined);
	assert.equal(logsKeyEvent(state, '1', key, 5), undefined);
	assert.equal(logsPaneTakesAllKeys(state), false);
	const typing = logViewReducer(state, {type: 'filter-open'});
	assert.equal(logsPaneTakesAllKeys(typing), true);
	assert.deepEqual(logsKeyEvent(typing, 'q', key, 5), {type: 'filter-type', text: 'q'});
});
