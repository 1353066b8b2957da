import {performance} from 'node:perf_hooks';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {memberListMaxAgeMs} from '../../source/cluster/membership-check.ts';
import type {MemberInfo} from '../../source/cluster/cluster-reading.ts';
import {defaults} from '../../source/config/settings.ts';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {httpGet} from '../../source/metrics/http-get.ts';
import {MetricsService} from '../../source/metrics/metrics-service.ts';
import {metricsUrl} from '../../source/metrics/metrics-targets.ts';
import {parseEtcdMetrics} from '../../source/metrics/parse-etcd-metrics.ts';
import {describeRequests, perRound, readRequestCounts, requestsBetween} from './etcd-request-counter.ts';
import {figure, targets, type Figure} from './figures.ts';
import {median, rounded} from './stats.ts';
import {runRunbook} from './timed-process.ts';

const section = '1. Refresh cost';
/** Rounds whose requests are counted (etcd's counters are read before and after them). */
const countedRounds = 5;

export interface RefreshDetails {
	members: number;
	coldFirstRefreshMs: number;
	requestsPerRefresh: {etcdeck: ReturnType<typeof perRound>; runbook: ReturnType<typeof perRound>; expectedFromCode: number};
}

/**
 * One full refresh of what etcdeck knows of the cluster, as the dashboard does it: the cluster refresh
 * (each member's status, which carries the alarms, and the member list when those answers say it may
 * have changed) and a /metrics round (how it learns member health), in
 * parallel on its persistent clients. Against the runbook: member list, endpoint status --cluster and
 * endpoint health --cluster as processes, one after the other. Runs alternate so noise hits both.
 */
