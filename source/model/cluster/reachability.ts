import type {ClusterReading} from '../../cluster/cluster-reading.ts';

/**
 * Why nothing of the cluster can be seen, endpoint by endpoint, or undefined when at least one member
 * answered its status call: with its figures, or refusing Status to this user (a user whose roles may
 * not call Status still gets the member list and each member's reachability). Used to refuse start-up
 * with a specific message.
 */
export function nothingAnswers(reading: ClusterReading): string[] | undefined {
	if (reading.probes.some(probe => probe.status !== undefined || probe.statusDenied !== undefined)) {
		return undefined;
	}

	const reasons = reading.probes.map(probe => `${probe.endpoint}: ${probe.error ?? 'no answer'}`);
	return reasons.length > 0 ? reasons : [reading.memberListError ?? 'no endpoint to ask'];
}
