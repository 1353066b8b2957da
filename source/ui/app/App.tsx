import React, {useRef} from 'react';
import {Box, useApp} from 'ink';
import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import type {DashboardServices} from '../../hooks/dashboard-services.ts';
import {useDashboardData} from '../../hooks/use-dashboard-data.ts';
import {useSyncReducer} from '../../hooks/use-sync-reducer.ts';
import {actionHeadline} from '../../model/actions/action-log.ts';
import {ActionLog} from '../actions/ActionLog.tsx';
import {ConfirmDialog} from '../actions/ConfirmDialog.tsx';
import {useActionLog} from '../actions/use-action-log.ts';
import {memberActionCommands} from '../actions/use-member-actions.ts';
import {Header, headerHeight} from '../cluster/Header.tsx';
import type {KeyLayer} from '../keymap/binding.ts';
import {HelpOverlay, maxHelpOffset} from '../keymap/HelpOverlay.tsx';
import {keysViewport} from '../keys/keys-viewport.ts';
import type {PaneContext} from '../shared/pane.ts';
import {SnapshotFormView, SnapshotJobView, snapshotJobHeight} from '../snapshots/SnapshotDialog.tsx';
import {useSnapshotCommands} from '../snapshots/use-snapshot-commands.ts';
import {actionLogLayer, globalLayer, helpLayer, openDialog} from './app-commands.ts';
import {appReducer, effectiveSelection, initialAppState} from './app-state.ts';
import {commandTable} from './keymap.ts';
import {PaneTabs} from './PaneTabs.tsx';
import {paneOf, panes} from './panes.ts';
import {StatusLine} from './StatusLine.tsx';
import {minimumSize, TooSmall} from './TooSmall.tsx';
import {useAppKeys} from './use-app-keys.ts';
import {useMembership} from '../../hooks/use-membership.ts';
import {MembershipViews, membershipViewOpen} from '../membership/MembershipViews.tsx';
import {membershipLayer, membershipNotOffered} from '../membership/membership-layer.ts';

export interface AppProps {
	services: DashboardServices;
	/** Where `s` proposes to put snapshots. */
	snapshotDir: string;
	/** Lines the Logs pane keeps (--log-lines). */
	logLines: number;
	/** --prefix (undefined: found from the keys) and --separator. */
	keyBrowsing: {prefix: string | undefined; separator: string};
	refreshMs: number;
	/** --quota-bytes; undefined: each member's own quota. */
	quotaBytes: number | undefined;
	/** Write commands (promote, move-leader) are off; help and the status line say so. */
	readOnly?: boolean;
	columns: number;
	rows: number;
	/** A reading already taken (the start-up check's), shown at once instead of "connecting…". */
	initialReading?: ClusterReading;
	onQuit?: () => void;
}

const maxHeaderWarnings = 4;

/**
 * The shell: header, pane bar, the focused pane (or the open dialog) and a status line, sized to the
 * terminal. Panes come from the pane table, keys from the one keymap, each feature's commands from its
 * own folder; this only lays them out and keeps focus.
 */
