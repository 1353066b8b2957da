import path from 'node:path';
import React, {useEffect, useReducer, useRef, useState} from 'react';
import {Box, useApp, type Key} from 'ink';
import type {MemberActionResult} from '../../cluster/member-action-result.ts';
import type {ClusterReading} from '../../cluster/cluster-reading.ts';
import {actionHeadline, actionLogReducer, cancelledEntry, emptyActionLog, entryFromResult, entrySummary, keyErrorEntry, type ActionLogEntry} from '../../model/actions/action-log.ts';
import {summarize} from '../../model/cluster/cluster-summary.ts';
import {lagRows} from '../../model/lag/lag-rows.ts';
import {checkMoveLeader, checkPromote, type Confirmation} from '../../model/actions/member-action-checks.ts';
import {defaultSnapshotPath} from '../../model/snapshots/snapshot-files.ts';
import {lacksRootRole, rootRoleNeeded} from '../../model/cluster/root-role.ts';
import {snapshotMemberOf, snapshotSourceChoices} from '../../model/snapshots/snapshot-source.ts';
import {endpointColumns, endpointRows, memberColumns, memberRows} from '../../model/cluster/member-rows.ts';
import {useClusterReading} from '../../hooks/use-cluster-reading.ts';
import {useLagHistory} from '../../hooks/use-lag-history.ts';
import {useSnapshotJob, type SnapshotJob} from '../../hooks/use-snapshot-job.ts';
import {useDrillJob} from '../../hooks/use-drill-job.ts';
import {drillSummary} from '../../model/snapshots/drill-report.ts';
import {useSyncReducer} from '../../hooks/use-sync-reducer.ts';
import {useHealth} from '../../hooks/use-health.ts';
import {useLogTail} from '../../hooks/use-log-tail.ts';
import {useKeyBrowser} from '../../hooks/use-key-browser.ts';
import {KeysPane} from '../keys/KeysPane.tsx';
import type {DashboardServices} from '../../hooks/dashboard-services.ts';
import {headerHealthWarnings} from '../../model/health/header-warnings.ts';
import {healthRowIds} from '../../model/health/health.ts';
import {recurringTroubleWarnings} from '../../model/logs/trouble-counts.ts';
import {HealthPane} from '../health/HealthPane.tsx';
import {LogsPane, logsPageSize} from '../logs/LogsPane.tsx';
import {logsEventFor} from '../logs/logs-keymap.ts';
import {ActionLog} from '../actions/ActionLog.tsx';
import {appReducer, effectiveSelection, initialAppState, keyScopes, overlayOpen} from './app-state.ts';
import {ConfirmDialog} from '../actions/ConfirmDialog.tsx';
import {actionFor, memberPanes, panes, type KeyBinding} from './keymap.ts';
import {describeKeyPress, type KeyPress} from '../keymap/terminal-keys.ts';
import {useTerminalInput} from '../keymap/use-terminal-input.ts';
import {DataTable} from '../shared/DataTable.tsx';
import {Header, headerHeight} from '../cluster/Header.tsx';
import {HelpOverlay, maxHelpOffset} from '../keymap/HelpOverlay.tsx';
import {LagPane} from '../lag/LagPane.tsx';
import {PaneTabs} from './PaneTabs.tsx';
import {SnapshotFormView, SnapshotJobView, snapshotJobHeight} from '../snapshots/SnapshotDialog.tsx';
import {isPathText, openSnapshotForm} from '../snapshots/snapshot-dialog-state.ts';
import {StatusLine} from './StatusLine.tsx';
import {minimumSize, TooSmall} from './TooSmall.tsx';

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
	/** Write keys (promote, move-leader) are not bound; help says so. */
	readOnly?: boolean;
	columns: number;
	rows: number;
	/** A snapshot already taken (the start-up check's), shown at once instead of "connecting…". */
	initialReading?: ClusterReading;
	onQuit?: () => void;
}

