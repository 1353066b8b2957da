import type {Confirmation} from '../../model/actions/member-action-checks.ts';
import {noFilter, rowFilterReducer, type RowFilter, type RowFilterEvent} from '../../model/shared/row-filter.ts';
import {panes, type PaneId} from './panes.ts';
import {snapshotFormReducer, type SnapshotForm, type SnapshotFormEvent} from '../snapshots/snapshot-dialog-state.ts';

/** The panes in the order Tab visits them. */
const paneOrder: readonly PaneId[] = panes.map(pane => pane.id);

/** A write waiting for the operator's yes, or already on its way. */
export interface ConfirmDialogState {
	confirmation: Confirmation;
	/** Set once confirmed: what is being done, while the request is on its way. */
	pending: string | undefined;
}

export interface AppState {
	pane: PaneId;
	/** The selected member's row id, shared by every member pane so actions follow the operator. */
	selectedId: string | undefined;
	helpOpen: boolean;
	/** First help line shown, when help is taller than the screen. */
	helpOffset: number;
	actionLogOpen: boolean;
	/** Newest actions scrolled past in the action log, and its `/` filter. */
	actionLogOffset: number;
	actionLogFilter: RowFilter;
	dialog: ConfirmDialogState | undefined;
	/** The snapshot form `s` opened, until it is sent or closed. */
	snapshotForm: SnapshotForm | undefined;
	/** The lag chart: every member but the leader, or the selected member alone. */
	lagChart: 'all' | 'selected';
	/** A one-line notice for the status line (e.g. why a key did nothing). */
	notice: string | undefined;
	/** Each table pane's `/` filter, kept while other panes are shown. */
	filters: Partial<Record<PaneId, RowFilter>>;
}

export type AppEvent =
	| {type: 'show-pane'; pane: PaneId}
	| {type: 'cycle-pane'; step: 1 | -1}
	/** `rowIds` are the rows of the pane on screen, in order. */
	| {type: 'move-selection'; step: 1 | -1; rowIds: readonly string[]}
	| {type: 'toggle-help'}
	| {type: 'scroll-help'; step: 1 | -1; maxOffset: number}
	| {type: 'close-help'}
	| {type: 'toggle-action-log'}
	| {type: 'scroll-action-log'; step: 1 | -1; maxOffset: number}
	| {type: 'action-log-filter'; event: RowFilterEvent}
	| {type: 'toggle-lag-chart'}
	| {type: 'open-dialog'; confirmation: Confirmation}
	| {type: 'dialog-pending'; text: string}
	| {type: 'close-dialog'; notice: string | undefined}
	| {type: 'open-snapshot-form'; form: SnapshotForm}
	| {type: 'snapshot-form'; event: SnapshotFormEvent}
	| {type: 'close-snapshot-form'}
	| {type: 'notice'; text: string | undefined}
	| {type: 'filter'; pane: PaneId; event: RowFilterEvent};

export const initialAppState: AppState = {
	pane: 'members',
	selectedId: undefined,
	helpOpen: false,
	helpOffset: 0,
	actionLogOpen: false,
	actionLogOffset: 0,
	actionLogFilter: noFilter,
	dialog: undefined,
	snapshotForm: undefined,
	lagChart: 'all',
	notice: undefined,
	filters: {},
};

/** Pure transitions of the dashboard's own state; the cluster's state lives in snapshots. */
export function appReducer(state: AppState, event: AppEvent): AppState {
	switch (event.type) {
		case 'show-pane': {
			return {...state, pane: event.pane, notice: undefined};
		}

		case 'cycle-pane': {
			const index = paneOrder.indexOf(state.pane);
			const next = paneOrder[(index + event.step + paneOrder.length) % paneOrder.length]!;
			return {...state, pane: next, notice: undefined};
		}

		case 'move-selection': {
			if (event.rowIds.length === 0) {
				return state;
			}

			// From the row shown as selected, which may differ from a remembered id that has gone.
			const from = effectiveSelection(state.selectedId, event.rowIds);
			const current = from === undefined ? -1 : event.rowIds.indexOf(from);
			const next = current === -1 ? 0 : Math.min(event.rowIds.length - 1, Math.max(0, current + event.step));
			return {...state, selectedId: event.rowIds[next], notice: undefined};
		}

		case 'toggle-help': {
			return {...state, helpOpen: !state.helpOpen, helpOffset: 0};
		}

		case 'scroll-help': {
			return {...state, helpOffset: Math.min(event.maxOffset, Math.max(0, state.helpOffset + event.step))};
		}

		case 'close-help': {
			return {...state, helpOpen: false};
		}

		case 'toggle-action-log': {
			return {...state, actionLogOpen: !state.actionLogOpen, actionLogOffset: 0};
		}

		case 'scroll-action-log': {
			return {...state, actionLogOffset: Math.min(event.maxOffset, Math.max(0, state.actionLogOffset + event.step))};
		}

		case 'action-log-filter': {
			// The filtered list is another list: it is read from its newest entry.
			return {...state, actionLogFilter: rowFilterReducer(state.actionLogFilter, event.event), actionLogOffset: 0};
		}

		case 'toggle-lag-chart': {
			return {...state, lagChart: state.lagChart === 'all' ? 'selected' : 'all'};
		}

		case 'open-dialog': {
			return {...state, dialog: {confirmation: event.confirmation, pending: undefined}, notice: undefined};
		}

		case 'dialog-pending': {
			return state.dialog === undefined ? state : {...state, dialog: {...state.dialog, pending: event.text}};
		}

		case 'close-dialog': {
			return {...state, dialog: undefined, notice: event.notice};
		}

		case 'open-snapshot-form': {
			return {...state, snapshotForm: event.form, notice: undefined};
		}

		case 'snapshot-form': {
			return state.snapshotForm === undefined ? state : {...state, snapshotForm: snapshotFormReducer(state.snapshotForm, event.event)};
		}

		case 'close-snapshot-form': {
			return {...state, snapshotForm: undefined};
		}

		case 'notice': {
			return {...state, notice: event.text};
		}

		case 'filter': {
			return {...state, filters: {...state.filters, [event.pane]: rowFilterReducer(filterOf(state, event.pane), event.event)}, notice: undefined};
		}
	}
}

/** A pane's `/` filter (none until one is typed). */
export function filterOf(state: AppState, pane: PaneId): RowFilter {
	return state.filters[pane] ?? noFilter;
}

/** The selected row: the remembered one while it exists, else the first. */
export function effectiveSelection(selectedId: string | undefined, rowIds: readonly string[]): string | undefined {
	return selectedId !== undefined && rowIds.includes(selectedId) ? selectedId : rowIds[0];
}