export async function benchRefresh(cluster: LocalCluster, runs: number): Promise<{figures: Figure[]; details: RefreshDetails}> {
	const members = cluster.endpoints.length;
	const settings = {endpoints: [cluster.endpoints[0]!], timeoutMs: defaults.timeoutMs};
	const service = new ClusterService(settings);
	let memberList: MemberInfo[] = [];
	const metrics = new MetricsService(settings, {members: () => memberList});
	const refresh = async (): Promise<number> => {
		const started = performance.now();
		const [snapshot, round] = await Promise.all([service.refresh(), metrics.refresh()]);
		const took = performance.now() - started;
		memberList = snapshot.members;
		const answered = snapshot.probes.filter(probe => probe.status !== undefined).length;
		const scraped = round.scrapes.filter(scrape => scrape.metrics !== undefined).length;
		if (snapshot.members.length !== members || answered !== members) {
			throw new Error(`an incomplete refresh (${snapshot.members.length} members listed, ${answered} answered): ${snapshot.memberListError ?? snapshot.probes.map(probe => probe.error).join('; ')}`);
		}

		// The first round scrapes the seed endpoint only: the member list arrives with the same refresh.
		if (memberList.length > 0 && round.members.length === members && scraped !== members) {
			throw new Error(`an incomplete metrics round (${scraped} of ${members}): ${round.scrapes.map(scrape => scrape.error).join('; ')}`);
		}

		return took;
	};

	try {
		const coldFirstRefreshMs = await refresh();
		for (let warm = 0; warm < 3; warm++) {
			await refresh();
		}

		const etcdeckRequests = await countRequests(cluster, async () => {
			await service.refresh();
		});
		const runbookRequests = await countRequests(cluster, async () => {
			await runRunbook(cluster.endpoints[0]!);
		});

		const full: number[] = [];
		const clusterOnly: number[] = [];
		const metricsOnly: number[] = [];
		const runbook: number[] = [];
		const healthCommand: number[] = [];
		const pageGets: number[] = [];
		const pageParses: number[] = [];
		let pageSize = 0;
		for (let run = 0; run < runs; run++) {
			full.push(await refresh());
			clusterOnly.push(await timed(async () => service.refresh()));
			metricsOnly.push(await timed(async () => metrics.refresh()));
			const pages = await timedValue(async () => Promise.all(cluster.endpoints.map(async endpoint => httpGet(metricsUrl(endpoint), {timeoutMs: settings.timeoutMs, tls: undefined, maxBytes: 64 * 1024 * 1024}))));
			pageGets.push(pages.ms);
			pageSize = pages.value[0]!.length;
			pageParses.push(await timed(async () => Promise.all(pages.value.map(async page => parseEtcdMetrics(page)))));
			const commands = await runRunbook(cluster.endpoints[0]!);
			runbook.push(commands.ms);
			healthCommand.push(commands.runs[2]!.ms);
		}

		// A quiet cluster: one Status a member; the member list only in a round whose answers show a raft
		// entry that wrote no key (membership, a lease, an election), and once every memberListMaxAgeMs.
		const expectedFromCode = members;
		const counted = etcdeckRequests.total === expectedFromCode ? `as the code paths say (Status × ${members}; MemberList too in a round whose answers show a raft entry that wrote no key, such as a membership change, a lease grant or an election, and at least every ${memberListMaxAgeMs / 1000} s)` : `the code paths say ${expectedFromCode}: CHECK`;
		return {
			figures: [
				figure({
					section,
					measure: `refresh, ${members} members (every member's status with the alarms; members)`,
					unit: 'ms',
					etcdeck: clusterOnly,
					alternative: {label: 'etcdctl member list + endpoint status --cluster + endpoint health --cluster', runs: runbook},
					target: targets.timesFaster(15),
					note: `what the dashboard asks every --refresh: each member's own status (answering, its leader, raft index: its health; the cluster's alarms are in it) and the members, whose list is read again only when those answers say membership may have changed; first refresh with new clients: ${coldFirstRefreshMs.toFixed(1)} ms. The Health pane's /metrics round is not in it: it runs every 10 s, or every refresh while pane 6 is shown (next lines)`,
				}),
				figure({
					section,
					measure: `  refresh while the Health pane is shown, ${members} members (status + /metrics in parallel)`,
					unit: 'ms',
					etcdeck: full,
					alternative: {label: 'etcdctl member list + endpoint status --cluster + endpoint health --cluster', runs: runbook},
					note: 'the cluster refresh and the /metrics round in parallel',
				}),
				figure({
					section,
					measure: `  /metrics round alone, ${members} members`,
					unit: 'ms',
					etcdeck: metricsOnly,
					alternative: {label: 'etcdctl endpoint health --cluster', runs: healthCommand},
					note: `one GET of every member's /metrics page (${Math.round(pageSize / 1000)} kB each), parsed: the GETs alone (in parallel) ${rounded(median(pageGets))} ms, parsing the ${members} pages ${rounded(median(pageParses))} ms (medians)`,
				}),
				figure({
					section,
					measure: `etcd requests per refresh, ${members} members`,
					unit: 'requests',
					etcdeck: [etcdeckRequests.total],
					alternative: {label: 'the three etcdctl commands', runs: [runbookRequests.total]},
					// Before the list was kept between refreshes: MemberList, Alarm and one Status a member.
					target: targets.fewerThan(2 + members, 'requests'),
					note: `etcdeck: ${describeRequests(etcdeckRequests)} (${counted}); etcdctl: ${describeRequests(runbookRequests)}; counted by etcd (grpc_server_handled_total, promhttp_metric_handler_requests_total)`,
				}),
			],
			details: {members, coldFirstRefreshMs, requestsPerRefresh: {etcdeck: etcdeckRequests, runbook: runbookRequests, expectedFromCode}},
		};
	} finally {
		service.close();
	}
}

async function timedValue<T>(work: () => Promise<T>): Promise<{ms: number; value: T}> {
	const started = performance.now();
	const value = await work();
	return {ms: performance.now() - started, value};
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	return (await timedValue(work)).ms;
}

/** Requests a round, as etcd counted them over a few rounds of `round`. */
async function countRequests(cluster: LocalCluster, round: () => Promise<void>): Promise<ReturnType<typeof perRound>> {
	const before = await readRequestCounts(cluster.endpoints);
	for (let index = 0; index < countedRounds; index++) {
		await round();
	}

	const after = await readRequestCounts(cluster.endpoints);
	return perRound(requestsBetween(before, after, cluster.endpoints.length), countedRounds);
}