const maxHeaderWarnings = 4;
const backgroundMetricsMs = 10_000;

/** The dashboard: header, pane bar, the current pane and a status line, sized to the terminal. */
export function App({services, snapshotDir, logLines, keyBrowsing, refreshMs, quotaBytes, readOnly = false, columns, rows, initialReading, onQuit}: AppProps) {
	const {cluster, actions, saveSnapshot, drillSnapshot, logSource, metrics, keyBrowser} = services;
	const {exit} = useApp();
	const [state, dispatch, currentState] = useSyncReducer(appReducer, initialAppState);
	const [actionLog, recordAction] = useReducer(actionLogReducer, emptyActionLog);
	const {reading: snapshot, refreshNow} = useClusterReading(cluster, refreshMs, initialReading);
	const history = useLagHistory(snapshot);
	const snapshotJob = useSnapshotJob(saveSnapshot, (job: SnapshotJob) => {
		if (job.phase === 'running') {
			return;
		}

		const entry: ActionLogEntry = {
			at: Date.now(),
			action: 'snapshot',
			target: job.member.name,
			outcome: job.phase === 'done' ? 'succeeded' : job.cancelled ? 'cancelled' : 'failed',
			message: job.phase === 'done' ? `saved and verified ${job.saved.path}; ${job.saved.statusLine}` : job.message,
			etcdctl: `etcdctl --endpoints=${job.member.endpoint} snapshot save ${job.target}`,
		};
		recordAction({type: 'record', entry});
		dispatch({type: 'notice', text: entrySummary(entry)});
	});
	const drillJob = useDrillJob(drillSnapshot, job => {
		const entry: ActionLogEntry = {
			at: Date.now(),
			action: 'drill',
			target: path.basename(job.file),
			outcome: job.cancelled ? 'cancelled' : job.result.outcome === 'passed' ? 'succeeded' : 'failed',
			message: drillSummary(job.result),
			etcdctl: `etcdeck snapshot drill ${job.file}`,
		};
		recordAction({type: 'record', entry});
		dispatch({type: 'notice', text: entrySummary(entry)});
	});
	const logs = useLogTail(logSource, logLines, undefined, snapshot?.members);
	// /metrics pages are large: scraped at the refresh interval while the Health pane is shown, and every
	// 10 s otherwise (enough for the header's health warnings).
	const {health} = useHealth(metrics, state.pane === 'health' ? refreshMs : Math.max(refreshMs, backgroundMetricsMs), quotaBytes);
	const summary = snapshot === undefined ? undefined : summarize(snapshot, {quotaBytes});
	const memberNames = new Map((snapshot?.members ?? []).map(member => [member.id, member.name]));
	const extraWarnings = [...headerHealthWarnings(health?.warnings ?? []), ...recurringTroubleWarnings(logs.view.counts, logs.view.now, memberNames)];
	const members = summary === undefined ? [] : memberRows(summary);
	const endpoints = summary === undefined ? [] : endpointRows(summary);
	const lag = summary === undefined ? [] : lagRows(summary, history);
	const rowIds = state.pane === 'health' ? healthRowIds(health) : (state.pane === 'endpoints' ? endpoints : state.pane === 'lag' ? lag : members).map(row => row.id);
	const selectedId = effectiveSelection(state.selectedId, rowIds);
	const lastAction: ActionLogEntry | undefined = actionLog.entries.at(-1);
	const lastActionLine = lastAction === undefined ? undefined : actionHeadline(lastAction);
	const height = rows - 1;
	const jobHeight = snapshotJob.job === undefined ? 0 : snapshotJobHeight(snapshotJob.job, columns, drillJob.job);
	const paneHeight = height - headerHeight(summary, maxHeaderWarnings, lastActionLine, extraWarnings) - 2 - jobHeight;
	const [keysActive, setKeysActive] = useState(false);
	useEffect(() => {
		if (state.pane === 'keys') {
			setKeysActive(true);
		}
	}, [state.pane]);
	const keys = useKeyBrowser(keyBrowser, {...keyBrowsing, active: keysActive}, columns, paneHeight);
	// Read by the input handler, which may run for several keys before the next render.
	const latest = useRef({rowIds, selectedId, summary, history, snapshot, paneHeight});
	latest.current = {rowIds, selectedId, summary, history, snapshot, paneHeight};

	const unavailableReason = (binding: KeyBinding): string | undefined => {
		return readOnly && binding.writes === true ? 'off' : undefined;
	};
	const helpLegend = [
		...(readOnly ? ['(off): not bound in --read-only mode'] : []),
	];

	const send = (confirmation: Confirmation) => {
		dispatch({type: 'dialog-pending', text: confirmation.action === 'promote' ? `promoting ${confirmation.target}…` : `moving leadership to ${confirmation.target}…`});
		const request = confirmation.action === 'promote' ? actions.promote(confirmation.targetId) : actions.moveLeader(confirmation.targetId);
		void request.then((result: MemberActionResult) => {
			const entry = entryFromResult(confirmation, result, Date.now());
			recordAction({type: 'record', entry});
			dispatch({type: 'close-dialog', notice: entrySummary(entry)});
			refreshNow();
		});
	};

	const askFor = (kind: 'promote' | 'move-leader') => {
		const now = currentState();
		if (!memberPanes.includes(now.pane)) {
			const where = memberPanes.map(pane => panes.find(candidate => candidate.id === pane)?.number).join(', ');
			dispatch({type: 'notice', text: `${kind === 'promote' ? 'Promote' : 'Move-leader'} acts on the member selected in panes ${where}`});
			return;
		}

		const {summary: current, history: lagHistory, selectedId: target} = latest.current;
		const check = kind === 'promote' ? checkPromote(current, lagHistory, target) : checkMoveLeader(current, target);
		dispatch(check.allowed ? {type: 'open-dialog', confirmation: check.confirmation} : {type: 'notice', text: check.reason});
	};

	const showSnapshotForm = () => {
		if (snapshotJob.job?.phase === 'running') {
			dispatch({type: 'notice', text: 'A snapshot is already being saved: Esc cancels it'});
			return;
		}

		const current = latest.current.snapshot;
		if (current === undefined) {
			dispatch({type: 'notice', text: 'No snapshot yet: wait for the first refresh'});
			return;
		}

		if (lacksRootRole(current.probes)) {
			dispatch({type: 'notice', text: `A snapshot ${rootRoleNeeded}`});
			return;
		}

		snapshotJob.dismiss();
		drillJob.dismiss();
		dispatch({type: 'open-snapshot-form', form: openSnapshotForm(defaultSnapshotPath(snapshotDir, current.clusterId, Date.now()), snapshotSourceChoices(current))});
	};

	const startSnapshot = () => {
		const form = currentState().snapshotForm;
		const clusterId = latest.current.snapshot?.clusterId;
		const choice = form?.choices[form.chosen];
		const member = choice === undefined ? undefined : snapshotMemberOf(choice);
		if (form === undefined || choice === undefined || member === undefined || clusterId === undefined) {
			dispatch({type: 'snapshot-form', event: {type: 'problem', text: choice?.unavailableReason === undefined ? 'No member can serve a snapshot now' : `${choice.name} cannot: ${choice.unavailableReason}`}});
			return;
		}

		if (form.path.trim() === '') {
			dispatch({type: 'snapshot-form', event: {type: 'problem', text: 'Type the path to save the snapshot to'}});
			return;
		}

		dispatch({type: 'close-snapshot-form'});
		snapshotJob.start(form.path.trim(), member, clusterId);
	};

	// A terminal read can hold several keys ("jj" typed fast, or pasted), which arrive as one text press
	// that matches no binding. Outside text fields, each character is a key of its own.
	const onKey = ({input, key}: KeyPress) => {
		const now = currentState();
		const typing = now.snapshotForm !== undefined || (now.pane === 'logs' && logs.read().draft !== undefined) || (now.pane === 'keys' && keys.takesAllKeys);
		if ([...input].length > 1 && !typing && !key.ctrl && !key.meta) {
			for (const character of input) {
				handleKey(character, key);
			}

			return;
		}

		handleKey(input, key);
	};

	// A bug in a key's handling is the operator's to see, not the end of the dashboard (or of a snapshot).
	const onKeyError = (error: unknown, press: KeyPress) => {
		const entry = keyErrorEntry(describeKeyPress(press), error, Date.now());
		recordAction({type: 'record', entry});
		dispatch({type: 'notice', text: `${entrySummary(entry)} (a: action log)`});
	};

	useTerminalInput(onKey, onKeyError);

	function handleKey(input: string, key: Key): void {
		const now = currentState();
		if (now.pane === 'keys' && !overlayOpen(now)) {
			const jobKey = snapshotJob.job === undefined ? undefined : actionFor({scopes: ['snapshot-job'], readOnly}, input, key);
			if (jobKey === undefined && (keys.handleKey(input, key) || keys.takesAllKeys)) {
				return;
			}
		}

		const typingFilter = logs.read().draft !== undefined;
		const action = actionFor({scopes: keyScopes(now, {snapshotJob: snapshotJob.job !== undefined, typingLogFilter: typingFilter}), readOnly}, input, key);
		if (action === undefined) {
			if (now.snapshotForm !== undefined && !key.ctrl && !key.meta && isPathText(input)) {
				dispatch({type: 'snapshot-form', event: {type: 'type', text: input}});
			} else if (now.pane === 'logs' && typingFilter && !key.ctrl && !key.meta && isPathText(input)) {
				logs.dispatch({type: 'filter-type', text: input});
			}

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
				const step = action.type === 'select-next' ? 1 : -1;
				dispatch(now.snapshotForm === undefined ? {type: 'move-selection', step, rowIds: latest.current.rowIds} : {type: 'snapshot-form', event: {type: 'choose', step}});
				break;
			}

			case 'snapshot': {
				showSnapshotForm();
				break;
			}

			case 'keys': {
				// Routed by the Keys pane itself (above); listed in the keymap for help.
				break;
			}

			case 'logs': {
				logs.dispatch(logsEventFor(action.command, logsPageSize(latest.current.paneHeight, logs.read())));
				break;
			}

			case 'snapshot-save': {
				startSnapshot();
				break;
			}

			case 'snapshot-erase': {
				dispatch({type: 'snapshot-form', event: {type: 'erase'}});
				break;
			}

			case 'snapshot-clear-path': {
				dispatch({type: 'snapshot-form', event: {type: 'clear'}});
				break;
			}

			case 'snapshot-dismiss': {
				if (drillJob.job?.phase === 'running') {
					drillJob.cancel();
				} else if (snapshotJob.job?.phase === 'running') {
					snapshotJob.cancel();
				} else {
					drillJob.dismiss();
					snapshotJob.dismiss();
				}

				break;
			}

			case 'snapshot-drill': {
				const saved = snapshotJob.job;
				if (saved?.phase !== 'done') {
					dispatch({type: 'notice', text: saved?.phase === 'running' ? 'The drill needs the saved snapshot: wait until it is verified' : 'No saved snapshot to drill'});
				} else if (drillJob.job?.phase === 'running') {
					dispatch({type: 'notice', text: 'A drill is already running: Esc cancels it'});
				} else {
					drillJob.start(saved.saved.path);
				}

				break;
			}

			case 'refresh': {
				refreshNow();
				break;
			}

			case 'promote':
			case 'move-leader': {
				askFor(action.type);
				break;
			}

			case 'confirm': {
				if (now.dialog !== undefined && now.dialog.pending === undefined) {
					send(now.dialog.confirmation);
				}

				break;
			}

			case 'cancel': {
				if (now.snapshotForm !== undefined) {
					dispatch({type: 'close-snapshot-form'});
				} else if (now.dialog !== undefined && now.dialog.pending === undefined) {
					const entry = cancelledEntry(now.dialog.confirmation, Date.now());
					recordAction({type: 'record', entry});
					dispatch({type: 'close-dialog', notice: entrySummary(entry)});
				}

				break;
			}

			case 'toggle-action-log': {
				dispatch({type: 'toggle-action-log'});
				break;
			}

			case 'toggle-lag-chart': {
				dispatch({type: 'toggle-lag-chart'});
				break;
			}

			case 'toggle-help': {
				dispatch({type: 'toggle-help'});
				break;
			}

			case 'close': {
				dispatch(now.helpOpen ? {type: 'close-help'} : {type: 'toggle-action-log'});
				break;
			}

			case 'scroll-help': {
				dispatch({type: 'scroll-help', step: action.step, maxOffset: maxHelpOffset(columns, height - 1, helpLegend.length)});
				break;
			}
		}
	}

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	// One line short of the terminal (height): Ink redraws the whole screen on every frame when output fills it.
	const statusLine = <StatusLine takenAt={snapshot?.takenAt} durationMs={snapshot?.durationMs} refreshMs={refreshMs} notice={state.notice} readOnly={readOnly} width={columns} />;
	if (state.helpOpen) {
		return (
			<Box flexDirection="column" width={columns} height={height}>
				<HelpOverlay width={columns} height={height - 1} offset={state.helpOffset} unavailableReason={unavailableReason} legend={helpLegend} />
				{statusLine}
			</Box>
		);
	}


	const emptyText = snapshot === undefined ? 'connecting…' : `no member list: ${snapshot.memberListError ?? 'unknown error'}`;
	const pane = () => {
		if (state.snapshotForm !== undefined) {
			return <SnapshotFormView form={state.snapshotForm} width={columns} />;
		}

		if (state.dialog !== undefined) {
			const {confirmation, pending} = state.dialog;
			return <ConfirmDialog title={confirmation.title} facts={confirmation.facts} command={confirmation.etcdctl} pending={pending} width={columns} />;
		}

		if (state.actionLogOpen) {
			return <ActionLog entries={actionLog.entries} width={columns} height={paneHeight} />;
		}

		switch (state.pane) {
			case 'endpoints': {
				return <DataTable columns={endpointColumns} rows={endpoints} width={columns} height={paneHeight} selectedId={selectedId} emptyText={snapshot === undefined ? 'connecting…' : 'no endpoint answered'} />;
			}

			case 'keys': {
				return <KeysPane state={keys.state} startError={keys.startError} width={columns} height={paneHeight} />;
			}

			case 'logs': {
				return <LogsPane view={logs.view} width={columns} height={paneHeight} memberNames={memberNames} />;
			}

			case 'health': {
				return <HealthPane health={health} width={columns} height={paneHeight} selectedId={selectedId} emptyText={metrics === undefined ? 'metrics are not scraped in this run' : 'scraping /metrics…'} />;
			}

			case 'lag': {
				return <LagPane summary={summary} history={history} selectedId={selectedId} chart={state.lagChart} width={columns} height={paneHeight} />;
			}

			default: {
				return <DataTable columns={memberColumns} rows={members} width={columns} height={paneHeight} selectedId={selectedId} emptyText={emptyText} />;
			}
		}
	};

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header summary={summary} width={columns} maxWarnings={maxHeaderWarnings} lastAction={lastActionLine} lastActionOk={lastAction?.outcome === 'succeeded'} extraWarnings={extraWarnings} />
			<PaneTabs current={state.pane} width={columns} />
			<Box flexGrow={1} flexDirection="column">
				{pane()}
			</Box>
			{snapshotJob.job === undefined ? null : <SnapshotJobView job={snapshotJob.job} drill={drillJob.job} width={columns} />}
			{statusLine}
		</Box>
	);
}
