import Table from 'cli-table3';
import {safeText} from '../model/shared/safe-text.ts';
import type {Column, Row} from '../model/shared/table.ts';

const etcdctlBorders = {
	top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
	bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
	left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};

/**
 * A table drawn the way `etcdctl -w table` draws one, so output pasted into a ticket looks familiar, as
 * its lines. Cells are sanitized before they are measured: a newline in a member name stays in its row.
 */
export function textTable<Key extends string>(columns: ReadonlyArray<Column<Key>>, rows: ReadonlyArray<Row<Key>>): string[] {
	const table = new Table({
		head: columns.map(column => column.title),
		colAligns: columns.map(column => column.align),
		style: {head: [], border: [], compact: true},
		chars: etcdctlBorders,
	});
	for (const row of rows) {
		table.push(columns.map(column => safeText(row.cells[column.key])));
	}

	return table.toString().split('\n');
}
