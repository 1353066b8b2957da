import type {ConnectionSettings} from '../config/settings.ts';
import type {ClusterAlarm, EndpointProbe, MemberInfo} from './cluster-reading.ts';
import type {Probe} from './endpoint-prober.ts';
import {memberClientUrl} from './plaintext-refusal.ts';
import {alarmsFromStatusErrors, mergeAlarms} from './status-alarms.ts';

/** The endpoint to ask each member for its status: its first client URL, as etcdctl --cluster does (its first https:// one over TLS). */
export function probeTargets(members: readonly MemberInfo[], settings: ConnectionSettings): string[] {
	return [...new Set(members.map(member => memberClientUrl(member, settings)).filter((url): url is string => url !== undefined))];
}

/**
 * Keeps one probe per member (its own client URL's) and names the member of a failed probe from the
 * member list. A seed endpoint that is not some member's first client URL is kept only when it adds
 * something: it failed before naming its member, or it reached a member that has no probe of its own.
 */
export function attributeProbes<P extends EndpointProbe>(probes: P[], members: readonly MemberInfo[], wanted: readonly string[]): P[] {
	const memberByUrl = new Map(members.flatMap(member => member.clientUrls.map(url => [url, member.id] as const)));
	const named = probes.map(probe => ({...probe, memberId: probe.memberId ?? memberByUrl.get(probe.endpoint)}));
	const ownProbes = named.filter(probe => wanted.includes(probe.endpoint));
	const coveredMembers = new Set(ownProbes.map(probe => probe.memberId));
	const extras = named.filter(probe => !wanted.includes(probe.endpoint) && (probe.memberId === undefined || !coveredMembers.has(probe.memberId)));
	return [...ownProbes, ...extras];
}

/**
 * The active alarms, from the Status answers (every member reports the cluster's alarms; etcd's Alarm
 * request would go through raft even to list them). Unknown when no member's Status answered.
 */
export function alarmsOf(probes: readonly Probe[]): {value: ClusterAlarm[] | undefined; error: string | undefined} {
	const answered = probes.filter(probe => probe.status?.source === 'status');
	if (answered.length === 0) {
		const denied = probes.some(probe => probe.statusDenied !== undefined);
		return {value: undefined, error: denied ? 'only Status reports alarms, and this user may not call it' : 'no member answered its Status'};
	}

	return {value: mergeAlarms(answered.map(probe => alarmsFromStatusErrors(probe.status!.errors))), error: undefined};
}
