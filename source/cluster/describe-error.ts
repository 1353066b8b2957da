/**
 * Turns what etcd, grpc or the network threw into one line an operator can act on, keeping etcd's own
 * words where they are already clear. Secrets passed in are masked wherever they would appear.
 */
export function describeError(error: unknown, timeoutMs: number, secrets: readonly string[] = []): string {
	const raw = error instanceof Error ? error.message : String(error);
	return redact(explain(raw, timeoutMs), secrets);
}

function explain(raw: string, timeoutMs: number): string {
	const message = raw.replace(/^\d+ [A-Z_]+: /, '').trim();
	const known: Array<[RegExp, string]> = [
		[/deadline exceeded/i, `no answer within ${timeoutMs} ms (--timeout)`],
		[/ECONNREFUSED/, 'connection refused: is etcd running and listening on this address?'],
		[/ENOTFOUND|EAI_AGAIN/, 'host name not found'],
		[/EHOSTUNREACH|ENETUNREACH/, 'host unreachable'],
		[/authentication failed, invalid user ID or password/, 'authentication failed: wrong user name or password'],
		[/user name is empty|user name not found/i, 'authentication is enabled on this cluster: pass --user NAME[:PASSWORD]'],
		[/authentication is not enabled/, '--user was given but authentication is not enabled on this cluster'],
		[/permission denied/, 'permission denied: the user\'s roles do not allow this request'],
		[/rpc not supported for learner/, 'a learner does not serve this request (ask a voter)'],
		[/self[- ]signed certificate|unable to (verify|get local issuer)|certificate verify failed|unknown authority/i, `TLS: the server's certificate is not trusted (${message}); check --cacert`],
		[/wrong version number|packet length too long|EPROTO/i, 'TLS mismatch: an https endpoint that speaks plain http, or the other way round'],
		[/certificate required|bad certificate/i, `TLS: the server wants a client certificate (${message}); pass --cert and --key`],
		[/Connection dropped/i, 'connection lost while waiting for the answer: the member went away'],
		[/No connection established/i, `cannot connect (${message})`],
	];
	for (const [pattern, explanation] of known) {
		if (pattern.test(message)) {
			return explanation;
		}
	}

	return message === '' ? 'unknown error' : message;
}

/** Replaces every occurrence of each non-empty secret with ***. */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret !== '') {
			result = result.split(secret).join('***');
		}
	}

	return result;
}
