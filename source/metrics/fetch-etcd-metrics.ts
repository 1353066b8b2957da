import {refusePlaintext} from '../cluster/plaintext-refusal.ts';
import type {ConnectionSettings} from '../config/settings.ts';
import type {EtcdMetrics} from './etcd-metrics.ts';
import {httpGet} from './http-get.ts';
import {parseEtcdMetrics} from './parse-etcd-metrics.ts';

/** etcd's page is a few hundred kB; anything far larger is not what we asked for. */
export const maxMetricsPageBytes = 32 * 1024 * 1024;

/**
 * One member's /metrics page, parsed; rejects as httpGet and parseEtcdMetrics do, and with
 * PlaintextRefused for a URL without TLS when the cluster was reached over TLS (nothing is sent).
 */
export async function fetchEtcdMetrics(url: string, settings: Pick<ConnectionSettings, 'timeoutMs' | 'tls' | 'endpoints' | 'auth'>): Promise<EtcdMetrics> {
	refusePlaintext(new URL(url).origin, settings);
	const page = await httpGet(url, {timeoutMs: settings.timeoutMs, tls: settings.tls, maxBytes: maxMetricsPageBytes});
	return parseEtcdMetrics(page);
}
