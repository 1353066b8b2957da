import React from 'react';
import type {PaneEntry} from '../shared/pane.ts';
import {logsKeyLayer} from './logs-keymap.ts';
import {LogsPane, logsPageSize} from './LogsPane.tsx';
import {LogLineView, maxLogLineOffset} from './LogLineView.tsx';
import {openedEntry} from '../../model/logs/log-view.ts';

/** Pane 4: the members' journal (or --log-command), with etcd's trouble lines counted and flagged. */
export const logsPane: PaneEntry<'logs'> = {
	id: 'logs',
	number: '4',
	title: 'Logs',
	rowsAreMembers: false,
	// `:logs MEMBER`: that member's lines alone (App hands the member to logsCommandEvent).
	args: [{name: 'MEMBER', kind: 'member', optional: true}],
	keyLayer({data, width, height}) {
		const view = data.logs.read();
		return logsKeyLayer(view, data.logs.dispatch, logsPageSize(height, view), maxLogLineOffset(openedEntry(view), data.memberNames, width, height));
	},
	view({data, width, height}) {
		const {view} = data.logs;
		return view.opened === undefined
			? <LogsPane view={view} width={width} height={height} memberNames={data.memberNames} />
			: <LogLineView entry={openedEntry(view)} memberNames={data.memberNames} width={width} height={height} scroll={view.opened.scroll} />;
	},
};
