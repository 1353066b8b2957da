import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {residentKib} from '../support/etcdeck-in-terminal.ts';
import {showsEveryMember} from './bench-startup.ts';
import {describeRequests, perRound, readRequestCounts, requestsBetween} from './etcd-request-counter.ts';
import {repository, variantMeasure, type EtcdeckVariant, type EtcdeckVariants} from './etcdeck-variants.ts';
import {figure, targets, type Figure} from './figures.ts';
import {cpuSeconds, megabyte} from './proc-stats.ts';
import {PtySession} from './pty-session.ts';
import {median, rounded} from './stats.ts';
import {runRunbook} from './timed-process.ts';

const section = '4. Idle cost';
const refreshMs = 1000;
/** After the first screen: the Health pane's first scrapes and JIT warm-up are not idling. */
const settleMs = 5000;
/** The operator's loop is sampled this long at most (it costs the same every second). */
const runbookLoopSeconds = 15;

interface IdleRun {
	seconds: number;
	cpuPercent: number;
	rssMb: number[];
	refreshes: number;
	requests: ReturnType<typeof perRound>;
}

/** etcdeck watching the cluster at a 1 s refresh: its CPU share and RSS from /proc, the requests etcd served. */
async function watchIdle(variant: EtcdeckVariant, cluster: LocalCluster, seconds: number): Promise<IdleRun> {
	const session = PtySession.start(variant.command, [...variant.commandArgs, '--endpoints', cluster.endpoints[0]!, '--refresh', String(refreshMs)], {cwd: repository, env: variant.env});
	const names = cluster.members.map(member => member.name);
	try {
		await session.frame('every member on screen', text => showsEveryMember(text, names));
		const pid = session.programPid();
		await delay(settleMs);
		const counted = await readRequestCounts(cluster.endpoints);
		const cpuBefore = cpuSeconds(pid);
		const started = performance.now();
		const rssMb: number[] = [];
		while (performance.now() - started < seconds * 1000) {
			rssMb.push(residentKib(pid) * 1024 / megabyte);
			await delay(1000);
		}

		const cpuAfter = cpuSeconds(pid);
		const elapsed = (performance.now() - started) / 1000;
		const served = requestsBetween(counted, await readRequestCounts(cluster.endpoints), cluster.endpoints.length);
		// One Status a member a refresh (the member list is read only when those answers show a change).
		const refreshes = Math.max(1, Math.round((served.grpc['Status'] ?? 0) / cluster.endpoints.length));
		return {seconds: elapsed, cpuPercent: (cpuAfter - cpuBefore) / elapsed * 100, rssMb, refreshes, requests: perRound(served, refreshes)};
	} finally {
		await session.stop();
	}
}

/** What an operator's `watch -n 1` over the runbook costs: the three etcdctl commands every second, their CPU from GNU time. */
async function runbookLoop(cluster: LocalCluster, seconds: number): Promise<{cpuPercent: number; peakRssMb: number}> {
	const started = performance.now();
	let cpu = 0;
	let peakKib = 0;
	for (let second = 0; second < seconds; second++) {
		const due = started + (second * 1000);
		await delay(Math.max(0, due - performance.now()));
		const round = await runRunbook(cluster.endpoints[0]!, {resources: true});
		for (const command of round.runs) {
			cpu += command.resources?.cpuSeconds ?? Number.NaN;
			peakKib = Math.max(peakKib, command.resources?.maxRssKib ?? Number.NaN);
		}
	}

	const elapsed = Math.max(seconds, (performance.now() - started) / 1000);
	return {cpuPercent: cpu / elapsed * 100, peakRssMb: peakKib * 1024 / megabyte};
}

export interface IdleDetails {
	refreshMs: number;
	runbook: {cpuPercent: number; peakRssMb: number};
	variants: Array<{label: string} & IdleRun>;
}

/**
 * etcdeck watching a 5-member cluster at a 1 s refresh for `seconds` (the issue: 60): CPU share of one
 * core from utime + stime in /proc/<pid>/stat, RSS from VmRSS each second, and the etcd requests a
 * refresh costs from etcd's counters. Beside it, the runbook run every second by an operator's loop.
 * As installed (the prebuilt bundle), and from the sources via tsx beside it.
 */
export async function benchIdle(cluster: LocalCluster, seconds: number, etcdeck: EtcdeckVariants): Promise<{figures: Figure[]; details: IdleDetails}> {
	const runbook = await runbookLoop(cluster, Math.min(seconds, runbookLoopSeconds));
	const figures: Figure[] = [];
	const details: IdleDetails = {refreshMs, runbook, variants: []};
	for (const variant of [etcdeck.shipped, ...(etcdeck.bundle === undefined ? [] : [etcdeck.bundle])]) {
		const idle = await watchIdle(variant, cluster, seconds);
		details.variants.push({label: variant.label, ...idle});
		const members = cluster.endpoints.length;
		figures.push(
			figure({
				section,
				measure: variantMeasure(variant, `CPU, ${members} members, ${refreshMs / 1000} s refresh, ${Math.round(idle.seconds)} s`),
				unit: '% of a core',
				etcdeck: [idle.cpuPercent],
				alternative: {label: `etcdctl member list + endpoint status --cluster + endpoint health --cluster every second (${Math.min(seconds, runbookLoopSeconds)} s, CPU from GNU time)`, runs: [runbook.cpuPercent]},
				...(variant.aside ? {} : {target: targets.atMost(1.5, '%')}),
				note: variant.label,
			}),
			figure({
				section,
				measure: variantMeasure(variant, 'RSS while idle (peak)'),
				unit: 'MB',
				etcdeck: [Math.max(...idle.rssMb)],
				alternative: {label: 'etcdctl\'s peak RSS in that loop (each process)', runs: [runbook.peakRssMb]},
				...(variant.aside ? {} : {target: targets.atMost(90, 'MB')}),
				note: `median of the samples each second ${rounded(median(idle.rssMb))} MB, last ${rounded(idle.rssMb.at(-1) ?? Number.NaN)} MB`,
			}),
			figure({
				section,
				measure: variantMeasure(variant, 'etcd requests per refresh'),
				unit: 'requests',
				etcdeck: [idle.requests.total],
				note: `${idle.refreshes} refreshes: ${describeRequests(idle.requests)}; counted by etcd`,
			}),
		);
	}

	return {figures, details};
}
