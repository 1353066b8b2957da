import React, {useRef} from 'react';
import {Box, useApp} from 'ink';
import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import type {DashboardServices} from '../../hooks/dashboard-services.ts';
import {useDashboardData} from '../../hooks/use-dashboard-data.ts';
import {useSyncReducer} from '../../hooks/use-sync-reducer.ts';
import {actionHeadline, filterActionLog} from '../../model/actions/action-log.ts';
import {ActionLog} from '../actions/ActionLog.tsx';
import {ConfirmDialog} from '../actions/ConfirmDialog.tsx';
import {useActionLog} from '../actions/use-action-log.ts';
import {useRecentAction} from '../actions/use-recent-action.ts';
import {byPriority} from '../../model/shared/warnings.ts';
import {useWarningsSince} from '../warnings/use-warnings-since.ts';
import {useWarningsOverlay} from '../warnings/use-warnings-overlay.ts';
import {maxWarningsOffset, WarningsOverlay} from '../warnings/WarningsOverlay.tsx';
import {memberActionCommands} from '../actions/use-member-actions.ts';
import {Header, headerHeight} from '../cluster/Header.tsx';
import {CommandLine} from '../command-line/CommandLine.tsx';
import {useCommandLine} from '../command-line/use-command-line.ts';
import {escapeKey} from '../../model/shared/key-text.ts';
import type {KeyLayer} from '../keymap/binding.ts';
import type {RowFilterEvent} from '../../model/shared/row-filter.ts';
import {HelpOverlay, maxHelpOffset} from '../keymap/HelpOverlay.tsx';
import {keysViewport} from '../keys/keys-viewport.ts';
import {logsCommandEvent} from '../logs/logs-keymap.ts';
import {useKeysJump} from '../keys/use-keys-jump.ts';
import type {PaneContext} from '../shared/pane.ts';
import {SnapshotFormView, SnapshotJobView, snapshotJobHeight} from '../snapshots/SnapshotDialog.tsx';
import {useSnapshotCommands} from '../snapshots/use-snapshot-commands.ts';
import {MaintenanceDialog} from '../maintenance/MaintenanceDialog.tsx';
import {MaintenanceJobView, maintenanceJobHeight} from '../maintenance/MaintenanceJobView.tsx';
import {useMaintenanceCommands} from '../maintenance/use-maintenance-commands.ts';
import {filterTypingLayer} from '../filter/filter-keymap.ts';
import {actionLogLayer, globalLayer, helpLayer, openDialog} from './app-commands.ts';
import {appReducer, effectiveSelection, filterOf, initialAppState} from './app-state.ts';
import {commandTable} from './keymap.ts';
import {PaneTabs} from './PaneTabs.tsx';
import {paneOf, panes} from './panes.ts';
import {StatusLine} from './StatusLine.tsx';
import {minimumSize, TooSmall} from './TooSmall.tsx';
import {useAppKeys} from './use-app-keys.ts';
import {contextCommands, type ClusterContext} from '../fleet/context-commands.ts';
import {noFleetReason} from '../fleet/contexts-keymap.ts';
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
	/** The context this cluster was opened as, and the way back to the fleet (undefined: one cluster, from flags). */
	context?: ClusterContext;
}

const maxHeaderWarnings = 4;

/**
 * The shell: header, pane bar, the focused pane (or the open dialog) and a status line, sized to the
 * terminal. Panes come from the pane table, keys from the one keymap, each feature's commands from its
 * own folder; this only lays them out and keeps focus.
 */
