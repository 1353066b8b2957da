import {Etcd3, type IHashKVResponse, type IOptions, type IResponseStream, type ISnapshotResponse} from 'etcd3';
import {noop} from 'cockatiel';
import type {ConnectionSettings} from '../config/settings.ts';
import {authSessionFor, type AuthSession, type Rejection, type SessionTransport} from './auth-session.ts';
import {plaintextRefusal, refusePlaintext} from './plaintext-refusal.ts';
import {withDeadline} from './with-deadline.ts';
import {httpGet} from '../metrics/http-get.ts';
import {metricsUrl} from '../metrics/metrics-targets.ts';
import {parseEtcdMetrics} from '../metrics/parse-etcd-metrics.ts';

/**
 * A client bound to exactly one endpoint, so what it reports is that member's own view. etcd3's
 * retries and circuit breaker are switched off: a dashboard must show a failure at once, not hide it
 * behind retries, and every call carries the --timeout deadline so a hung member cannot stall anyone.
 * With a user, the client sends the token of the credentials' shared {@link AuthSession} rather than
 * authenticating itself: a learner refuses Authenticate, and each Authenticate is a raft entry.
 */
export function createEndpointClient(endpoint: string, settings: ConnectionSettings): Etcd3 {
	const client = new EndpointClient(clientOptions(endpoint, settings));
	const session = sessionOf(settings);
	if (session !== undefined) {
		client.useSession(session, endpoint);
	}

	return client;
}

/** The session whose token the clients of these settings send, undefined without a user. */
export function sessionOf(settings: ConnectionSettings): AuthSession | undefined {
	return authSessionFor(settings, sessionTransport(settings));
}

function sessionTransport(settings: ConnectionSettings): SessionTransport {
	return {
		async authenticate(endpoint, credentials) {
			// A client of its own without credentials, closed at once: Authenticate is sent rarely.
			const client = new EndpointClient(clientOptions(endpoint, settings));
			try {
				const response = await withDeadline(client.auth.authenticate({name: credentials.username, password: credentials.password}), settings.timeoutMs);
				return response.token;
			} finally {
				client.close();
			}
		},
		async hasLeader(endpoint) {
			if (plaintextRefusal(endpoint, settings) !== undefined) {
				return undefined;
			}

			try {
				const page = await httpGet(metricsUrl(endpoint), {timeoutMs: settings.timeoutMs, tls: settings.tls, maxBytes: 32 * 1024 * 1024});
				return (await parseEtcdMetrics(page)).hasLeader;
			} catch {
				return undefined;
			}
		},
	};
}

/**
 * etcd3's options for one endpoint, TLS included, without credentials. Every client is made from
 * these, the one that authenticates included: an endpoint without TLS, once the cluster was reached
 * over TLS, throws PlaintextRefused here, so neither the password nor the token goes out in cleartext.
 */
function clientOptions(endpoint: string, settings: ConnectionSettings): IOptions {
	refusePlaintext(endpoint, settings);
	if (endpoint.startsWith('https:')) {
		silenceIpServerNameWarning();
	}

	const deadline = () => ({deadline: Date.now() + settings.timeoutMs});
	const options: IOptions = {
		hosts: endpoint,
		dialTimeout: settings.timeoutMs,
		defaultCallOptions: context => (context.isStream ? {} : deadline()),
		faultHandling: {host: () => noop, global: noop},
	};
	// Like etcdctl, TLS material only applies to https endpoints; https without it uses system roots.
	const tls = settings.tls;
	if (tls !== undefined && endpoint.startsWith('https:')) {
		options.credentials = {
			// grpc's createSsl takes null for "system roots"; etcd3's type says Buffer.
			rootCertificate: tls.ca ?? (null as unknown as Buffer),
			...(tls.cert === undefined ? {} : {certChain: tls.cert}),
			...(tls.key === undefined ? {} : {privateKey: tls.key}),
		};
	}

	return options;
}

/** The server-streaming call as grpc's generated client has it: request first, then metadata. */
type SnapshotMethod = (request: object, metadata: unknown, options: object) => IResponseStream<ISnapshotResponse>;

/**
 * etcd3 1.1.2's maintenance.snapshot() hands grpc the auth metadata where the request belongs, so the
 * token never reaches etcd and a cluster with authentication refuses every snapshot ("user name is
 * empty"), even root's. This client opens that stream with grpc's argument order; nothing else changes.
 */
