import type {ConnectionSettings} from '../config/settings.ts';
import {DiagnosedError} from './describe-error.ts';
import type {MemberInfo} from './cluster-reading.ts';

/**
 * Credentials only over the TLS they were given for. A member's advertised client URLs decide where
 * etcdeck connects once it has read the member list; a member (or whoever can change its flags)
 * advertising http:// behind an https:// endpoint would otherwise receive the password in cleartext.
 * etcdctl, in the same setup, does not send it. So when any endpoint the operator gave uses TLS, etcdeck
 * makes no connection without TLS to any member: that member's row says why, and the rest works. Only
 * when every endpoint given is http:// (the operator's own choice) is plain http used.
 */
export function tlsRequired(settings: Pick<ConnectionSettings, 'endpoints'>): boolean {
	return settings.endpoints.some(endpoint => isTls(endpoint));
}

function isTls(url: string): boolean {
	return /^https:/i.test(url);
}

/** Why etcdeck will not connect to `endpoint`, or undefined when it may. */
export function plaintextRefusal(endpoint: string, settings: Pick<ConnectionSettings, 'endpoints' | 'auth'>): string | undefined {
	if (isTls(endpoint) || !tlsRequired(settings)) {
		return undefined;
	}

	const where = settings.endpoints.includes(endpoint) ? `${endpoint} is given beside https:// endpoints` : `advertises ${endpoint} while the cluster was reached over TLS`;
	const what = settings.auth === undefined ? 'what it reads would travel in the clear' : 'credentials would travel in the clear';
	return `${where}: not connecting, ${what}`;
}

/** Thrown instead of connecting: the message is the refusal, shown as it is. */
export class PlaintextRefused extends DiagnosedError {
	override name = 'PlaintextRefused';
}

/** Throws {@link PlaintextRefused} when `endpoint` may not be connected to. */
export function refusePlaintext(endpoint: string, settings: Pick<ConnectionSettings, 'endpoints' | 'auth'>): void {
	const refusal = plaintextRefusal(endpoint, settings);
	if (refusal !== undefined) {
		throw new PlaintextRefused(refusal);
	}
}

/** The client URL to reach a member on: its first https:// one when TLS is required, else its first. */
export function memberClientUrl(member: Pick<MemberInfo, 'clientUrls'>, settings: Pick<ConnectionSettings, 'endpoints'>): string | undefined {
	const secure = tlsRequired(settings) ? member.clientUrls.find(url => isTls(url)) : undefined;
	return secure ?? member.clientUrls[0];
}