export function App({services, snapshotDir, logLines, keyBrowsing, refreshMs, quotaBytes, readOnly = false, columns, rows, initialReading, onQuit, context: clusterContext}: AppProps) {
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
	const maintenance = useMaintenanceCommands({jobs: services.maintenance, readOnly, summary: () => data.summary, notice: text => dispatch({type: 'notice', text}), record: entry => log.record(entry), refreshNow: data.refreshNow});
	const extraWarnings = [...data.extraWarnings, ...maintenance.warnings];
	// The last action's outcome stays in the header a few seconds; the status line and the action log keep it.
	const lastAction = useRecentAction(log.entries);
	const membership = useMembership({actions: services.membership ?? membershipNotOffered, reading: data.reading, summary: data.summary, history: data.history, record: log.record, settingsDir: snapshotDir, latestSummary: () => data.summary});
	const lastActionLine = lastAction === undefined ? undefined : actionHeadline(lastAction);
	const height = rows - 1;
	const jobHeight = (snapshots.job === undefined ? 0 : snapshotJobHeight(snapshots.job, columns, snapshots.drill)) + (maintenance.job === undefined ? 0 : maintenanceJobHeight(maintenance.job));
	const paneHeight = height - headerHeight(data.summary, maxHeaderWarnings, lastActionLine, extraWarnings) - 2 - jobHeight;
	const pane = paneOf(state.pane);
	const base = {data, width: columns, height: paneHeight, lagChart: state.lagChart, toggleLagChart: () => dispatch({type: 'toggle-lag-chart'}), filter: filterOf(state, state.pane), membership: membership.context};
	const rowIds = pane.rowIds?.({...base, selectedId: undefined}) ?? [];
	const context: PaneContext = {...base, selectedId: effectiveSelection(state.selectedId, rowIds)};
	latest.current.context = context;
	const helpLegend = readOnly ? ['(off): not bound in --read-only mode'] : [];
	const warningsNow = data.reading?.takenAt ?? Date.now();
	const warnings = useWarningsSince(byPriority([...data.summary?.warnings ?? [], ...extraWarnings]), warningsNow);
	const warningsOverlay = useWarningsOverlay(() => ({maxOffset: maxWarningsOffset(warnings, warningsNow, columns, paneHeight), pageRows: paneHeight - 4}));
	const members = memberActionCommands({actions: services.actions, dispatch, log, refreshNow: data.refreshNow, latest: () => ({summary: data.summary, history: data.history, selectedId: context.selectedId})});

	const keysJump = useKeysJump(data.keys);
	const commandContext = () => ({readOnly, pane: paneOf(currentState().pane), panes, ...(clusterContext === undefined ? {} : {contexts: clusterContext.navigation.contextNames})});
	const commandLine = useCommandLine({
		keymap: commandTable.keymap,
		scopeTitles: commandTable.scopeTitles,
		sources: () => ({
			members: data.summary?.views.flatMap(view => (view.member === undefined ? [] : [{id: view.member.id, name: view.name}])),
			prefixes: data.keys.read()?.rows.filter(row => row.kind === 'prefix').map(row => escapeKey(row.bytes)),
		}),
		layers: () => layers(),
		context: commandContext,
		notice: text => dispatch({type: 'notice', text}),
	});

	const layers = (): KeyLayer[] => {
		const modalFeature = commandLine.layer() ?? warningsOverlay.layer();
		if (modalFeature !== undefined) {
			return [modalFeature];
		}

		const now = currentState();
		const dialog = openDialog(now);
		const maintenanceDialog = maintenance.dialogLayer();
		if (dialog === undefined && maintenanceDialog !== undefined) {
			return [maintenanceDialog];
		}

		const membershipKeys = dialog === undefined ? membershipLayer(membership) : undefined;
		if (membershipKeys !== undefined) {
			return [membershipKeys];
		}

		if (dialog !== undefined) {
			return [{confirm: members.confirmLayer(now), 'snapshot-form': snapshots.formLayer, help: helpLayer(dispatch, () => maxHelpOffset(commandTable, columns, height - 1, helpLegend.length)), 'action-log': actionLogLayer(dispatch, now.actionLogFilter, () => filterActionLog(log.entries, now.actionLogFilter).length - 1)}[dialog]];
		}

		// The pane now, which a key earlier in the same read may have changed.
		const focused = paneOf(now.pane);
		const filtering = (event: RowFilterEvent) => dispatch({type: 'filter', pane: now.pane, event});
		if (focused.filterable === true && filterOf(now, now.pane).draft !== undefined) {
			return [filterTypingLayer(filtering)];
		}

		const paneLayer = focused.keyLayer?.(context);
		if (paneLayer?.modal === true) {
			return [paneLayer];
		}

		const global = globalLayer({dispatch, rowIds: () => focused.rowIds?.(context) ?? [], refreshNow: data.refreshNow, quit: () => {
			onQuit?.();
			exit();
		}, features: {
			promote: args => members.ask('promote', args.member?.id),
			'move-leader': args => members.ask('move-leader', args.member?.id),
			snapshot: args => snapshots.showForm(args.path),
			keys: args => args.prefix === undefined ? undefined : keysJump(args.prefix),
			logs: args => args.member === undefined ? undefined : data.logs.dispatch(logsCommandEvent('logs-member', args, 0)),
			'command-line': commandLine.open,
			...maintenance.globalCommands,
			...contextCommands(clusterContext, dispatch),
			warnings: warningsOverlay.show,
			'filter-open': args => filtering(args.text === undefined ? {type: 'open'} : {type: 'set', text: args.text}),
			'filter-clear': () => {
				const filter = filterOf(now, now.pane);
				if (filter.text === '' && filter.draft === undefined) {
					if (clusterContext === undefined) {
						dispatch({type: 'notice', text: noFleetReason});
					} else {
						clusterContext.navigation.toFleet();
					}

					return;
				}

				filtering({type: 'clear'});
			},
			// `:member add NAME PEER-URL` opens the add line with them typed: Enter checks and confirms as for +.
			'member-add': args => {
				membership.openAddForm();
				if (args.text !== undefined) {
					membership.formType(args.text);
				}
			},
			'member-remove': args => dispatch({type: 'notice', text: membership.askRemove(args.member?.id ?? context.selectedId ?? '')}),
		}});
		return [snapshots.jobLayer, maintenance.jobLayer, paneLayer, global].filter(layer => layer !== undefined);
	};

	useAppKeys({layers, context: commandContext, dispatch, log});

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	// One line short of the terminal (height): Ink redraws the whole screen on every frame when output fills it.
	const statusLine = commandLine.state.draft !== undefined ? <CommandLine state={{...commandLine.state, draft: commandLine.state.draft}} width={columns} /> : <StatusLine takenAt={data.reading?.takenAt} durationMs={data.reading?.durationMs} refreshMs={refreshMs} notice={state.notice} readOnly={readOnly} width={columns} />;
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

		if (maintenance.dialog !== undefined && state.dialog === undefined) {
			return <MaintenanceDialog dialog={maintenance.dialog} summary={data.summary} width={columns} />;
		}

		if (state.dialog !== undefined) {
			const {confirmation, pending} = state.dialog;
			return <ConfirmDialog title={confirmation.title} facts={confirmation.facts} command={confirmation.etcdctl} pending={pending} width={columns} />;
		}

		if (warningsOverlay.state.open) {
			return <WarningsOverlay warnings={warnings} now={warningsNow} width={columns} height={paneHeight} offset={warningsOverlay.state.offset} />;
		}

		if (membershipViewOpen(membership.ui)) {
			return <MembershipViews ui={membership.ui} width={columns} />;
		}

		return state.actionLogOpen ? <ActionLog entries={log.entries} width={columns} height={paneHeight} offset={state.actionLogOffset} filter={state.actionLogFilter} /> : pane.view(context);
	};

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header summary={data.summary} width={columns} maxWarnings={maxHeaderWarnings} lastAction={lastActionLine} lastActionOk={lastAction?.outcome === 'succeeded'} extraWarnings={extraWarnings} context={clusterContext?.name} readOnly={readOnly} />
			<PaneTabs current={state.pane} width={columns} />
			<Box flexGrow={1} flexDirection="column">
				{body()}
			</Box>
			{snapshots.job === undefined ? null : <SnapshotJobView job={snapshots.job} drill={snapshots.drill} width={columns} />}
			{maintenance.job === undefined ? null : <MaintenanceJobView job={maintenance.job} width={columns} now={Date.now()} />}
			{statusLine}
		</Box>
	);
}
