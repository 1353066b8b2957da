import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {columnGap, fitColumns, truncate, type FittedTable} from '../../source/ui/shared/fit-columns.ts';
import {endpointColumns} from '../../source/model/cluster/member-rows.ts';
import type {Column} from '../../source/model/shared/table.ts';

type Key = 'id' | 'name' | 'endpoint' | 'version' | 'errors';

const columns: ReadonlyArray<Column<Key>> = [
	{key: 'id', title: 'ID', align: 'left', priority: 9, shrinkable: false},
	{key: 'name', title: 'NAME', align: 'left', priority: 10, shrinkable: true},
	{key: 'endpoint', title: 'ENDPOINT', align: 'left', priority: 8, shrinkable: true},
	{key: 'version', title: 'VERSION', align: 'left', priority: 2, shrinkable: false},
	{key: 'errors', title: 'ERRORS', align: 'left', priority: 5, shrinkable: true},
];

const rows: ReadonlyArray<Record<Key, string>> = [
	// id 16, name 30, endpoint 40, version 7 (title), errors 50
	{id: 'f4cae113bfb16b34', name: 'etcd-member-with-a-long-name-1', endpoint: 'https://etcd-0.a-rather-long-domain:2379', version: '3.5.17', errors: 'x'.repeat(50)},
	{id: '8e9e05c52164694d', name: 'etcd-b', endpoint: 'http://10.0.0.2:2379', version: '3.5.17', errors: ''},
];

const natural = {id: 16, name: 30, endpoint: 40, version: 7, errors: 50};
const naturalTotal = 16 + 30 + 40 + 7 + 50 + (4 * columnGap);

function widths(table: FittedTable<Key>): Partial<Record<Key, number>> {
	return Object.fromEntries(table.columns.map(item => [item.column.key, item.width]));
}

function used(table: FittedTable<Key>): number {
	return table.columns.reduce((sum, item) => sum + item.width, 0) + (columnGap * Math.max(0, table.columns.length - 1));
}

