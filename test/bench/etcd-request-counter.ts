/**
 * Counts the requests a cluster served, from etcd's own counters: `grpc_server_handled_total` (every
 * finished gRPC call, by method) and `promhttp_metric_handler_requests_total` (every /metrics page
 * served). Nothing of etcdeck is wrapped, so the count cannot share a mistake with the code it checks.
 */

/** Requests served, summed over every member: gRPC calls by method, and /metrics pages. */
export interface RequestCounts {
	grpc: Record<string, number>;
	metricsPages: number;
}

const grpcLine = /^grpc_server_handled_total\{(?<labels>[^}]*)\} (?<value>\S+)$/;
const metricsPageLine = /^promhttp_metric_handler_requests_total\{[^}]*\} (?<value>\S+)$/;

/** The counters of one member's /metrics page. */
export function countsOfPage(text: string): RequestCounts {
	const counts: RequestCounts = {grpc: {}, metricsPages: 0};
	for (const line of text.split('\n')) {
		const grpc = grpcLine.exec(line)?.groups;
		if (grpc !== undefined) {
			const method = /grpc_method="([^"]+)"/.exec(grpc['labels']!)?.[1] ?? 'unknown';
			counts.grpc[method] = (counts.grpc[method] ?? 0) + Number(grpc['value']);
			continue;
		}

		const page = metricsPageLine.exec(line)?.groups;
		if (page !== undefined) {
			counts.metricsPages += Number(page['value']);
		}
	}

	return counts;
}

/** Reads every member's counters and adds them up. */
export async function readRequestCounts(endpoints: readonly string[]): Promise<RequestCounts> {
	const pages = await Promise.all(endpoints.map(async endpoint => {
		const response = await fetch(new URL('/metrics', endpoint));
		if (!response.ok) {
			throw new Error(`${endpoint}/metrics answered HTTP ${response.status}`);
		}

		return countsOfPage(await response.text());
	}));
	const total: RequestCounts = {grpc: {}, metricsPages: 0};
	for (const page of pages) {
		total.metricsPages += page.metricsPages;
		for (const [method, value] of Object.entries(page.grpc)) {
			total.grpc[method] = (total.grpc[method] ?? 0) + value;
		}
	}

	return total;
}

/**
 * What was served between two readings, without the readings themselves: etcd counts a /metrics page
 * once it is served, so the `before` reading's own pages (one a member) show up in `after`.
 */
export function requestsBetween(before: RequestCounts, after: RequestCounts, members: number): RequestCounts {
	const grpc: Record<string, number> = {};
	for (const [method, value] of Object.entries(after.grpc)) {
		const served = value - (before.grpc[method] ?? 0);
		if (served > 0) {
			grpc[method] = served;
		}
	}

	return {grpc, metricsPages: after.metricsPages - before.metricsPages - members};
}

/** Requests a round, over `rounds` rounds: gRPC by method, their total, and /metrics pages. */
export function perRound(counts: RequestCounts, rounds: number): {grpc: Record<string, number>; grpcTotal: number; metricsPages: number; total: number} {
	const grpc = Object.fromEntries(Object.entries(counts.grpc).map(([method, value]) => [method, value / rounds]));
	const grpcTotal = Object.values(grpc).reduce((sum, value) => sum + value, 0);
	const metricsPages = counts.metricsPages / rounds;
	return {grpc, grpcTotal, metricsPages, total: grpcTotal + metricsPages};
}

/** "MemberList 1 · Status 3 · /metrics 3" */
export function describeRequests(perRoundCounts: {grpc: Record<string, number>; metricsPages: number}): string {
	const parts = Object.entries(perRoundCounts.grpc).sort(([a], [b]) => a.localeCompare(b)).map(([method, value]) => `${method} ${formatCount(value)}`);
	if (perRoundCounts.metricsPages > 0) {
		parts.push(`/metrics ${formatCount(perRoundCounts.metricsPages)}`);
	}

	return parts.join(' · ');
}

function formatCount(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
