import {test} from 'node:test';
import assert from 'node:assert/strict';
import {neededLoads} from '../../source/model/keys/key-browser-state.ts';
import {levelPosition} from '../../source/model/keys/key-position.ts';
import {entries, levelChanged, levelWith, pageAnswer, record, reduce} from '../support/key-browser-fixtures.ts';

const keyNames = (from: number, count: number) => Array.from({length: count}, (_, index) => `k${String(from + index).padStart(3, '0')}`);

void test('G on the 120th of 120 keys: the page above is read too, and the counter says row 120 of 120', () => {
	let state = levelWith('/l/', keyNames(0, 100), true);
	assert.equal(levelPosition(state), 'row 1 · 100 read, more below');
	state = reduce(state, {type: 'end', viewRows: 20});
	state = reduce(state, pageAnswer(state, 'end', entries('/l/', keyNames(20, 100)), true));
	// Where the last 100 rows stand is not known yet: counted from the end, never "row 100 of 100".
	assert.equal(levelPosition(state), 'last row · more above');
	const above = neededLoads(state, 20).find(load => load.type === 'page');
	assert.ok(above?.type === 'page' && above.direction === 'backward', JSON.stringify(above));
	state = reduce(state, {type: 'load-started', load: above}, pageAnswer(state, 'backward', entries('/l/', keyNames(0, 20)), false));
	assert.equal(levelPosition(state), 'row 120 of 120');
	state = reduce(state, {type: 'move', step: -5, viewRows: 20});
	assert.equal(levelPosition(state), 'row 115 of 120');
	assert.equal(neededLoads(state, 20).filter(load => load.type === 'page').length, 0, 'placed: nothing more is read');
});

void test('scrolled past the window cap, the row number counts the rows dropped above', () => {
	let state = levelWith('/l/', keyNames(0, 100), true);
	for (let page = 1; page <= 7; page++) {
		state = reduce(state, {type: 'move', step: 100, viewRows: 20});
		state = reduce(state, pageAnswer(state, 'forward', entries('/l/', keyNames(page * 100, 100)), page < 7));
	}

	state = reduce(state, {type: 'end', viewRows: 20});
	assert.equal(state.rows.length, 600);
	assert.equal(levelPosition(state), 'row 800 of 800');
	// Created above the rows kept: a key is one row more; under a prefix it may be a new row or not.
	const created = (key: string) => levelChanged(state, {kind: 'put', key: Buffer.from(key), revision: '900', created: true, record: record(key, 'x')});
	assert.equal(levelPosition(reduce(state, created('/l/k000a'))), 'row 801 of 801');
	assert.equal(levelPosition(reduce(state, created('/l/k000a/child'))), 'last row · more above');
});

void test('a level of one page; a level placed by reading backward to its start; a key created in the window', () => {
	assert.equal(levelPosition(levelWith('/l/', ['a', 'b'])), 'row 1 of 2');
	assert.equal(levelPosition(levelWith('/l/', [])), '');
	let state = levelWith('/l/', keyNames(0, 100), true);
	state = reduce(state, {type: 'end', viewRows: 20});
	state = reduce(state, pageAnswer(state, 'end', entries('/l/', keyNames(50, 100)), true));
	state = reduce(state, pageAnswer(state, 'backward', entries('/l/', keyNames(10, 40)), true));
	assert.equal(levelPosition(state), 'last row · more above', 'the rows above the 140 read are not placed');
	state = reduce(state, pageAnswer(state, 'backward', entries('/l/', keyNames(0, 10)), false));
	assert.equal(levelPosition(state), 'row 150 of 150');
	state = reduce(state, levelChanged(state, {kind: 'put', key: Buffer.from('/l/a-new'), revision: '200', created: true, record: record('/l/a-new', 'x')}));
	assert.equal(levelPosition(state), 'row 151 of 151', 'inserted into the window: the rows read grow');
});
