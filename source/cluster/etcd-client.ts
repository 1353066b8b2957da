import {Etcd3, type IOptions} from 'etcd3';
import {noop} from 'cockatiel';
import type {ConnectionSettings} from '../config/settings.ts';

/**
 * A client bound to exactly one endpoint, so what it reports is that member's own view. etcd3's
 * retries and circuit breaker are switched off: a dashboard must show a failure at once, not hide it
 * behind retries, and every call carries the --timeout deadline so a hung member cannot stall anyone.
 */
export function createEndpointClient(endpoint: string, settings: ConnectionSettings): Etcd3 {
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

	return new Etcd3(options);
}
