import React from 'react';
import {dbUsageWarnings} from '../../model/maintenance/db-usage-warnings.ts';
import {maintenanceDisabledReason} from '../../model/maintenance/maintenance-access.ts';
import type {PaneEntry} from '../shared/pane.ts';
import {DbUsagePane} from './DbUsagePane.tsx';

const keysLine = 'D defragment (one member at a time, the leader last) · C compact · R recover from NOSPACE · H check the members agree (HashKV) · :defrag MEMBER/all';

/** Pane 7: every member's DB against its quota, its growth and time to quota, and the maintenance commands. */
export const dbPane: PaneEntry<'db'> = {
	id: 'db',
	number: '7',
	title: 'DB',
	rowsAreMembers: true,
	rowIds: ({data}) => data.dbUsages.map(usage => usage.id),
	view({data, width, height, selectedId}) {
		// A user the members refuse Status to lacks the root role every maintenance command needs: said up front.
		const denied = data.summary?.statusDenied === true ? maintenanceDisabledReason('defrag', data.summary, {readOnly: false, running: false}) : undefined;
		return (
			<DbUsagePane
				usages={data.dbUsages}
				warnings={dbUsageWarnings(data.dbUsages)}
				width={width}
				height={height}
				selectedId={selectedId}
				emptyText={data.reading === undefined ? 'connecting…' : 'no member answered its Status'}
				footer={denied === undefined ? keysLine : `${keysLine}. ${denied.replace(/^defragment /, 'Maintenance ')}`}
			/>
		);
	},
};
