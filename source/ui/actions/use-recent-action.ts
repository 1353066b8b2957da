import {useEffect, useState} from 'react';
import type {ActionLogEntry} from '../../model/actions/action-log.ts';

/** How long an action's outcome stays in the header; the status line and the action log keep it. */
export const recentActionMs = 8000;

/** The last entry while it is recent, then undefined: a timer redraws when it leaves the header. */
export function useRecentAction(entries: readonly ActionLogEntry[], ms = recentActionMs): ActionLogEntry | undefined {
	const last = entries.at(-1);
	const [, setExpired] = useState(0);
	const until = last === undefined ? 0 : last.at + ms;
	useEffect(() => {
		const left = until - Date.now();
		if (left <= 0) {
			return undefined;
		}

		const timer = setTimeout(() => {
			setExpired(count => count + 1);
		}, left);
		return () => {
			clearTimeout(timer);
		};
	}, [until]);
	const left = until - Date.now();
	return left > 0 ? last : undefined;
}
