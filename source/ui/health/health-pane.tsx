import React from 'react';
import {healthRowIds} from '../../model/health/health.ts';
import type {PaneEntry} from '../shared/pane.ts';
import {HealthPane} from './HealthPane.tsx';

/** Pane 6: each member's /metrics against etcd's alert rules: disk, commit, peers, leader changes, DB, fds. */
export const healthPane: PaneEntry<'health'> = {
	id: 'health',
	number: '6',
	title: 'Health',
	rowsAreMembers: false,
	rowIds: ({data}) => healthRowIds(data.health),
	view: ({data, selectedId, width, height}) => <HealthPane health={data.health} width={width} height={height} selectedId={selectedId} emptyText={data.scrapesMetrics ? 'scraping /metrics…' : 'metrics are not scraped in this run'} />,
};
