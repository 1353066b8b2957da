import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {useSyncReducer} from '../../source/hooks/use-sync-reducer.ts';
import {initialLogViewState, logViewReducer, type LogViewEvent, type LogViewState} from '../../source/model/logs/log-view.ts';
import {LogsPane, logsPageSize} from '../../source/ui/logs/LogsPane.tsx';
import {keymap, panes} from '../../source/ui/app/keymap.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {routeKey} from '../../source/ui/keymap/route-key.ts';
import type {KeyPress} from '../../source/ui/keymap/terminal-keys.ts';
import {logsKeyLayer, type LogsCommand} from '../../source/ui/logs/logs-keymap.ts';
import {linesOf, sequencesFor, waitFor} from '../support/render.tsx';
import {useRoutedKeys} from '../support/routed-keys.ts';

const now = Date.UTC(2026, 10, 23, 13, 45);
const height = 7;
const lines = Array.from({length: 40}, (_, index) => `2026-11-23 13:45:00.000000 ${index % 10 === 0 ? 'W' : 'I'} | etcdserver: line ${index + 1}`);

/** The pane with its keys routed as the app routes them: the decoder, then routePress asking the pane's layer. */
function Harness({initial}: {initial: LogViewState}) {
	const [view, dispatch, read] = useSyncReducer(logViewReducer, initial);
	useRoutedKeys(() => [logsKeyLayer(read(), dispatch, logsPageSize(height))]);
	return <LogsPane view={view} width={80} height={height} />;
}

/** What a terminal sends for the first key of a Logs command. */
function sequenceFor(command: LogsCommand, chord = 0): string {
	const sequence = sequencesFor(command)[chord];
	if (sequence === undefined) {
		throw new Error(`no chord ${chord} for ${command}`);
	}

	return sequence;
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
		await press(sequenceFor('logs-line-up'), () => assert.equal(body().at(-1), 'line 39'));
		await press(sequenceFor('logs-line-up', 1), () => assert.equal(body().at(-1), 'line 38'));
		await press(sequenceFor('logs-page-up'), () => assert.equal(body().at(-1), `line ${38 - page}`));
		await press(sequenceFor('logs-oldest'), () => assert.deepEqual(body(), ['line 1', 'line 2', 'line 3', 'line 4', 'line 5']));
		await press(sequenceFor('logs-page-down'), () => assert.equal(body().at(-1), `line ${page * 2}`));
		await press(sequenceFor('logs-line-down'), () => assert.equal(body().at(-1), `line ${(page * 2) + 1}`));
		await press(sequenceFor('logs-newest'), () => assert.equal(body().at(-1), 'line 40'));
	} finally {
		rendered.unmount();
	}
});

test('f pauses and follows, w shows warnings only', async () => {
	const {rendered, body, status, press} = setup();
	try {
		await press(sequenceFor('logs-follow'), () => assert.match(status(), /^paused/));
		await press(sequenceFor('logs-follow'), () => assert.match(status(), /^follow on/));
		await press(sequenceFor('logs-warnings-only'), () => assert.deepEqual(body(), ['line 1', 'line 11', 'line 21', 'line 31', '']));
	} finally {
		rendered.unmount();
	}
});

test('/ opens a filter that takes every key, q and digits included; Backspace erases, Enter keeps, Esc restores', async () => {
	const {rendered, body, status, press} = setup();
	try {
		await press(sequenceFor('logs-filter-open'), () => assert.match(status(), /^\/ /));
		await press('line 3q', () => assert.match(status(), /^\/line 3q /));
		await press(chordBytes({named: 'delete'}), () => assert.match(status(), /^\/line 3 /));
		await press(chordBytes({named: 'backspace'}), () => assert.match(status(), /^\/line {2}/));
		await press('3', () => assert.deepEqual(body(), ['line 35', 'line 36', 'line 37', 'line 38', 'line 39']));
		await press(sequenceFor('logs-filter-apply'), () => assert.match(status(), /filter "line 3"/));
		await press(sequenceFor('logs-filter-open'), () => assert.match(status(), /^\/line 3 /));
		await press('9', () => assert.deepEqual(body(), ['line 39', '', '', '', '']));
		await press(sequenceFor('logs-filter-cancel'), () => assert.match(status(), /filter "line 3"/));
		await press(sequenceFor('logs-filter-clear'), () => assert.doesNotMatch(status(), /filter/));
	} finally {
		rendered.unmount();
	}
});

test('outside a filter the pane leaves other keys to the app; typing a filter, it takes them all', () => {
	const state = initialLogViewState(10, {state: 'streaming', message: '', severity: 'ok'}, now);
	const key = {ctrl: false, meta: false, shift: false} as KeyPress['key'];
	const route = (view: LogViewState, input: string) => {
		const events: LogViewEvent[] = [];
		const app: string[] = [];
		const layers = [logsKeyLayer(view, event => events.push(event), 5), {scope: 'global', run: (command: string) => app.push(command)}];
		routeKey({input, key}, layers, keymap, {readOnly: false, pane: panes[0]!, panes});
		return {events, app};
	};

	assert.deepEqual(route(state, 'q'), {events: [], app: ['quit']});
	assert.deepEqual(route(state, '1'), {events: [], app: ['members']});
	const typing = logViewReducer(state, {type: 'filter-open'});
	assert.deepEqual(route(typing, 'q'), {events: [{type: 'filter-type', text: 'q'}], app: []});
	assert.deepEqual(route(typing, '1'), {events: [{type: 'filter-type', text: '1'}], app: []});
});
