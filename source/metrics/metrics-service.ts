import type {MemberInfo} from '../cluster/cluster-reading.ts';
import type {ReadingSource} from '../cluster/reading-poller.ts';
import {describeError, secretsOf} from '../cluster/describe-error.ts';
import {memberClientUrl, plaintextRefusal} from '../cluster/plaintext-refusal.ts';
import {withDeadline} from '../cluster/with-deadline.ts';
import type {ConnectionSettings} from '../config/settings.ts';
import type {MemberScrape, MetricsRound} from './etcd-metrics.ts';
import {HttpStatusError, httpGet} from './http-get.ts';
import {metricsTargets, type MetricsTarget} from './metrics-targets.ts';
import {MetricsFormatError, parseEtcdMetrics} from './parse-etcd-metrics.ts';

export interface MetricsServiceOptions {
	/** --metrics-urls: where metrics are served when not on the client URLs (--listen-metrics-urls). */
	metricsUrls?: readonly string[];
	/** The latest member list (from the cluster readings); the targets follow it. */
	members: () => readonly MemberInfo[];
}

/** etcd's page is a few hundred kB; anything far larger is not what we asked for. */
const maxPageBytes = 32 * 1024 * 1024;

/**
 * Scrapes every member's /metrics in parallel, each under the --timeout deadline and with the same TLS
 * material as the etcd client. Never throws: a member whose page could not be had or read gets an
 * operator-facing error in its place, and the others are unaffected. Poll it with ReadingPoller.
 */
export class MetricsService implements ReadingSource<MetricsRound> {
	constructor(
		private readonly settings: ConnectionSettings,
		private readonly options: MetricsServiceOptions,
	) {}

	async refresh(): Promise<MetricsRound> {
		const started = Date.now();
		const members = [...this.options.members()];
		const targets = metricsTargets(members, this.options.metricsUrls, this.settings.endpoints, member => memberClientUrl(member, this.settings));
		const scrapes = await Promise.all(targets.map(async target => this.scrape(target)));
		return {takenAt: Date.now(), members, scrapes, durationMs: Date.now() - started};
	}

	private async scrape(target: MetricsTarget): Promise<MemberScrape> {
		const started = Date.now();
		const done = (fields: Pick<MemberScrape, 'metrics' | 'error' | 'memberId'>): MemberScrape => ({url: target.url, takenAt: Date.now(), latencyMs: Date.now() - started, ...fields});
		// A member's own URL without TLS behind an https:// endpoint is not scraped (--metrics-urls are the operator's choice).
		const refusal = this.options.metricsUrls?.length ? undefined : plaintextRefusal(new URL(target.url).origin, this.settings);
		if (refusal !== undefined) {
			return done({metrics: undefined, memberId: target.memberId, error: refusal});
		}

		let text: string;
		try {
			const timeoutMs = this.settings.timeoutMs;
			text = await withDeadline(httpGet(target.url, {timeoutMs, tls: this.settings.tls, maxBytes: maxPageBytes}), timeoutMs);
		} catch (error) {
			return done({metrics: undefined, memberId: target.memberId, error: this.describe(error)});
		}

		try {
			const metrics = await parseEtcdMetrics(text);
			return done({metrics, memberId: target.memberId ?? metrics.memberId, error: undefined});
		} catch (error) {
			const reason = error instanceof MetricsFormatError ? error.message : this.describe(error);
			return done({metrics: undefined, memberId: target.memberId, error: reason});
		}
	}

	private describe(error: unknown): string {
		const secrets = secretsOf(this.settings);
		if (error instanceof HttpStatusError) {
			const hint = error.status === 404 ? ': no metrics here; with --listen-metrics-urls pass those URLs as --metrics-urls' : '';
			return describeError(`${error.message}${hint}`, this.settings.timeoutMs, secrets);
		}

		return describeError(error, this.settings.timeoutMs, secrets);
	}
}
