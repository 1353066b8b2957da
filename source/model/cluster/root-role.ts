import type {EndpointProbe} from '../../cluster/cluster-reading.ts';

/** Why the members refused Status to this user, as etcd said it; undefined when none did. */
export function statusDeniedReason(probes: ReadonlyArray<EndpointProbe | undefined>): string | undefined {
	return probes.find(probe => probe?.statusDenied !== undefined)?.statusDenied;
}

/**
 * Whether the user is known to lack the root role that promote, move-leader and snapshot need: the
 * members refused it Status, which etcd 3.5 allows only to root. Such an action is refused before it is
 * asked for; when this is not known, it is tried and etcd's own answer shown.
 */
export function lacksRootRole(probes: ReadonlyArray<EndpointProbe | undefined>): boolean {
	return statusDeniedReason(probes) !== undefined;
}

/** How such a refusal reads, after the action's name. */
export const rootRoleNeeded = 'needs the root role, which this user lacks';
