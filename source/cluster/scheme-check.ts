import tls from 'node:tls';
import {DiagnosedError} from './describe-error.ts';

/**
 * grpc reports a plain http:// client meeting a TLS-only etcd as a connection that closed without a
 * reason, and an https:// client meeting a plain etcd as a broken handshake. Either way the operator's
 * fix is the scheme, so these failures are worth one look at what the endpoint actually speaks.
 */
const unclearOverHttp = /Last error: (null|Failed to connect)|Socket closed|socket hang up|ECONNRESET/;
const unclearOverHttps = /disconnected before secure TLS connection|wrong version number|packet length too long|ECONNRESET/;

const pending = new Map<string, Promise<boolean | undefined>>();

/**
 * When a call to `endpoint` failed in a way the wrong scheme explains, checks whether the endpoint
 * speaks TLS and, if the scheme is indeed wrong, returns a {@link DiagnosedError} naming the URL to use.
 * Returns the error unchanged otherwise. Resolves within `timeoutMs`.
 */
export async function diagnoseScheme(endpoint: string, error: unknown, timeoutMs: number): Promise<unknown> {
	const message = error instanceof Error ? error.message : String(error);
	const url = new URL(endpoint);
	const secure = url.protocol === 'https:';
	if (!(secure ? unclearOverHttps : unclearOverHttp).test(message)) {
		return error;
	}

	const tlsSpoken = await speaksTls(url.hostname.replace(/^\[(.*)\]$/, '$1'), Number(url.port), timeoutMs);
	if (!secure && tlsSpoken === true) {
		return new DiagnosedError(`this endpoint speaks TLS: use https://${url.host} (with --cacert)`);
	}

	if (secure && tlsSpoken === false) {
		return new DiagnosedError(`this endpoint does not speak TLS: use http://${url.host}`);
	}

	return error;
}

/**
 * Whether host:port answers a TLS handshake: true when it does (any certificate, even one asking for a
 * client certificate), false when it answers without TLS, undefined when it cannot be told. Calls made
 * at the same time for the same address share one handshake.
 */
export async function speaksTls(host: string, port: number, timeoutMs: number): Promise<boolean | undefined> {
	const key = `${host}:${port}`;
	let check = pending.get(key);
	if (check === undefined) {
		check = handshake(host, port, timeoutMs).finally(() => pending.delete(key));
		pending.set(key, check);
	}

	return check;
}

async function handshake(host: string, port: number, timeoutMs: number): Promise<boolean | undefined> {
	return new Promise(resolve => {
		// No server name: an IP address there is against RFC 6066 (and node warns); only the reply matters.
		const socket = tls.connect({host, port, rejectUnauthorized: false, ALPNProtocols: ['h2']});
		const finish = (answer: boolean | undefined) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(answer);
		};

		const timer = setTimeout(() => {
			finish(undefined);
		}, timeoutMs);
		socket.once('secureConnect', () => {
			finish(true);
		});
		socket.once('error', (failure: NodeJS.ErrnoException) => {
			finish(classify(failure));
		});
	});
}

function classify(failure: NodeJS.ErrnoException): boolean | undefined {
	const code = failure.code ?? '';
	// A TLS alert from the server is TLS spoken, whatever it objects to.
	if (/^ERR_SSL_.*ALERT/.test(code)) {
		return true;
	}

	if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'ECONNRESET' || /disconnected before secure TLS/.test(failure.message)) {
		return false;
	}

	return undefined;
}
