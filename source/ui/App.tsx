import React, {useRef} from 'react';
import {Box, useApp, useInput} from 'ink';
import type {ClusterSnapshot} from '../cluster/snapshot.ts';
import type {SnapshotSource} from '../cluster/snapshot-poller.ts';
import {summarize} from '../model/cluster-summary.ts';
import {endpointColumns, endpointRows, memberColumns, memberRows} from '../model/table-rows.ts';
import {useClusterSnapshot} from '../hooks/use-cluster-snapshot.ts';
import {useSyncReducer} from '../hooks/use-sync-reducer.ts';
import {appReducer, availablePanes, effectiveSelection, initialAppState} from './app-state.ts';
import {actionFor, type KeyBinding} from './keymap.ts';
import {DataTable} from './DataTable.tsx';
import {Header, headerHeight} from './Header.tsx';
import {HelpOverlay, maxHelpOffset} from './HelpOverlay.tsx';
import {PaneTabs} from './PaneTabs.tsx';
import {StatusLine} from './StatusLine.tsx';
import {minimumSize, TooSmall} from './TooSmall.tsx';

export interface AppProps {
	source: SnapshotSource<ClusterSnapshot>;
	refreshMs: number;
	quotaBytes: number;
	columns: number;
	rows: number;
	/** A snapshot already taken (the start-up check's), shown at once instead of "connecting…". */
	initialSnapshot?: ClusterSnapshot;
	onQuit?: () => void;
}

const maxHeaderWarnings = 4;

function unavailableReason(binding: KeyBinding): string | undefined {
	return binding.action.type === 'show-pane' && !availablePanes.includes(binding.action.pane) ? 'not built yet' : undefined;
}

/** The dashboard: header, pane bar, the current pane and a status line, sized to the terminal. */
export function App({source, refreshMs, quotaBytes, columns, rows, initialSnapshot, onQuit}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch, currentState] = useSyncReducer(appReducer, initialAppState);
	const {snapshot, refreshNow} = useClusterSnapshot(source, refreshMs, initialSnapshot);
	const summary = snapshot === undefined ? undefined : summarize(snapshot, {quotaBytes});
	const members = summary === undefined ? [] : memberRows(summary);
	const endpoints = summary === undefined ? [] : endpointRows(summary);
	const rowIds = (state.pane === 'endpoints' ? endpoints : members).map(row => row.id);
	const selectedId = effectiveSelection(state.selectedId, rowIds);
	// Read by the input handler, which may run for several keys before the next render.
	const latestRowIds = useRef(rowIds);
	latestRowIds.current = rowIds;
	const height = rows - 1;

	useInput((input, key) => {
		const action = actionFor(currentState().helpOpen ? 'help' : 'global', input, key);
		if (action === undefined) {
			return;
		}

		switch (action.type) {
			case 'quit': {
				onQuit?.();
				exit();
				break;
			}

			case 'show-pane': {
				dispatch({type: 'show-pane', pane: action.pane});
				break;
			}

			case 'next-pane':
			case 'previous-pane': {
				dispatch({type: 'cycle-pane', step: action.type === 'next-pane' ? 1 : -1});
				break;
			}

			case 'select-next':
			case 'select-previous': {
				dispatch({type: 'move-selection', step: action.type === 'select-next' ? 1 : -1, rowIds: latestRowIds.current});
				break;
			}

			case 'refresh': {
				refreshNow();
				break;
			}

			case 'toggle-help': {
				dispatch({type: 'toggle-help'});
				break;
			}

			case 'close': {
				dispatch({type: 'close-help'});
				break;
			}

			case 'scroll-help': {
				dispatch({type: 'scroll-help', step: action.step, maxOffset: maxHelpOffset(columns, height)});
				break;
			}
		}
	});

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	// One line short of the terminal (height): Ink redraws the whole screen on every frame when output fills it.
	const statusLine = <StatusLine takenAt={snapshot?.takenAt} durationMs={snapshot?.durationMs} refreshMs={refreshMs} notice={state.notice} width={columns} />;
	if (state.helpOpen) {
		return (
			<Box flexDirection="column" width={columns} height={height}>
				<HelpOverlay width={columns} height={height - 1} offset={state.helpOffset} unavailableReason={unavailableReason} />
				{statusLine}
			</Box>
		);
	}

	const paneHeight = height - headerHeight(summary, maxHeaderWarnings) - 2;
	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header summary={summary} width={columns} maxWarnings={maxHeaderWarnings} />
			<PaneTabs current={state.pane} available={availablePanes} width={columns} />
			<Box flexGrow={1} flexDirection="column">
				{state.pane === 'endpoints' ? (
					<DataTable columns={endpointColumns} rows={endpoints} width={columns} height={paneHeight} selectedId={selectedId} emptyText={snapshot === undefined ? 'connecting…' : 'no endpoint answered'} />
				) : (
					<DataTable columns={memberColumns} rows={members} width={columns} height={paneHeight} selectedId={selectedId} emptyText={snapshot === undefined ? 'connecting…' : `no member list: ${snapshot.memberListError ?? 'unknown error'}`} />
				)}
			</Box>
			{statusLine}
		</Box>
	);
}
