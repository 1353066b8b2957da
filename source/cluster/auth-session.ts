import type {AuthSettings, ConnectionSettings} from '../config/settings.ts';

/** What the session needs from the network. */
export interface SessionTransport {
	/** Sends Authenticate to that one member and returns the token. */
	authenticate(endpoint: string, credentials: AuthSettings): Promise<string>;
	/**
	 * Whether the member knows a leader, from its /metrics (etcd_server_has_leader); undefined when that
	 * cannot be told. Authenticate is a proposal: without a leader it fails and counts as one of the
	 * member's failed proposals, so the session does not send it then.
	 */
	hasLeader(endpoint: string): Promise<boolean | undefined>;
}

/** What a rejected token calls for. */
export type Rejection = 'renew' | 'wait';

interface CurrentToken {
	token: string;
	/** Endpoints that have served a request with this token. */
	acceptedBy: Set<string>;
}

/**
 * A member that never accepted the current token gets a new one at most this often: it has not applied
 * the Authenticate entry yet (members apply it a little after the one that took it), or it is behind
 * (a learner catching up, a member back from a restart), and a new token would be as new to it.
 */
export const slowRenewMs = 30_000;

/**
 * One etcd token shared by every client of one set of credentials. Authenticate is a raft request (a
 * WAL entry on every member) and a learner refuses it, so it is sent once, to a voter, and its token
 * goes with every member's requests, learners' included. A new token is asked for only when etcd
 * rejects the current one in a way a new one mends (--auth-token-ttl passed, a restarted member forgot
 * its simple tokens, the auth store changed), never at every refresh.
 */
export class AuthSession {
	/** How many Authenticate requests this session has sent; each is one raft entry. */
	authentications = 0;
	private current: CurrentToken | undefined;
	private pending: Promise<CurrentToken> | undefined;
	private voters: readonly string[] = [];
	private lastAuthenticationAt = Number.NEGATIVE_INFINITY;
	/** etcd refused these credentials: they are not sent again before `until`. */
	private refusal: {error: unknown; until: number} | undefined;

	constructor(
		private readonly credentials: AuthSettings,
		private readonly seeds: readonly string[],
		private readonly transport: SessionTransport,
		private readonly now: () => number = Date.now,
	) {}

	/** Where to authenticate first: the voters of the latest member list (learners refuse Authenticate). */
	preferVoters(endpoints: readonly string[]): void {
		this.voters = [...endpoints];
	}

	/** The token to send; authenticates when there is none yet. Calls made meanwhile share one request. */
	async token(): Promise<string> {
		if (this.current !== undefined) {
			return this.current.token;
		}

		if (this.refusal !== undefined && this.now() < this.refusal.until) {
			throw this.refusal.error;
		}

		this.pending ??= this.authenticate().finally(() => {
			this.pending = undefined;
		});
		return (await this.pending).token;
	}

	/** `endpoint` served a request sent with `token`. */
	accepted(token: string, endpoint: string): void {
		if (this.current?.token === token) {
			this.current.acceptedBy.add(endpoint);
		}
	}

	/**
	 * `endpoint` rejected `token` as invalid or expired. 'renew' when the next token() authenticates
	 * again: the member served this token before, so it has forgotten it (its TTL passed, it restarted).
	 * 'wait' when a new token would not help now: the member has probably not applied the Authenticate
	 * entry yet, or is far behind (a new token would be as new to it); try the same token again shortly.
	 */
	rejected(token: string, endpoint: string): Rejection {
		const current = this.current;
		if (current === undefined || current.token !== token) {
			return 'renew';
		}

		const forgotten = current.acceptedBy.has(endpoint);
		if (!forgotten && this.now() - this.lastAuthenticationAt < slowRenewMs) {
			return 'wait';
		}

		this.current = undefined;
		return 'renew';
	}

	/** The auth store changed since the token was issued (etcd: "revision of auth store is old"). */
	outdated(token: string): void {
		if (this.current?.token === token) {
			this.current = undefined;
		}
	}

	/** The strings no message may repeat: the password and the token. */
	secrets(): string[] {
		return [this.credentials.password, ...(this.current === undefined ? [] : [this.current.token])];
	}

	private async authenticate(): Promise<CurrentToken> {
		const candidates = [...new Set([...this.voters, ...this.seeds])];
		const errors: unknown[] = [];
		// One voter at a time, never in parallel: each accepted attempt is a raft entry.
		for (const endpoint of candidates) {
			if (await this.transport.hasLeader(endpoint) === false) {
				errors.push(new Error('no leader: not authenticating now (Authenticate is a raft proposal)'));
				continue;
			}

			try {
				this.authentications += 1;
				this.lastAuthenticationAt = this.now();
				const token = await this.transport.authenticate(endpoint, this.credentials);
				const current = {token, acceptedBy: new Set([endpoint])};
				this.current = current;
				this.refusal = undefined;
				return current;
			} catch (error) {
				errors.push(error);
				if (!triesAnotherMember(error)) {
					this.refusal = {error, until: this.now() + slowRenewMs};
					throw error;
				}
			}
		}

		throw errors.length === 1 ? errors[0] : new AggregateError(errors, candidates.join(', '));
	}
}

/**
 * A wrong password or user is wrong on every member: asking the next would only send the password
 * again. A learner, or a member that cannot be reached, says nothing about the others.
 */
function triesAnotherMember(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return !/authentication failed|user name not found|authentication is not enabled|user name is empty/.test(message);
}

const sessions = new WeakMap<AuthSettings, AuthSession>();

/**
 * The session of these credentials: every client made from the same settings (the dashboard's
 * status polling, the key browser, a snapshot stream) shares one token.
 */
export function authSessionFor(settings: ConnectionSettings, transport: SessionTransport): AuthSession | undefined {
	const {auth} = settings;
	if (auth === undefined) {
		return undefined;
	}

	let session = sessions.get(auth);
	if (session === undefined) {
		session = new AuthSession(auth, settings.endpoints, transport);
		sessions.set(auth, session);
	}

	return session;
}

/** The password and the current token of these credentials: what no message may repeat. */
export function credentialSecrets(auth: AuthSettings): string[] {
	return sessions.get(auth)?.secrets() ?? [auth.password];
}
