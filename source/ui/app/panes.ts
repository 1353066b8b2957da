import {endpointsPane, membersPane} from '../cluster/cluster-panes.tsx';
import {healthPane} from '../health/health-pane.tsx';
import {keysPane} from '../keys/keys-pane.tsx';
import {lagPane} from '../lag/lag-pane.tsx';
import {logsPane} from '../logs/logs-pane.tsx';
import type {PaneEntry} from '../shared/pane.ts';

/**
 * The panes, in the order of the pane bar and of Tab. A new pane is a folder under source/ui/ with its
 * PaneEntry, listed here: its digit, its place in help and the README follow from this table.
 */
export const paneTable = [membersPane, endpointsPane, lagPane, logsPane, keysPane, healthPane] as const;

export type PaneId = (typeof paneTable)[number]['id'];

/** The panes as the keymap, the pane bar and the tests know them. */
export const panes: ReadonlyArray<PaneEntry<PaneId>> = paneTable;

export function paneOf(id: string): PaneEntry {
	return panes.find(pane => pane.id === id) ?? panes[0]!;
}

export function isPaneId(id: string): id is PaneId {
	return panes.some(pane => pane.id === id);
}
