import type {ClusterSnapshot} from '../cluster/snapshot.ts';

/**
 * Why nothing of the cluster can be seen, endpoint by endpoint, or undefined when the member list or
 * at least one endpoint's status answered (a user who may not call Status still sees the members).
 * Used to refuse start-up with a specific message.
 */
export function nothingAnswers(snapshot: ClusterSnapshot): string[] | undefined {
	if (snapshot.memberListError === undefined && snapshot.members.length > 0) {
		return undefined;
	}

	if (snapshot.probes.some(probe => probe.status !== undefined)) {
		return undefined;
	}

	const reasons = snapshot.probes.map(probe => `${probe.endpoint}: ${probe.error ?? 'no answer'}`);
	return reasons.length > 0 ? reasons : [snapshot.memberListError ?? 'no endpoint to ask'];
}
