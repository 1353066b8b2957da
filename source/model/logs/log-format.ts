import type {LogLevel} from './etcd-log-line.ts';
import {formatCount} from '../shared/format.ts';
import type {TroubleTally} from './trouble-counts.ts';

const levelLetters: Record<LogLevel, string> = {error: 'E', warn: 'W', info: 'I', debug: 'D'};

export function levelLetter(level: LogLevel): string {
	return levelLetters[level];
}

/** A line's time in UTC, as the status line gives times; with the date when it is not `now`'s day. */
export function formatLogTime(time: number, now: number): string {
	const iso = new Date(time).toISOString();
	const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
	return sameDay ? iso.slice(11, 23) : `${iso.slice(5, 10)} ${iso.slice(11, 23)}`;
}

/** "2/5/40": seen in the last 5 minutes, the last 15, and since the tail began. */
export function tallyFigures(tally: TroubleTally): string {
	return `${formatCount(tally.shortWindow)}/${formatCount(tally.longWindow)}/${formatCount(tally.total)}`;
}
