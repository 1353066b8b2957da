/**
 * The `/` filter of a table: the text kept, and a draft while it is being typed (the table follows the
 * draft as it is typed). Pure; every table pane keeps one.
 */
export interface RowFilter {
	text: string;
	/** Undefined unless the filter is being typed. */
	draft: string | undefined;
}

export type RowFilterEvent =
	| {type: 'open'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'keep'}
	| {type: 'clear'}
	/** `:filter TEXT`: kept at once, nothing left being typed. */
	| {type: 'set'; text: string};

export const noFilter: RowFilter = {text: '', draft: undefined};

export function rowFilterReducer(state: RowFilter, event: RowFilterEvent): RowFilter {
	switch (event.type) {
		case 'open': {
			return {...state, draft: state.text};
		}

		case 'type': {
			return state.draft === undefined ? state : {...state, draft: state.draft + event.text};
		}

		case 'erase': {
			return state.draft === undefined ? state : {...state, draft: [...state.draft].slice(0, -1).join('')};
		}

		case 'keep': {
			return {text: state.draft ?? state.text, draft: undefined};
		}

		case 'clear': {
			return noFilter;
		}

		case 'set': {
			return {text: event.text, draft: undefined};
		}
	}
}

/** The text rows are matched against now: the draft while typing, else the kept text. */
export function activeText(filter: RowFilter): string {
	return filter.draft ?? filter.text;
}

/** Whether any of `cells` holds `text`, ignoring case; an empty text matches everything. */
export function matchesText(text: string, cells: readonly string[]): boolean {
	const needle = text.toLocaleLowerCase('en');
	return needle === '' || cells.some(cell => cell.toLocaleLowerCase('en').includes(needle));
}

/** The rows whose cells hold the filter's text (substring, case-insensitive), in their order. */
export function filterRows<Row>(rows: readonly Row[], filter: RowFilter, cellsOf: (row: Row) => readonly string[]): Row[] {
	const text = activeText(filter);
	return text === '' ? [...rows] : rows.filter(row => matchesText(text, cellsOf(row)));
}

/** A table's rows under the filter (any cell may hold the text), and the label that says so. */
export function filterTable<Row extends {cells: Readonly<Record<string, string>>}>(rows: readonly Row[], filter: RowFilter): {rows: Row[]; label: string} {
	const shown = filterRows(rows, filter, row => Object.values(row.cells));
	return {rows: shown, label: filterLabel(filter, shown.length, rows.length)};
}

/** How a table says it is filtered: `/text  N of M` (with a cursor while typing); empty when it is not. */
export function filterLabel(filter: RowFilter, shown: number, total: number): string {
	if (filter.draft === undefined && filter.text === '') {
		return '';
	}

	const text = filter.draft === undefined ? filter.text : `${filter.draft}▏`;
	const hint = filter.draft === undefined ? 'Esc clears' : 'Enter keeps, Esc clears';
	return `/${text}  ${shown} of ${total}  (${hint})`;
}
