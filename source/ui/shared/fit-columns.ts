import type {Column} from '../../model/shared/table.ts';

export interface FittedColumn<Key extends string> {
	column: Column<Key>;
	width: number;
}

export interface FittedTable<Key extends string> {
	columns: Array<FittedColumn<Key>>;
	hidden: Array<Column<Key>>;
}

/** Space between two columns. */
export const columnGap = 2;
/** A shrinkable column is hidden rather than cut below this (a whole http://host:port usually fits). */
const minimumShrunkWidth = 24;

/**
 * Chooses columns and widths for a table `width` cells wide: every column as wide as its widest cell;
 * when that does not fit, hide the lowest-priority columns that may not shrink, then cut the widest
 * shrinkable columns down (never below 24 cells, or their title). Cells wider than their column are cut with … by the view.
 */
export function fitColumns<Key extends string>(
	columns: ReadonlyArray<Column<Key>>,
	rows: ReadonlyArray<Record<Key, string>>,
	width: number,
): FittedTable<Key> {
	const natural = new Map(columns.map(column => [column.key, Math.max(column.title.length, ...rows.map(row => row[column.key].length))]));
	let visible = [...columns];
	const hidden: Array<Column<Key>> = [];
	const minimum = (column: Column<Key>) => (column.shrinkable ? Math.min(natural.get(column.key)!, Math.max(minimumShrunkWidth, column.title.length)) : natural.get(column.key)!);
	const total = (widthOf: (column: Column<Key>) => number) => visible.reduce((sum, column) => sum + widthOf(column), 0) + (columnGap * Math.max(0, visible.length - 1));

	while (visible.length > 1 && total(minimum) > width) {
		const victim = [...visible].sort((a, b) => a.priority - b.priority)[0]!;
		visible = visible.filter(column => column !== victim);
		hidden.push(victim);
	}

	const widths = new Map(visible.map(column => [column.key, natural.get(column.key)!]));
	let excess = total(column => widths.get(column.key)!) - width;
	while (excess > 0) {
		const widest = visible
			.filter(column => column.shrinkable && widths.get(column.key)! > minimum(column))
			.sort((a, b) => widths.get(b.key)! - widths.get(a.key)!)[0];
		if (widest === undefined) {
			break;
		}

		widths.set(widest.key, widths.get(widest.key)! - 1);
		excess--;
	}

	return {columns: visible.map(column => ({column, width: widths.get(column.key)!})), hidden};
}

/** Cuts text to `width` cells, marking the cut with …. */
export function truncate(text: string, width: number): string {
	if (text.length <= width) {
		return text;
	}

	return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}
