import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {seedKeys} from '../support/seed-keys.ts';
import type {BenchSettings} from './bench-settings.ts';
import {variantMeasure, type EtcdeckVariant, type EtcdeckVariants} from './etcdeck-variants.ts';
import {figure, notMeasured, targets, type Figure} from './figures.ts';
import type {BrowsedPrefix, BrowseResult} from './key-browse-flow.ts';
import type {ProbeRequest, ProbeResult} from './key-browse-probe.tsx';
import {browseInEtcdeck} from './keys-in-etcdeck.ts';
import {megabyte} from './proc-stats.ts';
import {terminalEnvironment} from './pty-session.ts';
import {median, rounded} from './stats.ts';
import {etcdctlArgs, timeProcess, type ProcessRun} from './timed-process.ts';
import {etcdProgram} from '../../source/demo/etcd-binaries.ts';

const run = promisify(execFile);
const section = '3. Key browsing';
const prefix = '/bench/';
const screenSize = {columns: 100, rows: 30};
const probeScript = path.join(import.meta.dirname, 'key-browse-probe.tsx');

function keyName(index: number): string {
	return `k${String(index).padStart(7, '0')}`;
}

/** Keys [from, to) under the prefix, each with a small value. */
function entries(from: number, to: number): Array<[string, string]> {
	return Array.from({length: to - from}, (_, offset) => [`${prefix}${keyName(from + offset)}`, `{"n":${from + offset},"note":"etcdeck benchmark"}`]);
}

