import React from 'react';
import {DataTable} from '../shared/DataTable.tsx';
import type {ClusterSummary} from '../../model/cluster/cluster-summary.ts';
import {membershipColumns, membershipRows, type MembershipContext} from '../../model/membership/membership-rows.ts';

export interface MembershipTableProps {
	summary: ClusterSummary;
	context: MembershipContext;
	width: number;
	height: number;
	selectedId: string | undefined;
}

/** Every member with where it stands (joining, rejoining, its role) and whether it may stop now. */
export function MembershipTable({summary, context, width, height, selectedId}: MembershipTableProps) {
	return <DataTable columns={membershipColumns} rows={membershipRows(summary, context)} width={width} height={height} selectedId={selectedId} emptyText="no members listed" />;
}
