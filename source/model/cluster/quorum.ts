/** Votes needed to commit or elect: a strict majority of the voters. */
export function quorumSize(voters: number): number {
	return voters === 0 ? 0 : Math.floor(voters / 2) + 1;
}

/** How many voters may fail with the cluster still available: 3 tolerate 1, 4 tolerate 1, 5 tolerate 2. */
export function failuresTolerated(voters: number): number {
	return Math.max(0, voters - quorumSize(voters));
}

/**
 * How many more voters can stop (restart, removal, failure) right now without losing quorum, given how
 * many answer. Negative means quorum is already lost by that many.
 */
export function spareVoters(voters: number, healthyVoters: number): number {
	return healthyVoters - quorumSize(voters);
}

/** An even voter count tolerates no more failures than one voter fewer. */
export function evenSizeAddsNothing(voters: number): boolean {
	return voters > 0 && voters % 2 === 0;
}
