import React from 'react';
import {endpointColumns, endpointRows, memberColumns, memberRows} from '../../model/cluster/member-rows.ts';
import {filterTable} from '../../model/shared/row-filter.ts';
import {DataTable} from '../shared/DataTable.tsx';
import {memberStateColumns, memberStateRows} from '../../model/membership/membership-rows.ts';
import type {PaneContext, PaneEntry} from '../shared/pane.ts';

const members = ({data, filter}: PaneContext) => filterTable(data.summary === undefined ? [] : memberRows(data.summary), filter);
const endpoints = ({data, filter}: PaneContext) => filterTable(data.summary === undefined ? [] : endpointRows(data.summary), filter);

/** Pane 1: the member list, as `etcdctl member list` has it. */
export const membersPane: PaneEntry<'members'> = {
	id: 'members',
	number: '1',
	title: 'Members',
	rowsAreMembers: true,
	filterable: true,
	rowIds: context => members(context).rows.map(row => row.id),
	view(context) {
		const {reading} = context.data;
		const emptyText = reading === undefined ? 'connecting…' : `no member list: ${reading.memberListError ?? 'unknown error'}`;
		const {summary} = context.data;
		const withStates = summary === undefined || context.membership === undefined ? undefined : memberStateRows(summary, context.membership);
		if (withStates !== undefined) {
			// Filtered on the member's own cells: SAFE TO STOP names the other members ("m3 is down").
			const filtered = members(context);
			const shown = new Set(filtered.rows.map(row => row.id));
			return <DataTable columns={memberStateColumns} rows={withStates.filter(row => shown.has(row.id))} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={emptyText} filterLabel={filtered.label} />;
		}

		const {rows, label} = members(context);
		return <DataTable columns={memberColumns} rows={rows} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={emptyText} filterLabel={label} />;
	},
};

/** Pane 2: every member's status, as `etcdctl endpoint status --cluster` has it. */
export const endpointsPane: PaneEntry<'endpoints'> = {
	id: 'endpoints',
	number: '2',
	title: 'Endpoints',
	rowsAreMembers: true,
	filterable: true,
	rowIds: context => endpoints(context).rows.map(row => row.id),
	view(context) {
		const {rows, label} = endpoints(context);
		return <DataTable columns={endpointColumns} rows={rows} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={context.data.reading === undefined ? 'connecting…' : 'no endpoint answered'} filterLabel={label} />;
	},
};
