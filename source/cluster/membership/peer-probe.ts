import http from 'node:http';
import https from 'node:https';
import type {TlsSettings} from '../../config/settings.ts';
import type {PeerAnswer} from './peer-answer.ts';

/**
 * Asks an added member's peer URL which cluster its etcd is in. etcd's peer listener answers GET
 * /members with its cluster's ID in the X-Etcd-Cluster-ID header, on 3.4 and 3.5 alike; nothing is
 * read beyond the headers. Never throws.
 */
export async function askPeer(peerUrl: string, options: {timeoutMs: number; tls: TlsSettings | undefined}): Promise<PeerAnswer> {
	const secure = peerUrl.startsWith('https:');
	const tls = secure && options.tls !== undefined ? {ca: options.tls.ca, cert: options.tls.cert, key: options.tls.key} : {};
	return new Promise(resolve => {
		let settled = false;
		const done = (answer: PeerAnswer) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				request.destroy();
				resolve(answer);
			}
		};

		const request = (secure ? https : http).get(new URL('/members', peerUrl), {...tls, agent: false}, response => {
			const header = response.headers['x-etcd-cluster-id'];
			const clusterId = Array.isArray(header) ? header[0] : header;
			response.resume();
			done(clusterId === undefined || !/^[\da-f]+$/i.test(clusterId)
				? {kind: 'error', peerUrl, error: `HTTP ${response.statusCode ?? 0} without an etcd cluster ID: is it an etcd peer URL?`}
				: {kind: 'cluster', peerUrl, clusterId: BigInt(`0x${clusterId}`).toString(16)});
		});
		request.on('error', (error: NodeJS.ErrnoException) => {
			done(error.code === 'ECONNREFUSED' ? {kind: 'no-listener', peerUrl, error: 'connection refused'} : {kind: 'error', peerUrl, error: error.message});
		});
		const timer = setTimeout(() => {
			done({kind: 'error', peerUrl, error: `no answer within ${options.timeoutMs} ms`});
		}, options.timeoutMs);
	});
}