void describe('fitColumns', () => {
	void test('with room, every column is as wide as its widest cell or title, in order', () => {
		const table = fitColumns(columns, rows, 200);
		assert.deepEqual(widths(table), natural);
		assert.deepEqual(table.columns.map(item => item.column.key), ['id', 'name', 'endpoint', 'version', 'errors']);
		assert.deepEqual(table.hidden, []);
		assert.equal(used(table), naturalTotal);
	});

	void test('exactly enough room changes nothing', () => {
		const table = fitColumns(columns, rows, naturalTotal);
		assert.deepEqual(widths(table), natural);
		assert.deepEqual(table.hidden, []);
	});

	void test('a little too narrow: the widest shrinkable column gives way first, nothing is hidden', () => {
		const table = fitColumns(columns, rows, naturalTotal - 10);
		assert.deepEqual(table.hidden, []);
		assert.deepEqual(widths(table), {...natural, errors: 40});
		assert.equal(used(table), naturalTotal - 10);
	});

	void test('shrinking evens out the widest shrinkable columns', () => {
		// 30 cells less: errors goes 50 → 40 to meet endpoint, then both shrink together.
		const table = fitColumns(columns, rows, naturalTotal - 30);
		const fitted = widths(table);
		assert.equal(fitted.id, 16);
		assert.equal(fitted.version, 7);
		assert.equal(fitted.name, 30);
		assert.ok(Math.abs(fitted.errors! - fitted.endpoint!) <= 1, JSON.stringify(fitted));
		assert.equal(fitted.errors! + fitted.endpoint!, 60);
		assert.equal(used(table), naturalTotal - 30);
	});

	void test('shrinkable columns stop at 24 cells; then the lowest priority is hidden first', () => {
		// At minimum widths: 16 + 24 + 24 + 7 + 24 + 8 gaps = 103.
		const atMinimum = fitColumns(columns, rows, 103);
		assert.deepEqual(atMinimum.hidden, []);
		assert.deepEqual(widths(atMinimum), {id: 16, name: 24, endpoint: 24, version: 7, errors: 24});

		const oneLess = fitColumns(columns, rows, 102);
		assert.deepEqual(oneLess.hidden.map(column => column.key), ['version']);
		assert.equal(used(oneLess), 102);
		assert.ok(Object.values(widths(oneLess)).every(width => width >= 16));
	});

	void test('columns go in priority order as the width falls, and the result never exceeds the width', () => {
		let previousHidden: Key[] = [];
		// Down to 24: below that, even the last column (NAME, at least 24 cells) cannot fit.
		for (let width = naturalTotal + 5; width >= 24; width--) {
			const table = fitColumns(columns, rows, width);
			assert.ok(used(table) <= width, `width ${width}: used ${used(table)}`);
			const hidden = table.hidden.map(column => column.key);
			// Hidden columns only accumulate, lowest priority first.
			assert.deepEqual(hidden.slice(0, previousHidden.length), previousHidden, `width ${width}`);
			previousHidden = hidden;
			for (const item of table.columns) {
				const minimum = item.column.shrinkable ? Math.min(natural[item.column.key], 24) : natural[item.column.key];
				assert.ok(item.width >= minimum, `width ${width}: ${item.column.key} is ${item.width}`);
			}
		}

		assert.deepEqual(previousHidden, ['version', 'errors', 'endpoint', 'id']);
	});

	void test('a shrinkable column narrower than 24 cells is never cut', () => {
		const narrowRows = [{id: 'f4cae113bfb16b34', name: 'etcd-a', endpoint: 'http://10.0.0.1:2379', version: '3.5.17', errors: ''}];
		const table = fitColumns(columns, narrowRows, 60);
		for (const item of table.columns) {
			assert.equal(item.width, Math.max(item.column.title.length, ...narrowRows.map(row => row[item.column.key].length)));
		}
	});

	void test('a shrinkable column is not cut below its title when the title is longer than 24', () => {
		const longTitle: ReadonlyArray<Column<'a' | 'b'>> = [
			{key: 'a', title: 'A-VERY-LONG-COLUMN-TITLE-OF-30', align: 'left', priority: 10, shrinkable: true},
			{key: 'b', title: 'B', align: 'left', priority: 1, shrinkable: false},
		];
		const table = fitColumns(longTitle, [{a: 'y'.repeat(60), b: 'b'}], 33);
		assert.deepEqual(table.columns.map(item => [item.column.key, item.width]), [['a', 30], ['b', 1]]);
		// One cell less: B goes, and A alone takes the whole width.
		const narrower = fitColumns(longTitle, [{a: 'y'.repeat(60), b: 'b'}], 32);
		assert.deepEqual(narrower.columns.map(item => [item.column.key, item.width]), [['a', 32]]);
		assert.deepEqual(narrower.hidden.map(column => column.key), ['b']);
		// Narrower than the title: A keeps its title's width rather than being cut below it.
		const tooNarrow = fitColumns(longTitle, [{a: 'y'.repeat(60), b: 'b'}], 20);
		assert.deepEqual(tooNarrow.columns.map(item => [item.column.key, item.width]), [['a', 30]]);
	});

	void test('the last column is kept even when it cannot fit', () => {
		const table = fitColumns(columns, rows, 5);
		assert.equal(table.columns.length, 1);
		assert.equal(table.columns[0]!.column.key, 'name');
		assert.equal(table.hidden.length, 4);
	});

	void test('no rows: titles set the widths', () => {
		const table = fitColumns(endpointColumns, [], 500);
		assert.deepEqual(
			table.columns.map(item => item.width),
			endpointColumns.map(column => column.title.length),
		);
	});
});

void describe('truncate', () => {
	void test('text that fits is unchanged', () => {
		assert.equal(truncate('etcd-a', 6), 'etcd-a');
		assert.equal(truncate('etcd-a', 60), 'etcd-a');
		assert.equal(truncate('', 0), '');
	});

	void test('text that does not fit is cut to the width, ending in …', () => {
		assert.equal(truncate('http://10.0.0.1:2379', 10), 'http://10…');
		assert.equal(truncate('http://10.0.0.1:2379', 10).length, 10);
		assert.equal(truncate('abc', 2), 'a…');
	});

	void test('at widths of 1 and 0 there is no room for the mark', () => {
		assert.equal(truncate('abc', 1), 'a');
		assert.equal(truncate('abc', 0), '');
	});
});
