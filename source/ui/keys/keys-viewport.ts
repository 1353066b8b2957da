import type {KeyBrowserState} from '../../model/keys/key-browser-state.ts';
import {renderValue, type ValueView} from '../../model/keys/value-view.ts';
import type {KeysViewport} from './keys-keymap.ts';

/** Lines the pane spends around its body: breadcrumb, status, footer. */
const chromeLines = 3;
/** Lines above an open value: its key, and its metadata. */
const valueHeaderLines = 2;

/** The value as the pane draws it at this width, or undefined when no value is read. */
export function openValueView(state: Pick<KeyBrowserState, 'open'>, width: number): ValueView | undefined {
	const record = state.open?.record;
	return record === undefined ? undefined : renderValue(record.value, width);
}

/** How many rows the list and the value get at this size, and how far the value scrolls. */
export function keysViewport(state: Pick<KeyBrowserState, 'open' | 'prompt'>, width: number, height: number, value: ValueView | undefined = openValueView(state, width)): KeysViewport {
	const body = Math.max(1, height - chromeLines - (state.prompt === undefined ? 0 : 1));
	const valueRows = Math.max(1, body - valueHeaderLines - (value?.truncation === undefined ? 0 : 1));
	return {listRows: body, valueRows, valueMaxOffset: Math.max(0, (value?.lines.length ?? 0) - valueRows)};
}

/** The first row shown: the state's hint, moved so the selection is in sight and the end not left blank. */
export function firstShownRow(state: Pick<KeyBrowserState, 'top' | 'selected' | 'rows'>, listRows: number): number {
	const low = Math.max(0, state.selected - listRows + 1);
	const high = Math.max(low, Math.min(state.selected, Math.max(0, state.rows.length - listRows)));
	return Math.min(Math.max(state.top, low), high);
}
