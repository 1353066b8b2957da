import {test} from 'node:test';
import assert from 'node:assert/strict';
import {activeText, filterLabel, filterRows, matchesText, noFilter, rowFilterReducer, type RowFilter, type RowFilterEvent} from '../../source/model/shared/row-filter.ts';

const run = (events: RowFilterEvent[], from: RowFilter = noFilter) => events.reduce(rowFilterReducer, from);

void test('typing builds a draft the table follows; Enter keeps it; Esc clears it, typed or kept', () => {
	const typing = run([{type: 'open'}, {type: 'type', text: 'Et'}, {type: 'type', text: 'cd-2x'}, {type: 'erase'}]);
	assert.deepEqual(typing, {text: '', draft: 'Etcd-2'});
	assert.equal(activeText(typing), 'Etcd-2');
	const kept = rowFilterReducer(typing, {type: 'keep'});
	assert.deepEqual(kept, {text: 'Etcd-2', draft: undefined});
	assert.deepEqual(run([{type: 'open'}], kept), {text: 'Etcd-2', draft: 'Etcd-2'}, 'opening again edits the kept text');
	assert.deepEqual(rowFilterReducer(kept, {type: 'clear'}), noFilter);
	assert.deepEqual(run([{type: 'open'}, {type: 'type', text: 'x'}, {type: 'clear'}], kept), noFilter);
	assert.deepEqual(rowFilterReducer(noFilter, {type: 'type', text: 'x'}), noFilter, 'nothing is typed unless the filter is open');
	assert.deepEqual(run([{type: 'open'}, {type: 'erase'}, {type: 'erase'}]), {text: '', draft: ''});
});

void test('a row matches when any cell holds the text, anywhere in it, whatever the case', () => {
	assert.ok(matchesText('CD-2', ['etcd-2', 'http://10.0.0.2:2379']));
	assert.ok(matchesText('0.0.2:', ['etcd-2', 'http://10.0.0.2:2379']));
	assert.ok(!matchesText('etcd-3', ['etcd-2', 'http://10.0.0.2:2379']));
	assert.ok(matchesText('', []));
	const rows = [{n: 'etcd-1'}, {n: 'etcd-2'}, {n: 'db-etcd-12'}];
	assert.deepEqual(filterRows(rows, {text: 'etcd-1', draft: undefined}, row => [row.n]).map(row => row.n), ['etcd-1', 'db-etcd-12']);
	assert.deepEqual(filterRows(rows, {text: 'etcd-1', draft: '2'}, row => [row.n]).map(row => row.n), ['etcd-2', 'db-etcd-12'], 'the draft wins while typing');
	assert.deepEqual(filterRows(rows, noFilter, row => [row.n]), rows);
});

void test('the label: nothing unfiltered, else the text and N of M, with a cursor while typing', () => {
	assert.equal(filterLabel(noFilter, 3, 3), '');
	assert.equal(filterLabel({text: 'etcd', draft: undefined}, 1, 3), '/etcd  1 of 3  (Esc clears)');
	assert.equal(filterLabel({text: '', draft: 'et'}, 2, 3), '/et▏  2 of 3  (Enter keeps, Esc clears)');
});
