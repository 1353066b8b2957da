import type {ClusterSummary} from '../cluster/cluster-summary.ts';
import {evenSizeAddsNothing, failuresTolerated, quorumSize} from '../cluster/quorum.ts';
import {lacksRootRole, rootRoleNeeded} from '../cluster/root-role.ts';
import type {ConfirmationFact} from '../actions/member-action-checks.ts';
import {plural} from '../shared/format.ts';

export function refuse(reason: string): {allowed: false; reason: string} {
	return {allowed: false, reason};
}

/**
 * A membership change needs the cluster able to commit it and nothing half-done: quorum, every voter
 * answering, a leader, no member added and never started. The first that fails, as a reason.
 */
export function membershipBlocker(summary: ClusterSummary): string | undefined {
	if (lacksRootRole(summary.views.map(view => view.probe))) {
		return rootRoleNeeded;
	}

	if (summary.quorumLost) {
		return `the cluster has no quorum (${summary.healthyVoters} of ${summary.voters} voters answer, ${summary.quorum} needed): a membership change cannot be committed`;
	}

	if (summary.leader === undefined) {
		return 'no leader known: no member reports itself as leader';
	}

	return undefined;
}

function tolerates(voters: number): string {
	return plural(failuresTolerated(voters), 'failure');
}

export function votersFact(before: number, after: number): ConfirmationFact {
	return {label: 'Voters', value: `${before} → ${after} (quorum ${quorumSize(before)} → ${quorumSize(after)})`};
}

export function toleratesFact(before: number, after: number): ConfirmationFact {
	return {label: 'Tolerates', value: `${tolerates(before)} → ${tolerates(after)}`};
}

export function evenWarning(voters: number): string | undefined {
	return evenSizeAddsNothing(voters) ? `${voters} voters: an even count tolerates no more failures than ${voters - 1} (${tolerates(voters)}); add or remove one more` : undefined;
}