class EndpointClient extends Etcd3 {
	constructor(options: IOptions) {
		super(options);
		const {pool} = this;
		this.maintenance.snapshot = async (callOptions = {}) => pool.withConnection('Maintenance', ({client, metadata}) => {
			const snapshot = (client as unknown as {snapshot: SnapshotMethod}).snapshot.bind(client);
			return snapshot({}, metadata, callOptions);
		});
		// etcd3 1.1.2's maintenance.hashKV() asks grpc for a method "hashKV", which its client names
		// "HashKV" (or "hashKv"): every call threw "client[method] is not a function". Same call, right name.
		// Looked up at each call: useSession() wraps the pool's exec later.
		const execPool = pool as unknown as {exec: (service: string, method: string, payload: object, options?: object) => Promise<IHashKVResponse>};
		this.maintenance.hashKV = async (request, callOptions) => execPool.exec('Maintenance', 'HashKV', request, callOptions);
	}

	/**
	 * Sends the session's token instead of authenticating: etcd3's authenticator (one per client, which
	 * would send the password to this very member) is replaced by one that hands out the shared token.
	 * etcd3 calls invalidateMetadata() and retries when etcd answers "invalid auth token"; the session
	 * decides whether that means a new token or the same one again a little later, and the retries on
	 * one token are bounded here (etcd3's own retry has no bound).
	 */
	useSession(session: AuthSession, endpoint: string): void {
		const pool = this.pool as unknown as PoolInternals;
		const withoutToken = pool.authenticator;
		let sent: string | undefined;
		let rejection: Rejection | undefined;
		let waits = 0;
		pool.authenticator = {
			async getMetadata() {
				if (rejection === 'wait') {
					waits += 1;
					if (waits > maxWaitsOnOneToken) {
						rejection = undefined;
						waits = 0;
						throw new Error('etcdserver: invalid auth token (this member does not know the session\'s token yet: is it catching up?)');
					}

					await delay(waitOnTokenMs);
				} else {
					waits = 0;
				}

				rejection = undefined;
				const token = await session.token();
				sent = token;
				const metadata = await withoutToken.getMetadata();
				metadata.set('token', token);
				return metadata;
			},
			invalidateMetadata() {
				rejection = sent === undefined ? 'renew' : session.rejected(sent, endpoint);
			},
		};

		const exec = pool.exec.bind(pool);
		pool.exec = async (...call) => {
			try {
				const result = await exec(...call);
				if (sent !== undefined) {
					session.accepted(sent, endpoint);
				}

				return result;
			} catch (error) {
				const message = error instanceof Error ? error.message : '';
				if (sent !== undefined && /permission denied/.test(message)) {
					session.accepted(sent, endpoint);
				}

				// etcd refuses a token issued before the last change of users or roles; a new one mends it.
				if (sent === undefined || !/revision of auth store is old/.test(message)) {
					throw error;
				}

				session.outdated(sent);
				return exec(...call);
			}
		};
	}
}

/** A member that has not applied the Authenticate entry yet is asked again this much later… */
const waitOnTokenMs = 150;
/** …this many times, before the call fails. */
const maxWaitsOnOneToken = 5;

interface TokenMetadata {
	set(key: string, value: string): void;
}

/** The parts of etcd3 1.1.2's ConnectionPool the session replaces (TypeScript has them private). */
interface PoolInternals {
	authenticator: {getMetadata(): Promise<TokenMetadata>; invalidateMetadata(): void};
	exec(...call: unknown[]): Promise<unknown>;
}

async function delay(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

let ipServerNameWarningSilenced = false;

/**
 * grpc-js sends the endpoint's host as the TLS server name even when it is an IP address, and node then
 * prints a deprecation warning (DEP0123) to stderr: noise in `etcdeck status` output and over the
 * dashboard. etcdctl sends no server name for an IP; the certificate is checked against the IP either
 * way. Only that one warning is dropped.
 */
function silenceIpServerNameWarning(): void {
	if (ipServerNameWarningSilenced) {
		return;
	}

	ipServerNameWarningSilenced = true;
	const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
	process.emitWarning = (...args: unknown[]) => {
		const [, typeOrOptions, code] = args;
		const warningCode = typeof typeOrOptions === 'object' && typeOrOptions !== null ? (typeOrOptions as {code?: unknown}).code : code;
		if (warningCode !== 'DEP0123') {
			emitWarning(...args);
		}
	};
}
