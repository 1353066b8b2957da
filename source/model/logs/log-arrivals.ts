import type {LogSourceStatus} from '../../logs/log-status.ts';
import {parseLogLine, type LogEntry} from './log-entry.ts';
import {keepWithinBudget, mergeByTime} from './log-merge.ts';
import {memberForHost, type LogMember} from './log-template.ts';
import {countTroubles, emptyTroubleCounts} from './trouble-counts.ts';
import type {LogBatchEvent, LogOriginRef, LogTailState, LogViewState} from './log-view-state.ts';

// What arrives from the tails: lines, merged by time into the bounded buffer, and each tail's state.

/** Distinct hosts and units remembered, enough to know whether lines need their source shown. */
const maxSourcesRemembered = 64;

function remember(known: readonly string[], values: ReadonlyArray<string | undefined>): readonly string[] {
	let result = known;
	for (const value of values) {
		if (value !== undefined && result.length < maxSourcesRemembered && !result.includes(value)) {
			result = [...result, value];
		}
	}

	return result;
}

export function orderLabels(labels: readonly string[], members: readonly LogMember[]): readonly string[] {
	const order = new Map(members.map((member, index) => [member.name, index]));
	const rank = (label: string) => order.get(label) ?? members.length;
	// Stable: labels no member has keep the order they were first seen in.
	return [...labels].sort((a, b) => rank(a) - rank(b));
}

export function append(state: LogViewState, batches: readonly LogBatchEvent[], now: number): LogViewState {
	let nextSeq = state.nextSeq;
	let skipped = 0;
	const parsed: LogEntry[] = [];
	for (const batch of batches) {
		skipped += batch.skipped ?? 0;
		for (const line of batch.lines) {
			const entry = parseLogLine(line, nextSeq++, now, batch.origin);
			// A copied journal holds several hosts: its lines are named by the member of their _HOSTNAME.
			if (entry.label === undefined && entry.host !== undefined) {
				entry.label = memberForHost(entry.host, state.members) ?? entry.host;
			}

			parsed.push(entry);
		}
	}

	const merged = mergeByTime(state.entries, parsed);
	const kept = keepWithinBudget(merged, state.capacity);
	const memberCounts = {...state.memberCounts};
	const byLabel = new Map<string, LogEntry[]>();
	for (const entry of parsed) {
		if (entry.label !== undefined && entry.trouble !== undefined) {
			byLabel.set(entry.label, [...(byLabel.get(entry.label) ?? []), entry]);
		}
	}

	const labels = remember(state.labels, parsed.map(entry => entry.label));
	for (const label of labels) {
		if (memberCounts[label] === undefined || byLabel.has(label)) {
			memberCounts[label] = countTroubles(memberCounts[label] ?? emptyTroubleCounts, byLabel.get(label) ?? [], now);
		}
	}

	return {
		...state,
		entries: kept,
		nextSeq,
		dropped: state.dropped + merged.length - kept.length + skipped,
		counts: countTroubles(state.counts, parsed, now),
		memberCounts,
		hosts: remember(state.hosts, parsed.map(entry => entry.host)),
		units: remember(state.units, parsed.map(entry => entry.unit)),
		labels: labels === state.labels ? labels : orderLabels(labels, state.members),
		now,
	};
}

/** What several tails are together: the one's own state, or how many stream and which failed. */
function combinedStatus(tails: readonly LogTailState[], fallback: LogSourceStatus): LogSourceStatus {
	if (tails.length === 0) {
		return fallback;
	}

	if (tails.length === 1) {
		return tails[0]!.status;
	}

	const failing = tails.filter(tail => tail.status.severity === 'error');
	const waiting = tails.filter(tail => tail.status.severity === 'warning');
	const streaming = tails.filter(tail => tail.status.state === 'streaming').length;
	const names = (some: readonly LogTailState[]) => some.map(tail => tail.member ?? tail.key).join(', ');
	const parts = [
		`${streaming} of ${tails.length} tails streaming`,
		failing.length === 0 ? undefined : `failed: ${names(failing)}`,
		waiting.length === 0 ? undefined : `waiting: ${names(waiting)}`,
	].filter(part => part !== undefined);
	const severity = failing.length === tails.length ? 'error' : failing.length > 0 || waiting.length > 0 ? 'warning' : 'ok';
	return {state: failing.length === tails.length ? failing[0]!.status.state : streaming > 0 ? 'streaming' : 'starting', message: parts.join('; '), severity};
}

export function tailStatus(state: LogViewState, status: LogSourceStatus, origin: LogOriginRef | undefined): LogViewState {
	if (origin === undefined) {
		return {...state, status};
	}

	const known = state.tails.some(tail => tail.key === origin.key);
	const tails = known
		? state.tails.map(tail => tail.key === origin.key ? {key: tail.key, member: origin.member ?? tail.member, status} : tail)
		: [...state.tails, {key: origin.key, member: origin.member, status}];
	return {...state, tails, status: combinedStatus(tails, state.status)};
}
