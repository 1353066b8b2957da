import React from 'react';
import {lagRows} from '../../model/lag/lag-rows.ts';
import type {Binding} from '../keymap/binding.ts';
import type {PaneEntry} from '../shared/pane.ts';
import {LagPane} from './LagPane.tsx';

export const lagScopeTitles = {lag: 'In the Lag pane'} as const;

export const lagKeymap: ReadonlyArray<Binding<'toggle-lag-chart'>> = [
	{command: 'toggle-lag-chart', chords: [{input: 'c'}], description: 'Chart all / selected', scope: 'lag'},
];

/** Pane 3: each member's raft and apply lag behind the leader, its catch-up, and a chart of it over time. */
export const lagPane: PaneEntry<'lag'> = {
	id: 'lag',
	number: '3',
	title: 'Lag',
	rowsAreMembers: true,
	rowIds: ({data}) => (data.summary === undefined ? [] : lagRows(data.summary, data.history).map(row => row.id)),
	keyLayer: context => ({scope: 'lag', run: context.toggleLagChart}),
	view: ({data, selectedId, lagChart, width, height}) => <LagPane summary={data.summary} history={data.history} selectedId={selectedId} chart={lagChart} width={width} height={height} />,
};
