import {useEffect} from 'react';
import type {LogListener} from '../logs/log-source.ts';
import type {LogSourceStatus} from '../logs/log-status.ts';
import {initialLogViewState, logViewReducer, type LogViewEvent, type LogViewState} from '../model/logs/log-view.ts';
import {useSyncReducer} from './use-sync-reducer.ts';

/** Anything that tails log lines: the LogSource, or a fixture in tests. */
export interface LogTailSource {
	start(listener: LogListener): void;
	stop(): void;
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

/** Runs the log source while mounted (ending its process on unmount) and keeps the pane's state. */
export function useLogTail(source: LogTailSource, capacity: number, tickMs = logTickMs): LogTail {
	const [view, dispatch, read] = useSyncReducer(logViewReducer, initialLogViewState(capacity, notStarted, Date.now()));
	useEffect(() => {
		source.start({
			onLines(lines) {
				dispatch({type: 'append', lines, now: Date.now()});
			},
			onStatus(status) {
				dispatch({type: 'status', status});
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
