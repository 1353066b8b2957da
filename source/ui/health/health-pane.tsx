import React from 'react';
import {healthRows} from '../../model/health/health-rows.ts';
import {filterTable} from '../../model/shared/row-filter.ts';
import type {PaneEntry} from '../shared/pane.ts';
import {HealthPane} from './HealthPane.tsx';

/** Pane 6: each member's /metrics against etcd's alert rules: disk, commit, peers, leader changes, DB, fds. */
export const healthPane: PaneEntry<'health'> = {
	id: 'health',
	number: '6',
	title: 'Health',
	rowsAreMembers: false,
	filterable: true,
	rowIds: ({data, filter}) => filterTable(healthRows(data.health), filter).rows.map(row => row.id),
	view: ({data, selectedId, width, height, filter}) => <HealthPane health={data.health} width={width} height={height} selectedId={selectedId} filter={filter} emptyText={data.scrapesMetrics ? 'scraping /metrics…' : 'metrics are not scraped in this run'} />,
};
