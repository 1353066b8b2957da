import React from 'react';
import {Box} from 'ink';
import {Text} from './text.tsx';
import type {Column, Row, RowTone} from '../../model/shared/table.ts';
import {safeText} from '../../model/shared/safe-text.ts';
import {columnGap, fitColumns, truncate} from './fit-columns.ts';
import {wrapWords} from './wrap-words.ts';

export interface DataTableProps<Key extends string> {
	columns: ReadonlyArray<Column<Key>>;
	rows: ReadonlyArray<Row<Key>>;
	width: number;
	/** Lines available, header included. */
	height: number;
	selectedId: string | undefined;
	emptyText: string;
	/** The table's `/` filter, as filterLabel writes it: shown first on the footer line; empty when unfiltered. */
	filterLabel?: string;
}

const markerWidth = 2;
const selectedMarker = '› ';
const unselectedMarker = '  ';

const toneColor: Record<RowTone, string | undefined> = {normal: undefined, warning: 'yellow', error: 'red'};

function pad(text: string, width: number, align: 'left' | 'right'): string {
	const cut = truncate(text, width);
	return align === 'right' ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * A one-line-per-row table that fits its width: low-priority columns hide and long ones shrink rather
 * than wrap, the selected row is shown inverse and kept in view.
 */
export function DataTable<Key extends string>({columns, rows: given, width, height, selectedId, emptyText, filterLabel = ''}: DataTableProps<Key>) {
	// Cells hold member names, URLs and etcd's errors: sanitized before they are measured, so columns fit what is drawn.
	const rows = given.map(row => ({...row, cells: Object.fromEntries(Object.entries<string>(row.cells).map(([key, cell]) => [key, safeText(cell)])) as Record<Key, string>}));
	// Two cells for the selection marker, so the selected row shows without colour too.
	const fitted = fitColumns(columns, rows.map(row => row.cells), width - markerWidth);
	const gap = ' '.repeat(columnGap);
	const line = (cells: Record<Key, string>) => fitted.columns.map(({column, width: columnWidth}) => pad(cells[column.key], columnWidth, column.align)).join(gap);
	const titles = Object.fromEntries(columns.map(column => [column.key, column.title])) as Record<Key, string>;

	const selected = rows.find(row => row.id === selectedId);
	// Whole, wrapped: an error cut short is the part the operator needed. At least one row stays in view.
	const detailLines = selected?.detail === undefined ? [] : wrapWords(selected.detail, width).slice(0, Math.max(1, height - 3));
	const bodyHeight = Math.max(1, height - 2 - detailLines.length);
	const selectedIndex = Math.max(0, rows.findIndex(row => row.id === selectedId));
	const first = Math.min(Math.max(0, selectedIndex - bodyHeight + 1), Math.max(0, rows.length - bodyHeight));
	const visibleRows = rows.slice(first, first + bodyHeight);
	const below = rows.length - first - visibleRows.length;
	const footer = [
		filterLabel,
		first > 0 ? `↑ ${first} more` : '',
		below > 0 ? `↓ ${below} more` : '',
		fitted.hidden.length > 0 ? `hidden: ${fitted.hidden.map(column => column.title).join(', ')}` : '',
	].filter(part => part !== '').join('  ');

	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">
				{unselectedMarker}
				{line(titles)}
			</Text>
			{rows.length === 0 ? <Text dimColor>{filterLabel === '' ? emptyText : 'no row matches the filter'}</Text> : null}
			{visibleRows.map(row => (
				<Text key={row.id} wrap="truncate" color={toneColor[row.tone]} inverse={row.id === selectedId}>
					{row.id === selectedId ? selectedMarker : unselectedMarker}
					{line(row.cells)}
				</Text>
			))}
			{footer === '' ? null : <Text dimColor wrap="truncate">{footer}</Text>}
			{detailLines.map((text, index) => (
				// Two wrapped lines can read alike: their place is their identity.
				<Text key={index} wrap="truncate" color={toneColor[selected!.tone]}>
					{text}
				</Text>
			))}
		</Box>
	);
}
