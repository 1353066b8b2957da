import {decimalIdToHex} from './ids.ts';
import type {ClusterAlarm} from './cluster-reading.ts';

/** One entry of Status `errors` as etcd 3.4 and 3.5 write it: "memberID:1520713267247070721 alarm:NOSPACE ". */
const alarmEntry = /^\s*memberID:(\d+)\s+alarm:([A-Z_]+)\s*$/;

/**
 * The alarms in a Status answer's `errors`, with the member ID in hex as etcdctl's member list prints
 * it. Entries of another form are not alarms and are left out.
 */
export function alarmsFromStatusErrors(errors: readonly string[]): ClusterAlarm[] {
	return errors.flatMap(entry => {
		const match = alarmEntry.exec(entry);
		return match === null ? [] : [{memberId: decimalIdToHex(match[1]!), alarm: match[2]!}];
	});
}

/** Every alarm the members report, once each (every member reports the whole cluster's alarms). */
export function mergeAlarms(lists: ReadonlyArray<readonly ClusterAlarm[]>): ClusterAlarm[] {
	const seen = new Map<string, ClusterAlarm>();
	for (const alarm of lists.flat()) {
		seen.set(`${alarm.memberId} ${alarm.alarm}`, alarm);
	}

	return [...seen.values()];
}
