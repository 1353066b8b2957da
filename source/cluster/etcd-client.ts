import {Etcd3, type IOptions, type IResponseStream, type ISnapshotResponse} from 'etcd3';
import {noop} from 'cockatiel';
import type {ConnectionSettings} from '../config/settings.ts';
import {refusePlaintext} from './plaintext-refusal.ts';

/**
 * A client bound to exactly one endpoint, so what it reports is that member's own view. etcd3's
 * retries and circuit breaker are switched off: a dashboard must show a failure at once, not hide it
 * behind retries, and every call carries the --timeout deadline so a hung member cannot stall anyone.
 * Throws PlaintextRefused for an endpoint without TLS when the cluster was reached over TLS.
 */
export function createEndpointClient(endpoint: string, settings: ConnectionSettings): Etcd3 {
	// No client without TLS once the cluster was reached over TLS: it would send the password in cleartext.
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
	if (settings.auth !== undefined) {
		options.auth = {username: settings.auth.username, password: settings.auth.password, callOptions: deadline};
	}

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

	return new EndpointClient(options);
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
	}
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
