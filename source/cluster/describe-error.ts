import type {ConnectionSettings} from '../config/settings.ts';
import {credentialSecrets} from './auth-session.ts';

/** What the operator gave, so that a message can name the flag to change. */
export interface ErrorContext {
	/** A CA bundle was given (--cacert, ETCDCTL_CACERT or the client directory's cacert). */
	cacert?: boolean;
	/** A client certificate was given (--cert and --key, or ETCDCTL_CERT and ETCDCTL_KEY). */
	clientCert?: boolean;
}

/**
 * A failure already explained in the operator's words (by a check made after the call failed, such as
 * finding out which protocol the endpoint speaks): describeError passes its message on as it is.
 */
export class DiagnosedError extends Error {
	override name = 'DiagnosedError';
}

/**
 * Turns what etcd, grpc or the network threw into one line an operator can act on, keeping etcd's own
 * words where they are already clear. Secrets are masked wherever the error repeats them; the fixed
 * wording around them is etcdeck's own and never holds one.
 */
export function describeError(error: unknown, timeoutMs: number, secrets: readonly string[] = [], context: ErrorContext = {}): string {
	if (error instanceof DiagnosedError) {
		return redact(error.message, secrets);
	}

	const raw = error instanceof Error ? error.message : String(error);
	const message = raw.replace(/^\d+ [A-Z_]+: /, '').trim();
	const detail = redact(connectionDetail(message), secrets);
	for (const [pattern, explanation] of explanations(timeoutMs, context)) {
		if (pattern.test(message)) {
			return explanation(detail);
		}
	}

	return message === '' ? 'unknown error' : redact(message, secrets);
}

/** describeError with everything taken from the connection settings: deadline, password, TLS flags given. */
export function describeConnectionError(error: unknown, settings: ConnectionSettings): string {
	return describeError(error, settings.timeoutMs, secretsOf(settings), {cacert: settings.tls?.ca !== undefined, clientCert: settings.tls?.cert !== undefined});
}

/** The strings of the settings that must never reach a message: the password and the session's token. */
export function secretsOf(settings: ConnectionSettings): string[] {
	return settings.auth === undefined ? [] : credentialSecrets(settings.auth);
}

type Explanation = (detail: string) => string;

function explanations(timeoutMs: number, context: ErrorContext): Array<[RegExp, Explanation]> {
	const untrusted: Explanation = context.cacert === true
		? detail => `TLS: the server's certificate is not signed by the --cacert CA (${detail})`
		: detail => `TLS: the server's certificate is not signed by a CA this system trusts: pass --cacert with the cluster's CA (${detail})`;
	const clientCertificate: Explanation = context.clientCert === true
		? detail => `TLS: the server refused the client certificate (--cert): is it signed by a CA the server trusts, and valid? (${detail})`
		: detail => `TLS: the server requires a client certificate: pass --cert and --key (${detail})`;
	return [
		[/deadline exceeded/i, () => `no answer within ${timeoutMs} ms (--timeout)`],
		[/ECONNREFUSED/, () => 'connection refused: is etcd running and listening on this address?'],
		[/ENOTFOUND|EAI_AGAIN/, () => 'host name not found'],
		[/EHOSTUNREACH|ENETUNREACH/, () => 'host unreachable'],
		[/authentication failed, invalid user ID or password/, () => 'authentication failed: wrong user name or password'],
		[/user name is empty/, () => 'this cluster has authentication enabled: pass --user NAME[:PASSWORD] (or set ETCDCTL_USER)'],
		[/user name not found/, () => 'authentication failed: etcd has no user by that name'],
		[/authentication is not enabled/, () => 'a user was given (--user, ETCDCTL_USER or --client-dir) but this cluster has authentication disabled: leave the user out'],
		[/permission denied/, () => 'permission denied: the user\'s roles do not allow this request'],
		[/rpc not supported for learner/, () => 'a learner does not serve this request (ask a voter)'],
		[/does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/, detail => `TLS: the server's certificate is not for this address: use an endpoint address it names (${detail})`],
		[/certificate has expired|certificate is not yet valid/, detail => `TLS: the server's certificate is outside its validity period (${detail})`],
		[/self[- ]signed certificate|unable to (verify|get local issuer)|certificate verify failed|unknown authority/i, untrusted],
		[/alert (certificate required|bad certificate|unknown ca|certificate unknown)/i, clientCertificate],
		[/wrong version number|packet length too long|disconnected before secure TLS connection/i, detail => `TLS handshake failed: this endpoint does not seem to speak TLS; if so, use http:// (${detail})`],
		[/Connection dropped/i, () => 'connection lost while waiting for the answer: the member went away'],
		[/Last error: (null|Failed to connect)/, () => 'the connection closed before etcd answered: is this an etcd client URL, and is http:// or https:// right?'],
		[/No connection established/i, detail => `cannot connect (${detail})`],
	];
}

/**
 * The part of a connection failure that says why: grpc wraps it as "No connection established. Last
 * error: …. Resolution note: …" with a time stamp, and OpenSSL as "…:SSL routines:function:reason:file:line".
 */
function connectionDetail(message: string): string {
	const lastError = /Last error: ([\s\S]*?)\. Resolution note:/.exec(message)?.[1] ?? message;
	const openSslReason = /SSL routines:[^:]*:([^:]+):/.exec(lastError)?.[1];
	if (openSslReason !== undefined) {
		return openSslReason.replace(/^(sslv3|tlsv1[0-9]*) alert /, 'TLS alert: ');
	}

	return lastError.replace(/^Error( \[[A-Z_\d]+\])?: /, '').replace(/\s*\(\d{4}-\d\d-\d\dT[\d:.]+Z\)$/, '').trim();
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
