import type {LogEntry} from './log-entry.ts';
import {describeTrouble} from './log-trouble.ts';
import {nameMemberIds} from './member-ids.ts';

/** One field of a log line opened whole: what it is, and its value in full. */
export interface LogDetailField {
	label: string;
	value: string;
}

/**
 * A log line whole, as Enter opens it: when (in full, UTC), how bad, whose, where it was logged from,
 * the trouble sign it is, the message, then every field etcd's zap logger gave it, in etcd's order.
 * Member IDs in the message and the fields carry the member's name, as in the pane's lines.
 */
export function logEntryDetail(entry: LogEntry, memberNames: ReadonlyMap<string, string>): LogDetailField[] {
	const named = (text: string) => nameMemberIds(text, memberNames);
	const optional: Array<[string, string | undefined]> = [
		['member', entry.label],
		['host', entry.host],
		['unit', entry.unit],
		['component', entry.component],
		['trouble', entry.trouble === undefined ? undefined : describeTrouble(entry.trouble, memberNames)],
	];
	return [
		{label: 'time', value: new Date(entry.time).toISOString()},
		{label: 'level', value: entry.level},
		...optional.flatMap(([label, value]) => (value === undefined || value === '' ? [] : [{label, value}])),
		{label: 'message', value: named(entry.message)},
		...entry.fields.map(([label, value]) => ({label, value: named(value)})),
	];
}
