/**
 * What a failed read means for the next step. `denied`: RBAC refused it, another member will too.
 * `no-quorum`: the member may be up but cannot serve a linearizable read (no leader, timed out), so a
 * serializable read from it can tell. `unreachable`: try another member. `other`: etcd answered with
 * an error about the request: report it.
 */
export type ReadErrorKind = 'denied' | 'no-quorum' | 'unreachable' | 'other';

export function classifyReadError(error: unknown): ReadErrorKind {
	const message = error instanceof Error ? error.message : String(error);
	if (/permission denied/i.test(message)) {
		return 'denied';
	}

	if (/deadline exceeded|request timed out|no leader|leader changed|timed out/i.test(message)) {
		return 'no-quorum';
	}

	if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|No connection established|Connection dropped|Last error|not supported for learner|UNAVAILABLE|closed/i.test(message)) {
		return 'unreachable';
	}

	return 'other';
}
