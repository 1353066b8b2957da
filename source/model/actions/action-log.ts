import path from 'node:path';
import type {DrillResult} from '../../backup/drill-result.ts';
import {drillSummary} from '../snapshots/drill-report.ts';
import type {MemberActionResult} from '../../cluster/member-action-result.ts';
import {moveLeaderCommand, promoteCommand, type Confirmation, type MemberActionKind} from './member-action-checks.ts';
import type {MaintenanceStepKind} from '../maintenance/maintenance-events.ts';
import type {MembershipActionKind} from '../membership/membership-confirmation.ts';
import {filterRows, type RowFilter} from '../shared/row-filter.ts';

/**
 * succeeded: etcd did it. failed: sent, and etcd refused or did not answer. refused: etcdeck did not
 * send it (a check on fresh data said no). cancelled: the operator said no at the confirmation.
 */
export type ActionOutcome = 'succeeded' | 'failed' | 'refused' | 'cancelled';

/** One line of the action log. Holds no credentials: the etcdctl equivalent carries none. */
export interface ActionLogEntry {
	/** When the outcome was known, ms since the epoch. */
	at: number;
	/** `key`: etcdeck failed handling a key press (a bug), logged so the operator sees what happened. */
	action: MemberActionKind | MembershipActionKind | 'snapshot' | 'drill' | 'key' | MaintenanceStepKind;
	/** The member acted on, as the confirmation named it; for `key`, the key. */
	target: string;
	outcome: ActionOutcome;
	/** What changed, or why nothing did, in etcd's words where etcd said no. */
	message: string;
	/** The etcdctl command that does the same (for a drill, etcdeck's own); undefined when there is none. */
	etcdctl: string | undefined;
}

/** Entries oldest first, never more than {@link actionLogLimit}. */
export interface ActionLogState {
	entries: readonly ActionLogEntry[];
}

export type ActionLogEvent = {type: 'record'; entry: ActionLogEntry} | {type: 'clear'};

/** The entries whose time, action, member, outcome, message or etcdctl holds the filter's text (any case). */
export function filterActionLog(entries: readonly ActionLogEntry[], filter: RowFilter): ActionLogEntry[] {
	return filterRows(entries, filter, entry => [clockTime(entry.at), entry.action, entry.target, entry.outcome, entry.message, entry.etcdctl ?? '']);
}

/** A dashboard session's actions fit; an endless one keeps its latest. */
export const actionLogLimit = 200;

export const emptyActionLog: ActionLogState = {entries: []};

export function actionLogReducer(state: ActionLogState, event: ActionLogEvent): ActionLogState {
	switch (event.type) {
		case 'record': {
			return {entries: [...state.entries, event.entry].slice(-actionLogLimit)};
		}

		case 'clear': {
			return emptyActionLog;
		}
	}
}

/** The log entry for what a confirmed action came to; the command names the endpoint it really went to. */
export function entryFromResult(confirmation: Confirmation, result: MemberActionResult, at: number): ActionLogEntry {
	const command = confirmation.action === 'promote' ? promoteCommand : moveLeaderCommand;
	return {
		at,
		action: confirmation.action,
		target: confirmation.target,
		outcome: result.ok ? 'succeeded' : result.sentTo === undefined ? 'refused' : 'failed',
		message: result.message,
		etcdctl: result.sentTo === undefined ? confirmation.etcdctl : command(result.sentTo, confirmation.targetId),
	};
}

/** The log entry for a confirmation the operator declined. */
export function cancelledEntry(confirmation: Confirmation, at: number): ActionLogEntry {
	return {at, action: confirmation.action, target: confirmation.target, outcome: 'cancelled', message: 'cancelled at the confirmation', etcdctl: confirmation.etcdctl};
}

/** The log entry for an error thrown while a key was handled: the key, and the error with where it was thrown. */
export function keyErrorEntry(key: string, error: unknown, at: number): ActionLogEntry {
	const message = error instanceof Error ? `${error.name}: ${error.message}${whereThrown(error)}` : `thrown: ${String(error)}`;
	return {at, action: 'key', target: key, outcome: 'failed', message: `${message}; a bug in etcdeck, which goes on`, etcdctl: undefined};
}

function whereThrown(error: Error): string {
	const frame = error.stack?.split('\n').find(line => line.trimStart().startsWith('at '))?.trim();
	return frame === undefined ? '' : ` (${frame})`;
}

/** Wall-clock time as the status line shows it: UTC, to the second. */
export function clockTime(at: number): string {
	return new Date(at).toISOString().slice(11, 19);
}

/** One line for the status line: "12:34:56 promote etcd-4 (2f0f…): succeeded: etcd-4 is a voter now". */
export function entrySummary(entry: ActionLogEntry): string {
	return `${clockTime(entry.at)} ${entry.action} ${entry.target}: ${entry.outcome}: ${entry.message}`;
}

/** The header's line for the last action: what changed when it worked, what and why when it did not. */
export function actionHeadline(entry: ActionLogEntry): string {
	return entry.outcome === 'succeeded' ? `${clockTime(entry.at)} ${entry.message}` : `${clockTime(entry.at)} ${entry.action} ${entry.target} ${entry.outcome}: ${entry.message}`;
}

/** A finished snapshot save as the action log keeps it: where it went (or why not), and etcdctl's way to do the same. */
export function snapshotSaveEntry(save: {target: string; member: {name: string; endpoint: string}; outcome: {saved: {path: string; statusLine: string}} | {message: string; cancelled: boolean}}, at: number): ActionLogEntry {
	const {outcome} = save;
	return {
		at,
		action: 'snapshot',
		target: save.member.name,
		outcome: 'saved' in outcome ? 'succeeded' : outcome.cancelled ? 'cancelled' : 'failed',
		message: 'saved' in outcome ? `saved and verified ${outcome.saved.path}; ${outcome.saved.statusLine}` : outcome.message,
		etcdctl: `etcdctl --endpoints=${save.member.endpoint} snapshot save ${save.target}`,
	};
}

/** A finished drill as the action log keeps it: the file's name, the verdict, and the command that repeats it. */
export function drillEntry(drill: {file: string; result: DrillResult; cancelled: boolean}, at: number): ActionLogEntry {
	return {
		at,
		action: 'drill',
		target: path.basename(drill.file),
		outcome: drill.cancelled ? 'cancelled' : drill.result.outcome === 'passed' ? 'succeeded' : 'failed',
		message: drillSummary(drill.result),
		etcdctl: `etcdeck snapshot drill ${drill.file}`,
	};
}
