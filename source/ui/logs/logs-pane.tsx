import React from 'react';
import type {PaneEntry} from '../shared/pane.ts';
import {logsKeyLayer} from './logs-keymap.ts';
import {LogsPane, logsPageSize} from './LogsPane.tsx';

/** Pane 4: the members' journal (or --log-command), with etcd's trouble lines counted and flagged. */
export const logsPane: PaneEntry<'logs'> = {
	id: 'logs',
	number: '4',
	title: 'Logs',
	rowsAreMembers: false,
	keyLayer: ({data, height}) => logsKeyLayer(data.logs.read(), data.logs.dispatch, logsPageSize(height)),
	view: ({data, width, height}) => <LogsPane view={data.logs.view} width={width} height={height} memberNames={data.memberNames} />,
};
