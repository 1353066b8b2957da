import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {KeyBrowserState} from '../../source/model/keys/key-browser-state.ts';
import {KeysPane} from '../../source/ui/keys/KeysPane.tsx';
import {cells, rawLinesOf} from '../support/render.tsx';
import {entries, levelChanged, levelWith, linearizable, pageAnswer, record, reduce} from '../support/key-browser-fixtures.ts';

function draw(state: KeyBrowserState | undefined, width = 80, height = 16, startError?: string): string[] {
	const {lastFrame, unmount} = render(<KeysPane state={state} startError={startError} width={width} height={height} />);
	try {
		return rawLinesOf(lastFrame());
	} finally {
		unmount();
	}
}

function descendTwoLevelsAndOpen(): KeyBrowserState {
	let state = levelWith('/', ['main/', 'other/']);
	state = reduce(state, {type: 'count-loaded', generation: state.generation, prefix: Buffer.from('/main/'), count: {value: 12_345}}, {type: 'enter'});
	state = reduce(state, pageAnswer(state, 'start', entries('/main/', ['config/', 'queries/']), false), {type: 'enter'});
	state = reduce(state, pageAnswer(state, 'start', entries('/main/config/', ['props', 'schema']), false), {type: 'enter'});
	return reduce(state, {type: 'value-loaded', key: Buffer.from('/main/config/props'), record: record('/main/config/props', '{"name":"deephaven","workers":4,"tags":["a"]}'), read: linearizable, revision: '9'});
}

void test('the level lists child prefixes with their counts and keys, the selected row marked, under a breadcrumb', () => {
	let state = levelWith('/', ['main/', 'other/', 'plain-key']);
	state = reduce(state, {type: 'count-loaded', generation: state.generation, prefix: Buffer.from('/main/'), count: {value: 12_345}}, {type: 'total-loaded', generation: state.generation, count: {value: 12_400}, read: linearizable});
	const lines = draw(state);
	assert.equal(lines[0], '/');
	assert.equal(lines[1], '12,400 keys  ·  linearizable reads');
	assert.match(lines[2]!, /^› {3}main\/ +12,345 keys$/);
	assert.match(lines[3]!, /^ {4}other\/ +…$/);
	assert.equal(lines[4]!.trimEnd(), '    plain-key');
	assert.ok(lines.every(line => cells(line) <= 80), lines.join('\n'));
});

void test('descending two levels and opening a JSON key shows the breadcrumb, the metadata and the value pretty-printed', () => {
	const lines = draw(descendTwoLevelsAndOpen());
	assert.equal(lines[0], '/ › main/ › config/');
	assert.equal(lines[2], '/main/config/props  ·  json · 45 B');
	assert.equal(lines[3], 'create rev 5 · mod rev 7 · version 2 · lease none');
	assert.deepEqual(lines.slice(4, 12), ['{', '  "name": "deephaven",', '  "workers": 4,', '  "tags": [', '    "a"', '  ]', '}', '']);
});

void test('a value scrolled down starts at its scroll line; a change seen by the watch is called out', () => {
	let state = descendTwoLevelsAndOpen();
	state = reduce(state, {type: 'scroll-value', step: 2, maxOffset: 3}, {type: 'open-key-changed', change: {kind: 'put', key: Buffer.from('/main/config/props'), revision: '12', created: false, record: {...record('/main/config/props', '{"name":"deephaven","workers":5,"tags":["a"]}', '12')}}});
	const lines = draw(state);
	assert.equal(lines[3], 'create rev 5 · mod rev 12 · version 2 · lease none  CHANGED at rev 12');
	assert.equal(lines[4], '  "workers": 5,');
});

void test('a non-UTF-8 key is shown escaped, a binary value as hex with its printable side', () => {
	let state = levelWith('/bin/', []);
	const key = Buffer.from([0x2F, 0x62, 0x69, 0x6E, 0x2F, 0xFF, 0x01]);
	state = reduce(state, pageAnswer(state, 'start', [{kind: 'key', bytes: key}], false), {type: 'enter'});
	state = reduce(state, {type: 'value-loaded', key, record: {...record('', ''), key, value: Buffer.from([0x00, 0x41, 0x1B])}, read: linearizable, revision: '3'});
	const lines = draw(state);
	assert.equal(lines[2], '/bin/\\xff\\x01  ·  binary · 3 B');
	assert.equal(lines[4]!.trimEnd(), '00000000  00 41 1b                                         .A.');
});

void test('rows a watch saw change carry a mark; an error shows under the rows; stale reads are labelled', () => {
	let state = levelWith('/a/', ['b', 'c']);
	state = reduce(
		state,
		levelChanged(state, {kind: 'delete', key: Buffer.from('/a/b'), revision: '40', created: false, record: undefined}),
		levelChanged(state, {kind: 'put', key: Buffer.from('/a/bb'), revision: '41', created: true, record: undefined}),
		{type: 'total-loaded', generation: state.generation, count: {value: 2}, read: {mode: 'serializable', endpoint: 'http://10.0.0.3:2379', reason: 'no quorum'}},
		{type: 'move', step: 2, viewRows: 10},
		{type: 'end', viewRows: 10},
	);
	state = {...state, error: 'http://10.0.0.3:2379: connection refused'};
	const lines = draw(state, 100);
	assert.match(lines[1]!, /STALE: no quorum/);
	assert.match(lines[2]!, /^ {2}- b +deleted r40$/);
	assert.match(lines[3]!, /^ {2}\+ bb +created r41$/);
	assert.match(lines[4]!, /^› {3}c/);
	assert.equal(lines[5], 'http://10.0.0.3:2379: connection refused');
});

void test('the / line shows what is typed; before the start is known the pane says so, or why it could not start', () => {
	const state = reduce(levelWith('/a/', ['b']), {type: 'prompt-open'}, {type: 'prompt-type', text: '/main/con'});
	const lines = draw(state, 100);
	assert.ok(lines.some(line => line.startsWith('/ /main/con   Enter go · Esc cancel')), lines.join('\n'));
	assert.deepEqual(draw(undefined), ['finding where the keys start…']);
	assert.deepEqual(draw(undefined, 80, 16, 'no endpoint answered'), ['no endpoint answered']);
});

void test('the footer counts the level\'s rows: after G on the 120th of 120 keys it says row 120 of 120', () => {
	const names = Array.from({length: 120}, (_, index) => `k${String(index).padStart(3, '0')}`);
	let state = levelWith('/l/', names.slice(0, 100), true);
	state = reduce(state, {type: 'end', viewRows: 10}, pageAnswer(state, 'end', entries('/l/', names.slice(20)), true));
	assert.match(draw(state).at(-1)!, /^last row · more above · Enter open/);
	state = reduce(state, pageAnswer(state, 'backward', entries('/l/', names.slice(0, 20)), false));
	const lines = draw(state);
	assert.match(lines.at(-1)!, /^row 120 of 120 · Enter open/);
	assert.ok(lines.some(line => line.startsWith('› ') && line.includes('k119')), lines.join('\n'));
});
