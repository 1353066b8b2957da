import React from 'react';
import {endpointColumns, endpointRows, memberColumns, memberRows} from '../../model/cluster/member-rows.ts';
import {DataTable} from '../shared/DataTable.tsx';
import {memberStateColumns, memberStateRows} from '../../model/membership/membership-rows.ts';
import type {PaneContext, PaneEntry} from '../shared/pane.ts';

const members = ({data}: PaneContext) => (data.summary === undefined ? [] : memberRows(data.summary));
const endpoints = ({data}: PaneContext) => (data.summary === undefined ? [] : endpointRows(data.summary));

/** Pane 1: the member list, as `etcdctl member list` has it. */
export const membersPane: PaneEntry<'members'> = {
	id: 'members',
	number: '1',
	title: 'Members',
	rowsAreMembers: true,
	rowIds: context => members(context).map(row => row.id),
	view(context) {
		const {reading} = context.data;
		const emptyText = reading === undefined ? 'connecting…' : `no member list: ${reading.memberListError ?? 'unknown error'}`;
		const {summary} = context.data;
		const withStates = summary === undefined || context.membership === undefined ? undefined : memberStateRows(summary, context.membership);
		if (withStates !== undefined) {
			return <DataTable columns={memberStateColumns} rows={withStates} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={emptyText} />;
		}

		return <DataTable columns={memberColumns} rows={members(context)} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={emptyText} />;
	},
};

/** Pane 2: every member's status, as `etcdctl endpoint status --cluster` has it. */
export const endpointsPane: PaneEntry<'endpoints'> = {
	id: 'endpoints',
	number: '2',
	title: 'Endpoints',
	rowsAreMembers: true,
	rowIds: context => endpoints(context).map(row => row.id),
	view: context => <DataTable columns={endpointColumns} rows={endpoints(context)} width={context.width} height={context.height} selectedId={context.selectedId} emptyText={context.data.reading === undefined ? 'connecting…' : 'no endpoint answered'} />,
};
