import {test} from 'node:test';
import assert from 'node:assert/strict';
import {neededLoads, windowCap, type KeyBrowserState} from '../../source/model/keys/key-browser-state.ts';
import {afterEntry} from '../../source/cluster/key-range.ts';
import {escapeKey} from '../../source/model/shared/key-text.ts';
import {entries, levelChanged, levelWith, linearizable, pageAnswer, record, reduce} from '../support/key-browser-fixtures.ts';

const names = (state: KeyBrowserState) => state.rows.map(row => escapeKey(row.bytes));
const selectedName = (state: KeyBrowserState) => escapeKey(state.rows[state.selected]!.bytes);
const keyNames = (from: number, count: number) => Array.from({length: count}, (_, index) => `k${String(from + index).padStart(6, '0')}`);

void test('a new level asks for its first page, then its key count; the page then asks for counts of the child prefixes in view', () => {
	const fresh = reduce(levelWith('/', []), {type: 'go', level: {prefix: Buffer.from('/a/'), filter: Buffer.alloc(0)}});
	assert.deepEqual(neededLoads(fresh, 10).map(load => load.type), ['page'], 'the count, a walk of the whole level in etcd, waits for the first page');
	const reading = reduce(fresh, ...neededLoads(fresh, 10).map(load => ({type: 'load-started' as const, load})));
	assert.deepEqual(neededLoads(reading, 10).map(load => load.type), [], 'nor does it start while the page is read');
	const shown = reduce(reading, pageAnswer(reading, 'start', entries('/a/', ['k1']), false));
	assert.deepEqual(neededLoads(shown, 10).map(load => load.type), ['total']);
	const read = levelWith('/a/', ['b/', 'c/', 'key']);
	const loads = neededLoads(read, 10);
	const counts = loads.find(load => load.type === 'counts');
	assert.deepEqual(counts?.type === 'counts' ? counts.prefixes.map(prefix => prefix.toString()) : [], ['/a/b/', '/a/c/']);
	const started = reduce(read, ...loads.map(load => ({type: 'load-started' as const, load})));
	assert.deepEqual(neededLoads(started, 10), [], 'nothing is asked twice');
});

void test('Enter on a prefix descends, Enter on a key opens it; Backspace closes the key, then goes up and selects the level it left', () => {
	let state = levelWith('/', ['a/', 'z/']);
	state = reduce(state, {type: 'move', step: 1, viewRows: 10}, {type: 'enter'});
	assert.equal(escapeKey(state.level.prefix), '/z/');
	assert.equal(state.rows.length, 0);
	state = reduce(state, pageAnswer(state, 'start', entries('/z/', ['k1', 'k2']), false));
	state = reduce(state, {type: 'move', step: 1, viewRows: 10}, {type: 'enter'});
	assert.equal(state.open?.key.toString(), '/z/k2');
	assert.deepEqual(neededLoads(state, 10).filter(load => load.type === 'value').length, 1);
	state = reduce(state, {type: 'value-loaded', key: Buffer.from('/z/k2'), record: record('/z/k2', '{"a":1}'), read: linearizable, revision: '9'});
	assert.equal(state.open?.record?.value.toString(), '{"a":1}');
	state = reduce(state, {type: 'up'});
	assert.equal(state.open, undefined);
	assert.equal(escapeKey(state.level.prefix), '/z/');
	state = reduce(state, {type: 'up'});
	assert.equal(escapeKey(state.level.prefix), '/');
	state = reduce(state, pageAnswer(state, 'start', entries('/', ['a/', 'z/']), false));
	assert.equal(selectedName(state), '/z/');
});

void test('answers for a level already left are dropped', () => {
	const old = levelWith('/', ['a/']);
	const moved = reduce(old, {type: 'enter'});
	const late = reduce(moved, pageAnswer(old, 'start', entries('/', ['stale']), false));
	assert.deepEqual(names(late), []);
});