export function App({services, snapshotDir, logLines, keyBrowsing, refreshMs, quotaBytes, readOnly = false, columns, rows, initialReading, onQuit}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch, currentState] = useSyncReducer(appReducer, initialAppState);
	const log = useActionLog();
	// Read by the key handlers, which may run for several keys before the next render.
	const latest = useRef<{context: PaneContext | undefined}>({context: undefined});
	const data = useDashboardData(services, {refreshMs, quotaBytes, logLines, keyBrowsing, initialReading}, {
		pane: state.pane,
		keysListRows: keysState => keysViewport(keysState, columns, latest.current.context?.height ?? rows).listRows,
	});
	const snapshots = useSnapshotCommands({services, snapshotDir, dispatch, currentState, reading: () => data.reading, log});
	const membership = useMembership({actions: services.membership ?? membershipNotOffered, reading: data.reading, summary: data.summary, history: data.history, record: log.record, settingsDir: snapshotDir, latestSummary: () => data.summary});
	const lastAction = log.entries.at(-1);
	const lastActionLine = lastAction === undefined ? undefined : actionHeadline(lastAction);
	const height = rows - 1;
	const jobHeight = snapshots.job === undefined ? 0 : snapshotJobHeight(snapshots.job, columns, snapshots.drill);
	const paneHeight = height - headerHeight(data.summary, maxHeaderWarnings, lastActionLine, data.extraWarnings) - 2 - jobHeight;
	const pane = paneOf(state.pane);
	const base = {data, width: columns, height: paneHeight, lagChart: state.lagChart, toggleLagChart: () => dispatch({type: 'toggle-lag-chart'}), membership: membership.context};
	const rowIds = pane.rowIds?.({...base, selectedId: undefined}) ?? [];
	const context: PaneContext = {...base, selectedId: effectiveSelection(state.selectedId, rowIds)};
	latest.current.context = context;
	const helpLegend = readOnly ? ['(off): not bound in --read-only mode'] : [];
	const members = memberActionCommands({actions: services.actions, dispatch, log, refreshNow: data.refreshNow, latest: () => ({summary: data.summary, history: data.history, selectedId: context.selectedId})});

	const layers = (): KeyLayer[] => {
		const now = currentState();
		const dialog = openDialog(now);
		const membershipKeys = dialog === undefined ? membershipLayer(membership) : undefined;
		if (membershipKeys !== undefined) {
			return [membershipKeys];
		}

		if (dialog !== undefined) {
			return [{confirm: members.confirmLayer(now), 'snapshot-form': snapshots.formLayer, help: helpLayer(dispatch, () => maxHelpOffset(commandTable, columns, height - 1, helpLegend.length)), 'action-log': actionLogLayer(dispatch)}[dialog]];
		}

		// The pane now, which a key earlier in the same read may have changed.
		const focused = paneOf(now.pane);
		const paneLayer = focused.keyLayer?.(context);
		if (paneLayer?.modal === true) {
			return [paneLayer];
		}

		const global = globalLayer({dispatch, rowIds: () => focused.rowIds?.(context) ?? [], refreshNow: data.refreshNow, quit: () => {
			onQuit?.();
			exit();
		}, features: {promote: () => members.ask('promote'), 'move-leader': () => members.ask('move-leader'), snapshot: snapshots.showForm, 'member-add': membership.openAddForm, 'member-remove': () => dispatch({type: 'notice', text: membership.askRemove(context.selectedId ?? '')})}});
		return [snapshots.jobLayer, paneLayer, global].filter(layer => layer !== undefined);
	};

	useAppKeys({layers, context: () => ({readOnly, pane: paneOf(currentState().pane), panes}), dispatch, log});

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	// One line short of the terminal (height): Ink redraws the whole screen on every frame when output fills it.
	const statusLine = <StatusLine takenAt={data.reading?.takenAt} durationMs={data.reading?.durationMs} refreshMs={refreshMs} notice={state.notice} readOnly={readOnly} width={columns} />;
	if (state.helpOpen) {
		return (
			<Box flexDirection="column" width={columns} height={height}>
				<HelpOverlay table={commandTable} width={columns} height={height - 1} offset={state.helpOffset} unavailableReason={binding => (readOnly && binding.writes === true ? 'off' : undefined)} legend={helpLegend} />
				{statusLine}
			</Box>
		);
	}

	const body = () => {
		if (state.snapshotForm !== undefined) {
			return <SnapshotFormView form={state.snapshotForm} width={columns} />;
		}

		if (state.dialog !== undefined) {
			const {confirmation, pending} = state.dialog;
			return <ConfirmDialog title={confirmation.title} facts={confirmation.facts} command={confirmation.etcdctl} pending={pending} width={columns} />;
		}

		if (membershipViewOpen(membership.ui)) {
			return <MembershipViews ui={membership.ui} width={columns} />;
		}

		return state.actionLogOpen ? <ActionLog entries={log.entries} width={columns} height={paneHeight} /> : pane.view(context);
	};

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header summary={data.summary} width={columns} maxWarnings={maxHeaderWarnings} lastAction={lastActionLine} lastActionOk={lastAction?.outcome === 'succeeded'} extraWarnings={data.extraWarnings} />
			<PaneTabs current={state.pane} width={columns} />
			<Box flexGrow={1} flexDirection="column">
				{body()}
			</Box>
			{snapshots.job === undefined ? null : <SnapshotJobView job={snapshots.job} drill={snapshots.drill} width={columns} />}
			{statusLine}
		</Box>
	);
}
