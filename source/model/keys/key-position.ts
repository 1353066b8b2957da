import {formatCount} from '../shared/format.ts';
import type {KeyBrowserState} from './key-browser-types.ts';

/**
 * Where the selection stands in the level, as far as the reads tell: its row number among the level's
 * rows and how many the level has once both ends were read ("row 120 of 120"); the rows read so far
 * when the end is not ("row 7 · 600 read, more below"); counted from the end after a jump there, until
 * the rows above are placed. Empty when the level shows no rows.
 */
export function levelPosition(state: Pick<KeyBrowserState, 'rows' | 'selected' | 'offset' | 'hasBefore' | 'hasAfter'>): string {
	const {rows, selected, offset, hasAfter} = state;
	if (rows.length === 0) {
		return '';
	}

	if (offset !== undefined) {
		const row = `row ${formatCount(offset + selected + 1)}`;
		const read = offset + rows.length;
		return hasAfter ? `${row} · ${formatCount(read)} read, more below` : `${row} of ${formatCount(read)}`;
	}

	if (!hasAfter) {
		const fromEnd = rows.length - selected;
		return `${fromEnd === 1 ? 'last row' : `row ${formatCount(fromEnd)} from the end`} · more above`;
	}

	return `${formatCount(rows.length)} rows read here · more above and below`;
}