void test('scrolling down reads ahead, keeps at most the window cap, and reads the dropped rows again from where they started when scrolling back', () => {
	let state = levelWith('/l/', keyNames(0, 100), true);
	state = reduce(state, {type: 'move', step: 70, viewRows: 20});
	const ahead = neededLoads(state, 20).find(load => load.type === 'page');
	assert.ok(ahead?.type === 'page' && ahead.direction === 'forward' && ahead.request.from === 'after');
	// The etcd layer starts the page just past the last row read.
	assert.equal(ahead.request.from === 'after' ? escapeKey(afterEntry(ahead.request.entry)) : '', '/l/k000099\\x00');
	for (let page = 1; page <= 6; page++) {
		state = reduce(state, pageAnswer(state, 'forward', entries('/l/', keyNames(page * 100, 100)), true));
		state = reduce(state, {type: 'move', step: 100, viewRows: 20});
	}

	assert.equal(state.rows.length, windowCap);
	assert.equal(state.hasBefore, true);
	assert.equal(selectedName(state), '/l/k000670');
	state = reduce(state, {type: 'move', step: -(state.selected), viewRows: 20});
	const back = neededLoads(state, 20).find(load => load.type === 'page');
	assert.ok(back?.type === 'page' && back.direction === 'backward');
	assert.deepEqual(back.request.from === 'at' ? [escapeKey(back.request.cursor), back.limit] : [], ['/l/k000000', 100]);
	state = reduce(state, pageAnswer(state, 'backward', entries('/l/', keyNames(0, 100)), true));
	assert.equal(names(state)[0], '/l/k000000');
	assert.equal(state.hasBefore, false);
	assert.equal(selectedName(state), '/l/k000100');
});

void test('End reads the last page when the level goes on; Home the first', () => {
	let state = levelWith('/l/', keyNames(0, 100), true);
	state = reduce(state, {type: 'end', viewRows: 20});
	assert.equal(state.pageWanted, 'end');
	state = reduce(state, pageAnswer(state, 'end', entries('/l/', keyNames(199_900, 100)), true));
	assert.equal(selectedName(state), '/l/k199999');
	assert.equal(state.hasBefore, true);
	state = reduce(state, {type: 'home'});
	assert.equal(state.pageWanted, 'start');
	const small = reduce(levelWith('/s/', ['a', 'b', 'c']), {type: 'end', viewRows: 20});
	assert.equal(selectedName(small), '/s/c');
});

void test('watched changes mark rows, insert new ones in key order with the selection kept, and keep the counts', () => {
	let state = levelWith('/a/', ['b/', 'd', 'f']);
	state = reduce(
		state,
		{type: 'move', step: 1, viewRows: 10},
		{type: 'count-loaded', generation: state.generation, prefix: Buffer.from('/a/b/'), count: {value: 3}},
		{type: 'total-loaded', generation: state.generation, count: {value: 5}},
	);
	const change = (kind: 'put' | 'delete', key: string, created: boolean, revision: string) => (levelChanged(state, {kind, key: Buffer.from(key), revision, created, record: undefined}));
	state = reduce(state, change('put', '/a/b/x/y', true, '101'), change('put', '/a/d', false, '102'), change('delete', '/a/f', false, '103'), change('put', '/a/c', true, '104'), change('put', '/elsewhere', true, '105'));
	assert.deepEqual(state.rows.map(row => [escapeKey(row.bytes), row.change?.kind, row.change?.revision]), [
		['/a/b/', 'updated', '101'],
		['/a/c', 'created', '104'],
		['/a/d', 'updated', '102'],
		['/a/f', 'deleted', '103'],
	]);
	assert.deepEqual(state.rows[0]!.count, {value: 4});
	assert.deepEqual(state.total, {value: 6});
	assert.equal(selectedName(state), '/a/d');
});

void test('a key created beyond the rows read is not inserted (it shows when its page is read)', () => {
	const state = levelWith('/a/', ['b', 'c'], true);
	const changed = reduce(state, levelChanged(state, {kind: 'put', key: Buffer.from('/a/z'), revision: '9', created: true, record: undefined}));
	assert.deepEqual(names(changed), ['/a/b', '/a/c']);
});

