import type {ReactElement} from 'react';
import type {DashboardData} from '../../hooks/use-dashboard-data.ts';
import type {RowFilter} from '../../model/shared/row-filter.ts';
import type {CommandArgument, KeyLayer, PaneInfo} from '../keymap/binding.ts';
import type {MembershipContext} from '../../model/membership/membership-rows.ts';

/** What a pane is drawn from: the dashboard's data, its own room on screen, and the shell's state it shares. */
export interface PaneContext {
	data: DashboardData;
	width: number;
	height: number;
	/** The selected row (a member's hex ID, or a scrape target), shared by the panes whose rows are members. */
	selectedId: string | undefined;
	/** The lag chart: every member but the leader, or the selected one alone (c toggles it). */
	lagChart: 'all' | 'selected';
	toggleLagChart: () => void;
	/** This pane's `/` filter (for a pane whose table it filters: PaneInfo.filterable). */
	filter: RowFilter;
	/** What pane 1's member states need beyond the summary (rejoins, peer answers); undefined before the shell has them. */
	membership?: MembershipContext;
}

/**
 * One entry of the pane table (source/ui/app/panes.ts): a pane is its folder under source/ui/ and this
 * entry. Its keys are bindings in its own scope (the pane's id), found through its layer.
 */
export interface PaneEntry<Id extends string = string> extends PaneInfo {
	id: Id;
	view: (context: PaneContext) => ReactElement;
	/** The rows ↑ and ↓ select, in order; none when the pane selects nothing. */
	rowIds?: (context: PaneContext) => readonly string[];
	/** What its `:` command (its id) takes besides showing it, e.g. `:keys PREFIX`. */
	args?: readonly CommandArgument[];
	/** The pane's keys now (or its text field's); undefined when only the global keys apply. */
	keyLayer?: (context: PaneContext) => KeyLayer | undefined;
}
