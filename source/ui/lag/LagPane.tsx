import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import {formatDuration} from '../../model/shared/format.ts';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import {historySpanMs, raftLagSeries, type LagHistory} from '../../model/lag/lag-history.ts';
import {lagColumns, lagRows, roleOf} from '../../model/lag/lag-rows.ts';
import {filterTable, noFilter, type RowFilter} from '../../model/shared/row-filter.ts';
import {DataTable} from '../shared/DataTable.tsx';
import {LagChart, type LagSeries} from './LagChart.tsx';

export interface LagPaneProps {
	/** The latest refresh; undefined before the first. */
	summary: ClusterSummary | undefined;
	/** Every refresh recorded with recordLag, the latest included. */
	history: LagHistory;
	/** Row id (hex member ID) of the selected member, shared with the other member panes. */
	selectedId: string | undefined;
	/** Chart every member but the leader, or the selected member only. */
	chart: 'all' | 'selected';
	width: number;
	height: number;
	/** The table's `/` filter; the chart keeps every member. */
	filter?: RowFilter;
}

/** Below this many lines the chart says why it is not drawn rather than draw a useless sliver. */
const minimumChartHeight = 4;

/**
 * Pane 3: a table of each member's raft and applied lag behind the leader, its catch-up rate and ETA
 * and a learner's promote readiness; below it, raft lag over the last minutes as a chart.
 */
export function LagPane({summary, history, selectedId, chart, width, height, filter = noFilter}: LagPaneProps) {
	if (summary === undefined) {
		return <Text dimColor>connecting…</Text>;
	}

	const {rows, label} = filterTable(lagRows(summary, history), filter);
	// The table first, whole when it fits; the chart gets the rest, less a blank line between.
	const detailLines = rows.some(row => row.id === selectedId && row.detail !== undefined) ? 1 : 0;
	const tableHeight = Math.min(Math.max(rows.length, 1) + 2 + detailLines, height);
	const chartHeight = height - tableHeight - 1;
	const members = summary.views.filter(view => view.member !== undefined);
	const charted = chart === 'selected' ? members.filter(view => view.id === selectedId) : members.filter(view => !view.isLeader);
	const series: LagSeries[] = charted.map(view => ({label: `${view.name || view.member!.id} (${roleOf(view)})`, values: raftLagSeries(history, view.member!.id)}));
	const span = historySpanMs(history);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<DataTable columns={lagColumns} rows={rows} width={width} height={tableHeight} selectedId={selectedId} emptyText="no member list yet" filterLabel={label} />
			{chartHeight < minimumChartHeight ? null : (
				<Box flexDirection="column" marginTop={1}>
					<Text wrap="truncate" bold>
						Raft lag behind the leader, entries
						<Text dimColor bold={false}>{history.samples.length < 2 ? ' · drawn from the second refresh on' : ` · last ${formatDuration(span)}, newest right`}</Text>
					</Text>
					{series.length === 0 ? (
						<Text dimColor>{chart === 'selected' ? 'select a member to chart its lag' : 'no member besides the leader'}</Text>
					) : (
						<LagChart series={series} width={width} height={chartHeight - 1} />
					)}
				</Box>
			)}
		</Box>
	);
}