void test('a watched change to the open key replaces its value and marks it; a delete keeps the last value shown', () => {
	let state = reduce(levelWith('/a/', ['k']), {type: 'enter'});
	state = reduce(state, {type: 'value-loaded', key: Buffer.from('/a/k'), record: record('/a/k', 'one'), read: linearizable, revision: '7'});
	state = reduce(state, {type: 'open-key-changed', change: {kind: 'put', key: Buffer.from('/a/k'), revision: '8', created: false, record: record('/a/k', 'two', '8')}});
	assert.equal(state.open?.record?.value.toString(), 'two');
	assert.deepEqual(state.open?.change, {kind: 'updated', revision: '8'});
	state = reduce(state, {type: 'open-key-changed', change: {kind: 'delete', key: Buffer.from('/a/k'), revision: '9', created: false, record: undefined}});
	assert.equal(state.open?.record?.value.toString(), 'two');
	assert.deepEqual(state.open?.change, {kind: 'deleted', revision: '9'});
});

void test('the / line: typed text jumps to a prefix or filters the level; Esc cancels; Backspace clears a filter before going up', () => {
	let state = levelWith('/main/', ['config/']);
	state = reduce(state, {type: 'prompt-open'}, {type: 'prompt-type', text: 'config/pr'}, {type: 'prompt-erase'}, {type: 'prompt-type', text: 'r'}, {type: 'prompt-apply'});
	assert.deepEqual([escapeKey(state.level.prefix), escapeKey(state.level.filter)], ['/main/config/', 'pr']);
	assert.equal(state.prompt, undefined);
	state = reduce(state, {type: 'up'});
	assert.deepEqual([escapeKey(state.level.prefix), escapeKey(state.level.filter)], ['/main/config/', '']);
	const cancelled = reduce(state, {type: 'prompt-open'}, {type: 'prompt-type', text: '/x/'}, {type: 'prompt-cancel'});
	assert.equal(escapeKey(cancelled.level.prefix), '/main/config/');
	assert.equal(cancelled.generation, state.generation);
});

void test('a failed page is shown and not retried by itself; r reads the level again', () => {
	let state = levelWith('/', []);
	state = reduce(state, {type: 'reload'});
	state = reduce(state, ...neededLoads(state, 10).map(load => ({type: 'load-started' as const, load})), {type: 'page-failed', generation: state.generation, error: 'permission denied for / (user app)'});
	assert.equal(state.error, 'permission denied for / (user app)');
	assert.deepEqual(neededLoads(state, 10).filter(load => load.type === 'page'), []);
	state = reduce(state, {type: 'reload'});
	assert.equal(state.error, undefined);
	assert.equal(neededLoads(state, 10).filter(load => load.type === 'page').length, 1);
});

void test('the / line keeps only printable text, and refuses a bad \\x escape with its position, staying open to fix it', () => {
	let state = levelWith('/', ['a/']);
	state = reduce(state, {type: 'prompt-open'}, {type: 'prompt-type', text: '/a\u001B[31m\r\u202E/\\xZ'}, {type: 'prompt-apply'});
	assert.equal(state.prompt, '/a[31m/\\xZ');
	assert.match(state.promptProblem!, /bad escape "\\xZ" at position 8/);
	assert.equal(escapeKey(state.level.prefix), '/', 'nothing was read for a refused line');
	state = reduce(state, {type: 'prompt-erase'}, {type: 'prompt-erase'}, {type: 'prompt-type', text: 'x41'});
	assert.equal(state.promptProblem, undefined);
	state = reduce(state, {type: 'prompt-apply'});
	assert.equal(state.prompt, undefined);
	assert.equal(escapeKey(state.level.prefix), '/a[31m/');
	assert.equal(escapeKey(state.level.filter), 'A');
});
