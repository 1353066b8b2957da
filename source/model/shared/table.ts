/** A column of a member table, in etcdctl's own words so runbooks and screens agree. */
export interface Column<Key extends string> {
	key: Key;
	title: string;
	align: 'left' | 'right';
	/** When the terminal is narrow, lower priorities are hidden first. */
	priority: number;
	/** May be cut short (with …) rather than hidden. */
	shrinkable: boolean;
}

export type RowTone = 'normal' | 'error' | 'warning';

export interface Row<Key extends string> {
	/** Stable identity for selection: the member ID or, failing that, the endpoint. */
	id: string;
	cells: Record<Key, string>;
	tone: RowTone;
	/** Shown in full under the table while the row is selected: what is wrong, when a cell may be cut short. */
	detail?: string;
}
