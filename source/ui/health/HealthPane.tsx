import React from 'react';
import {Box} from 'ink';
import {Text} from '../shared/text.tsx';
import type {HealthState} from '../../model/health/health.ts';
import {fitDetailLines, healthDetailLines} from '../../model/health/health-detail.ts';
import {healthColumns, healthRows} from '../../model/health/health-rows.ts';
import type {RowTone} from '../../model/shared/table.ts';
import {filterTable, noFilter, type RowFilter} from '../../model/shared/row-filter.ts';
import {DataTable} from '../shared/DataTable.tsx';

export interface HealthPaneProps {
	/** The latest health (advanceHealth over the metrics rounds); undefined until the first round. */
	health: HealthState | undefined;
	width: number;
	/** Lines available to the pane. */
	height: number;
	/** The member whose details show below the table (a row id: member ID, else URL); the first when unknown. */
	selectedId: string | undefined;
	/** Shown while there is no health yet, or no member to scrape. */
	emptyText: string;
	/** The table's `/` filter; the warnings under it still name every member. */
	filter?: RowFilter;
}

const toneColor: Record<RowTone, string | undefined> = {normal: undefined, warning: 'yellow', error: 'red'};

/**
 * Pane 6: one row per member with its latencies, leader, failures, DB and fds against etcd's alert
 * rules, then the selected member's details and trends. A member whose metrics failed shows why.
 */
export function HealthPane({health, width, height, selectedId, emptyText, filter = noFilter}: HealthPaneProps) {
	const {rows, label} = filterTable(healthRows(health), filter);
	const shownIds = new Set(rows.map(row => row.id));
	const shown = health?.members.filter(member => shownIds.has(member.id)) ?? [];
	const selected = shown.find(member => member.id === selectedId) ?? shown[0];
	// The table first, every member if it can; the selected member's details get what is left.
	const tableHeight = Math.min(Math.max(rows.length, 1) + 2, height);
	const detailHeight = height - tableHeight - 1;
	const details = health === undefined || detailHeight <= 0 ? [] : fitDetailLines(healthDetailLines(health, selected, width), detailHeight);
	return (
		<Box flexDirection="column" width={width}>
			<DataTable columns={healthColumns} rows={rows} width={width} height={tableHeight} selectedId={selected?.id} emptyText={emptyText} filterLabel={label} />
			{details.length > 0 ? <Text> </Text> : null}
			{details.map((line, index) => (
				// Lines repeat (two warnings can read alike), so their place is their identity.
				<Text key={index} wrap="truncate" color={toneColor[line.tone]} bold={line.title}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
