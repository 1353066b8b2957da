import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {headerHealthy} from '../support/dashboard-screen.ts';
import {repository, variantMeasure, type EtcdeckVariant, type EtcdeckVariants} from './etcdeck-variants.ts';
import {figure, notMeasured, targets, type Figure} from './figures.ts';
import {FirstConnectMark} from './first-connect-mark.ts';
import {PtySession} from './pty-session.ts';
import {median, rounded} from './stats.ts';
import {etcdctlArgs, timeProcess} from './timed-process.ts';
import {etcdProgram} from '../../source/demo/etcd-binaries.ts';

const section = '2. Time to first full screen';
const enterAlternateScreen = '\u001B[?1049h';

/** One start in a pty: to the first connection (code loaded), to the alternate screen (first refresh done), to the full screen. */
interface Start {
	connectedMs: number;
	enteredMs: number;
	fullMs: number;
}

/** Every member answered: the header counts them all healthy and every member has its row. */
export function showsEveryMember(screen: string, names: readonly string[]): boolean {
	const healthy = headerHealthy(screen);
	return healthy !== undefined && healthy.answering === names.length && healthy.voters === names.length
		&& names.every(name => new RegExp(`\\s${name}\\s`).test(screen));
}

async function startInPty(variant: EtcdeckVariant, cluster: LocalCluster, names: readonly string[]): Promise<Start> {
	const mark = new FirstConnectMark();
	const session = PtySession.start(variant.command, [...variant.commandArgs, '--endpoints', cluster.endpoints[0]!], {env: {...variant.env, ...mark.env}, cwd: repository});
	try {
		const entered = await session.raw('the dashboard to take the screen', enterAlternateScreen);
		const full = await session.frame('every member on screen', screen => showsEveryMember(screen, names));
		return {connectedMs: mark.read() - session.startedAt, enteredMs: entered - session.startedAt, fullMs: full.at - session.startedAt};
	} finally {
		await session.stop();
		mark.remove();
	}
}

/** `etcdctl endpoint status --cluster -w table` in a pty, until every member's row is printed. */
async function etcdctlInPty(cluster: LocalCluster): Promise<number> {
	const session = PtySession.start(etcdProgram('etcdctl'), etcdctlArgs([cluster.endpoints[0]!], ['endpoint', 'status', '--cluster', '-w', 'table']), {cwd: repository});
	try {
		const printed = await session.text('every member\'s row', text => cluster.endpoints.every(endpoint => text.includes(endpoint)));
		await session.exited;
		return printed - session.startedAt;
	} finally {
		await session.stop();
	}
}

interface VariantRuns {
	variant: EtcdeckVariant;
	starts: Start[];
}

export interface StartupDetails {
	nodeAloneMs: number;
	coldTsxCacheMs: number | undefined;
	variants: Array<{label: string; fullMs: number; loadMs: number; refreshMs: number; renderMs: number; starts: Start[]}>;
}

/**
 * From spawning etcdeck in a pty to a frame with every member's status, against etcdctl's status table
 * in the same kind of pty. Also where etcdeck's start-up time goes, within each start: loading the code
 * (until its first TCP connection, node's own start-up included), the first refresh (until it takes the
 * alternate screen), and the first render (until that frame is out). The installed command (the
 * prebuilt bundle) is measured beside the sources run through tsx.
 */
export async function benchStartup(cluster: LocalCluster, runs: number, etcdeck: EtcdeckVariants, say: (text: string) => void): Promise<{figures: Figure[]; details: StartupDetails}> {
	const names = cluster.members.map(member => member.name);
	const variants = [etcdeck.shipped, ...(etcdeck.bundle === undefined ? [] : [etcdeck.bundle])];
	const figures: Figure[] = etcdeck.bundleError === undefined ? [] : [notMeasured(section, 'a prebuilt bundle', 'ms', etcdeck.bundleError)];

	const tsxVariant = variants.find(variant => variant.compilesSources);
	const coldTsxCacheMs = tsxVariant === undefined ? undefined : await coldCacheStart(tsxVariant, cluster, names, say);
	const results: VariantRuns[] = variants.map(variant => ({variant, starts: []}));
	const etcdctlRuns: number[] = [];
	const nodeAlone: number[] = [];
	for (let run = 0; run < runs; run++) {
		for (const result of results) {
			result.starts.push(await startInPty(result.variant, cluster, names));
		}

		etcdctlRuns.push(await etcdctlInPty(cluster));
		nodeAlone.push((await timeProcess(process.execPath, ['-e', '0'])).ms);
	}

	const details: StartupDetails = {nodeAloneMs: rounded(median(nodeAlone)), coldTsxCacheMs: coldTsxCacheMs === undefined ? undefined : rounded(coldTsxCacheMs), variants: []};
	for (const {variant, starts} of results) {
		const phase = (of: (start: Start) => number) => rounded(median(starts.map(start => of(start))));
		const breakdown = {
			label: variant.label,
			fullMs: phase(start => start.fullMs),
			loadMs: phase(start => start.connectedMs),
			refreshMs: phase(start => start.enteredMs - start.connectedMs),
			renderMs: phase(start => start.fullMs - start.enteredMs),
			starts: starts.map(start => ({connectedMs: rounded(start.connectedMs), enteredMs: rounded(start.enteredMs), fullMs: rounded(start.fullMs)})),
		};
		details.variants.push(breakdown);
		const cold = variant.compilesSources && coldTsxCacheMs !== undefined ? `; with tsx's cache empty (first start after an install or upgrade): ${rounded(coldTsxCacheMs)} ms` : '';
		figures.push(figure({
			section,
			measure: variantMeasure(variant, `first full screen, ${names.length} members`),
			unit: 'ms',
			etcdeck: starts.map(start => start.fullMs),
			alternative: {label: 'etcdctl endpoint status --cluster -w table, in the same kind of pty', runs: etcdctlRuns},
			...(variant.aside ? {} : {target: targets.atMost(350, 'ms')}),
			note: `${variant.label}; where the time goes (medians of each start's phases): loading the code until the first connection ${breakdown.loadMs} ms (node alone starts in ${details.nodeAloneMs} ms); connecting and the first refresh ${breakdown.refreshMs} ms; the first render until its frame is out ${breakdown.renderMs} ms${cold}`,
		}));
	}

	return {figures, details};
}

/** One start with tsx's compile cache empty (TMPDIR pointed at a new directory), as after an install. */
async function coldCacheStart(variant: EtcdeckVariant, cluster: LocalCluster, names: readonly string[], say: (text: string) => void): Promise<number | undefined> {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-bench-tsx-cache-'));
	try {
		return (await startInPty({...variant, env: {...variant.env, TMPDIR: tmp}}, cluster, names)).fullMs;
	} catch (error) {
		say(`the start with an empty tsx cache failed: ${(error as Error).message}`);
		return undefined;
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
}
