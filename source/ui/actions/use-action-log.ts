import {useCallback, useReducer} from 'react';
import {actionLogReducer, emptyActionLog, entrySummary, type ActionLogEntry} from '../../model/actions/action-log.ts';

export interface ActionLog {
	entries: readonly ActionLogEntry[];
	/** Keeps an entry, and returns the line the status line shows for it. */
	record: (entry: ActionLogEntry) => string;
}

/** The session's action log: every write, snapshot, drill and failed key, with its etcdctl equivalent. */
export function useActionLog(): ActionLog {
	const [log, dispatch] = useReducer(actionLogReducer, emptyActionLog);
	const record = useCallback((entry: ActionLogEntry) => {
		dispatch({type: 'record', entry});
		return entrySummary(entry);
	}, []);
	return {entries: log.entries, record};
}
