import {useEffect} from 'react';
import type {MemberInfo} from '../cluster/cluster-reading.ts';
import type {LogListener} from '../logs/log-source.ts';
import type {LogSourceStatus} from '../logs/log-status.ts';
import {initialLogViewState, logViewReducer, type LogViewEvent, type LogViewState} from '../model/logs/log-view.ts';
import {useSyncReducer} from './use-sync-reducer.ts';

/** Anything that tails log lines: the LogSource, a tail per member, or a fixture in tests. */
export interface LogTailSource {
	start(listener: LogListener): void;
	stop(): void;
	/** The member list as the latest reading has it: a tail per member follows it. */
	setMembers?(members: readonly MemberInfo[]): void;
}

export interface LogTail {
	view: LogViewState;
	dispatch: (event: LogViewEvent) => void;
	/** The latest state, synchronously: several keys can arrive before React renders again. */
	read: () => LogViewState;
}

/** How often trouble counts are brought up to date when no line arrives, so old warnings leave the 5 and 15 minute windows. */
export const logTickMs = 5000;

const notStarted: LogSourceStatus = {state: 'starting', message: 'starting the log tail…', severity: 'ok'};
const noMembers: readonly MemberInfo[] = [];

/** What of the member list the tails depend on: a new reading with the same members changes nothing. */
function membersKey(members: readonly MemberInfo[]): string {
	return JSON.stringify(members.map(member => [member.id, member.name, member.peerUrls, member.clientUrls]));
}

/**
 * Runs the log source while mounted (ending its processes on unmount) and keeps the pane's state;
 * the member list decides which tails run and how lines are named.
 */
export function useLogTail(source: LogTailSource, capacity: number, tickMs = logTickMs, members: readonly MemberInfo[] = noMembers): LogTail {
	const [view, dispatch, read] = useSyncReducer(logViewReducer, initialLogViewState(capacity, notStarted, Date.now()));
	const key = membersKey(members);
	useEffect(() => {
		dispatch({type: 'members', members});
		source.setMembers?.(members);
		// The key stands for the members: only a change in it is a change.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [source, key, dispatch]);
	useEffect(() => {
		source.start({
			onLines(lines, origin) {
				dispatch({type: 'append', lines, now: Date.now(), origin});
			},
			onBatches(batches) {
				dispatch({type: 'append-batches', batches, now: Date.now()});
			},
			onStatus(status, origin) {
				dispatch({type: 'status', status, origin});
			},
		});
		const timer = setInterval(() => {
			dispatch({type: 'tick', now: Date.now()});
		}, tickMs);
		return () => {
			clearInterval(timer);
			source.stop();
		};
	}, [source, tickMs, dispatch]);
	return {view, dispatch, read};
}
