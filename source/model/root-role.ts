import type {EndpointProbe} from '../cluster/snapshot.ts';

/** Why the members refused Status to this user, as etcd said it; undefined when none did. */
export function statusDeniedReason(probes: ReadonlyArray<EndpointProbe | undefined>): string | undefined {
	return probes.find(probe => probe?.statusDenied !== undefined)?.statusDenied;
}

/**
 * Why an action that needs the root role (promote, move-leader, snapshot) is refused before it is
 * asked for: the members refused Status to this user, which etcd 3.5 allows only to root, so etcd
 * would refuse the action too. Undefined when that is not known (the action is tried and etcd's own
 * answer shown).
 */
export function rootRoleRefusal(what: string, probes: ReadonlyArray<EndpointProbe | undefined>): string | undefined {
	return statusDeniedReason(probes) === undefined ? undefined : `${what} needs the root role, and etcd refuses this user even Status`;
}