async function probe(request: ProbeRequest): Promise<ProbeResult> {
	const {stdout} = await run(process.execPath, ['--import', 'tsx', probeScript, JSON.stringify(request)], {env: terminalEnvironment(), maxBuffer: 16 * 1024 * 1024, timeout: 600_000});
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

export interface KeysDetails {
	paneMeasuredIn: string;
	sizes: Array<{keys: number; etcdctl: ProcessRun[]; probe: ProbeResult; inEtcdeck: Array<{label: string; result: BrowseResult}>}>;
}

/** Each Enter's growth: from just before it to the higher of the first page's and the settled RSS. */
function growthMb(result: BrowseResult): number[] {
	return result.runs.map(one => (Math.max(one.rssAtFirstPage, one.rssSettled) - one.rssBeforeEnter) / megabyte);
}

/** What the runs together left behind: RSS before the first Enter and after the last Backspace. */
function drift(result: BrowseResult): string {
	return `RSS ${rounded(result.rssBefore / megabyte)} MB before the first Enter, ${rounded(result.rssAfter / megabyte)} MB after ${result.runs.length} Enter/Backspace rounds`;
}

/**
 * Keys under one prefix, 10k then 100k then 200k (added to the same prefix): from Enter on the
 * prefix's row to its first page on screen, and the RSS that costs, against `etcdctl get --prefix
 * --keys-only` listing the same prefix. Measured in etcdeck itself in a pty, and in the pane's own hook
 * and component rendered by Ink in a process of their own; while the dashboard has no pane 5, the
 * first says why it was not measured.
 */
export async function benchKeys(cluster: LocalCluster, settings: BenchSettings, etcdeck: EtcdeckVariants, say: (text: string) => void): Promise<{figures: Figure[]; details: KeysDetails}> {
	const figures: Figure[] = [];
	const details: KeysDetails = {paneMeasuredIn: 'etcdeck in a pty, and the pane alone in Ink', sizes: []};
	let notWired: string | undefined;
	let seeded = 0;
	for (const count of settings.keyCounts) {
		say(`seeding ${prefix} up to ${count} keys`);
		await seedKeys(cluster.endpoints[0]!, entries(seeded, count));
		seeded = count;
		const browsed: BrowsedPrefix = {row: prefix.slice(1), firstKey: keyName(0), keyCount: count};
		// etcdctl's own 5 s deadline is shorter than a listing of 1,000,000 keys takes on a loaded machine.
		const etcdctl: ProcessRun[] = [];
		for (let index = 0; index < settings.runs; index++) {
			const listing = await timeProcess(etcdProgram('etcdctl'), etcdctlArgs([cluster.endpoints[0]!], ['get', '--prefix', '--keys-only', '--command-timeout=120s', prefix]), {resources: true});
			if (listing.lines < count) {
				throw new Error(`etcdctl listed ${listing.lines} lines for ${count} keys`);
			}

			etcdctl.push(listing);
		}

		say(`browsing ${count} keys`);
		const result = await probe({endpoints: [cluster.endpoints[0]!], prefix, browsed, runs: settings.runs, ...screenSize});
		const inEtcdeck: Array<{variant: EtcdeckVariant; result: BrowseResult}> = [];
		for (const variant of notWired === undefined ? [etcdeck.shipped] : []) {
			const inApp = await browseInEtcdeck(variant, cluster, browsed, settings.runs, screenSize);
			if ('notWired' in inApp) {
				notWired = inApp.notWired;
				details.paneMeasuredIn = `the pane alone (useKeyBrowser + KeysPane) in Ink in a process of its own: pane 5 is not in the dashboard yet (${notWired})`;
				figures.unshift(notMeasured(section, 'Enter → first page in etcdeck itself', 'ms', `pane 5 is not in the dashboard yet (${notWired}); the rows below measure the pane's hook and component rendered by Ink, and the service alone. This row is measured by itself once the pane is in.`));
				break;
			}

			inEtcdeck.push({variant, result: inApp});
		}

		details.sizes.push({keys: count, etcdctl, probe: result, inEtcdeck: inEtcdeck.map(({variant, result: browse}) => ({label: variant.label, result: browse}))});
		figures.push(...sizeFigures(count, etcdctl, result, inEtcdeck));
	}

	return {figures, details};
}

function sizeFigures(count: number, etcdctl: ProcessRun[], result: ProbeResult, inEtcdeck: ReadonlyArray<{variant: EtcdeckVariant; result: BrowseResult}>): Figure[] {
	const keys = count.toLocaleString('en-US');
	const listing = {label: 'etcdctl get --prefix --keys-only, until the listing is complete', runs: etcdctl.map(one => one.ms)};
	const etcdctlRss = median(etcdctl.map(one => (one.resources?.maxRssKib ?? Number.NaN) / 1024));
	const figures: Figure[] = [];
	for (const {variant, result: browse} of inEtcdeck) {
		figures.push(
			figure({section, measure: variantMeasure(variant, `Enter → first page on screen, ${keys} keys`), unit: 'ms', etcdeck: browse.runs.map(one => one.firstPageMs), alternative: listing, target: targets.atMost(100, 'ms'), note: `${variant.label}, in a pty`}),
			figure({section, measure: variantMeasure(variant, `RSS growth browsing ${keys} keys`), unit: 'MB', etcdeck: growthMb(browse), target: targets.atMost(30, 'MB'), note: `each Enter, from just before it to its first page and the level's count shown; ${drift(browse)}; etcdctl's peak RSS listing the keys ${rounded(etcdctlRss)} MB`}),
		);
	}

	figures.push(
		figure({section, measure: `  Enter → first page, ${keys} keys, the pane alone in Ink`, unit: 'ms', etcdeck: result.screen.runs.map(one => one.firstPageMs), alternative: listing, target: targets.atMost(100, 'ms'), note: `of which the page read took ${rounded(median(result.paneReadMs))} ms from Enter, the rest is rendering (React, Ink); ${result.pageRows} keys a page; etcdctl's first output came after ${rounded(median(etcdctl.map(one => one.firstOutputMs ?? Number.NaN)))} ms (it prints once the whole listing is in)`}),
		figure({section, measure: `  first page from the key browser service alone, ${keys} keys`, unit: 'ms', etcdeck: result.servicePageMs, alternative: listing, note: 'KeyBrowserService.page(), keys only, on a connected client, after the level above was read (as in the pane): it starts from the first key that walk saw, in narrow ranges, since etcd 3.4 and 3.5 walk the whole range of every Range however small its limit'}),
		figure({section, measure: `  the same page opened directly (--prefix: nothing above it read), ${keys} keys`, unit: 'ms', etcdeck: result.directPageMs, alternative: listing, note: 'a new KeyBrowserService, connected, that has read nothing of the key space: without a first key to start from, its first read covers the whole level, and etcd walks all of it; so this grows with the keys under the prefix (no target: the issue\'s is for Enter on a prefix)'}),
		figure({section, measure: `  RSS growth browsing ${keys} keys, the pane alone in Ink`, unit: 'MB', etcdeck: growthMb(result.screen), target: targets.atMost(30, 'MB'), note: `each Enter, from just before it to its first page and the level's count shown; the pane's process: ${drift(result.screen)}; etcdctl's peak RSS listing the keys ${rounded(etcdctlRss)} MB`}),
	);
	return figures;
}
