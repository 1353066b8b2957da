import http from 'node:http';
import https from 'node:https';
import type {TlsSettings} from '../config/settings.ts';

export interface HttpGetOptions {
	/** The whole request (connect, headers, body) must finish within this many milliseconds. */
	timeoutMs: number;
	/** Applies to https URLs only, as the etcd client does; https without it uses the system roots. */
	tls: TlsSettings | undefined;
	/** A page larger than this is refused rather than held in memory. */
	maxBytes: number;
}

/** An answer that is not 200 OK: the status is part of what the operator needs to see. */
export class HttpStatusError extends Error {
	override name = 'HttpStatusError';

	constructor(readonly status: number, statusText: string) {
		super(`HTTP ${status}${statusText === '' ? '' : ` ${statusText}`}`);
	}
}

/**
 * GETs a URL and returns its body as text. Rejects on any status but 200, on a body over `maxBytes`,
 * and with "deadline exceeded" when the whole exchange takes longer than `timeoutMs`, so a hung member
 * costs one --timeout and no more.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<string> {
	const secure = url.startsWith('https:');
	const tls = secure && options.tls !== undefined ? {ca: options.tls.ca, cert: options.tls.cert, key: options.tls.key} : {};
	return new Promise((resolve, reject) => {
		const fail = (error: Error) => {
			clearTimeout(timer);
			request.destroy();
			reject(error);
		};

		const request = (secure ? https : http).get(url, {...tls, agent: false, headers: {accept: 'text/plain'}}, response => {
			const status = response.statusCode ?? 0;
			if (status !== 200) {
				fail(new HttpStatusError(status, response.statusMessage ?? ''));
				return;
			}

			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > options.maxBytes) {
					fail(new Error(`the page is larger than ${options.maxBytes} bytes`));
					return;
				}

				chunks.push(chunk);
			});
			response.on('end', () => {
				clearTimeout(timer);
				resolve(Buffer.concat(chunks).toString('utf8'));
			});
			response.on('error', fail);
		});
		const timer = setTimeout(() => {
			fail(new Error('deadline exceeded'));
		}, options.timeoutMs);
		request.on('error', fail);
	});
}
