import type {MemberInfo} from '../cluster/cluster-reading.ts';

/** One URL to scrape, and the member it belongs to when that is known before asking. */
export interface MetricsTarget {
	url: string;
	memberId: string | undefined;
}

/**
 * A metrics URL from an endpoint: etcd serves /metrics on every client URL and on each
 * --listen-metrics-urls address, so a bare scheme://host:port gets /metrics, and a URL with a path is
 * used as given.
 */
export function metricsUrl(endpoint: string): string {
	const url = new URL(endpoint);
	if (url.pathname === '/' || url.pathname === '') {
		url.pathname = '/metrics';
	}

	return url.toString();
}

/**
 * What to scrape: the --metrics-urls overrides when given (their member is learnt from the metrics
 * themselves), else each started member's client URL the status probes use (`clientUrlOf`), else the seed
 * endpoints while no member list has been read.
 */
export function metricsTargets(
	members: readonly MemberInfo[],
	overrides: readonly string[] | undefined,
	seeds: readonly string[],
	clientUrlOf: (member: MemberInfo) => string | undefined = member => member.clientUrls[0],
): MetricsTarget[] {
	if (overrides !== undefined && overrides.length > 0) {
		return unique(overrides.map(url => ({url: metricsUrl(url), memberId: undefined})));
	}

	const withUrls = members.flatMap(member => {
		const url = clientUrlOf(member);
		return url === undefined ? [] : [{url: metricsUrl(url), memberId: member.id}];
	});
	if (withUrls.length > 0) {
		return unique(withUrls);
	}

	return unique(seeds.map(url => ({url: metricsUrl(url), memberId: undefined})));
}

function unique(targets: MetricsTarget[]): MetricsTarget[] {
	const seen = new Set<string>();
	return targets.filter(target => {
		if (seen.has(target.url)) {
			return false;
		}

		seen.add(target.url);
		return true;
	});
}
