import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {FleetPoller} from '../../source/cluster/fleet-poller.ts';
import {defaultFleetOptions, fleetDeadlineMs} from '../../source/cluster/fleet-member.ts';
import {defaults} from '../../source/config/settings.ts';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import type {FleetCommand} from '../../source/ui/fleet/fleet-bindings.ts';
import {sequencesFor} from '../support/render.tsx';
import {repository, variantMeasure, type EtcdeckVariants} from './etcdeck-variants.ts';
import {figure, targets, type Figure} from './figures.ts';
import {PtySession} from './pty-session.ts';
import {timeProcess} from './timed-process.ts';

const section = '6. Fifty contexts';
/** The scale: the fleet view and status --all-contexts stay responsive with 50 contexts. */
export const fleetSize = 50;
const name = (index: number) => `ctx-${String(index + 1).padStart(2, '0')}`;

/** A config file listing one cluster `count` times (ctx-01 … ctx-50), in a directory of its own. */
function fleetConfig(cluster: LocalCluster, count: number): {file: string; remove: () => void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-bench-fleet-'));
	const file = path.join(dir, 'config.yaml');
	const contexts = Array.from({length: count}, (_, index) => `  - name: ${name(index)}\n    endpoints: [${cluster.endpoints[index % cluster.endpoints.length]!}]\n`);
	writeFileSync(file, `current-context: ${name(0)}\ncontexts:\n${contexts.join('')}`);
	return {file, remove: () => rmSync(dir, {recursive: true, force: true})};
}

/** One refresh of every context in-process, as the fleet view's poller does it: the time until each has answered. */
async function fleetRounds(cluster: LocalCluster, count: number, runs: number): Promise<number[]> {
	const services = Array.from({length: count}, (_, index) => new ClusterService({endpoints: [cluster.endpoints[index % cluster.endpoints.length]!], timeoutMs: defaults.timeoutMs}));
	try {
		const poller = new FleetPoller(services.map((service, index) => ({name: name(index), source: service, refreshMs: defaults.refreshMs, deadlineMs: fleetDeadlineMs(defaults.timeoutMs)})), undefined, defaultFleetOptions);
		// The first round connects; the rounds measured are the view's steady refreshes.
		await poller.refreshOnce();
		const times: number[] = [];
		for (let run = 0; run < runs; run++) {
			const started = performance.now();
			const readings = await poller.refreshOnce();
			times.push(performance.now() - started);
			if (readings.some(reading => reading.overdue !== undefined)) {
				throw new Error('a context missed its deadline on a loopback cluster');
			}
		}

		return times;
	} finally {
		for (const service of services) {
			service.close();
		}
	}
}

/** The fleet view of `count` contexts: time to every row healthy, then ↓/↑ pressed, each to the frame that moves the selection. */
async function fleetKeys(variant: EtcdeckVariants['shipped'], config: string, count: number, presses: number): Promise<{firstFullMs: number; latencies: number[]}> {
	const session = PtySession.start(variant.command, [...variant.commandArgs, '--config', config], {cwd: repository, env: variant.env, columns: 120, rows: 30});
	const key = (command: FleetCommand) => sequencesFor(command, 'fleet')[0]!;
	const selected = (text: string) => /^› (ctx-\d+)/m.exec(text)?.[1];
	try {
		const full = await session.frame(`all ${count} contexts healthy`, text => text.includes(`${count} contexts: ${count} healthy`), {timeoutMs: 60_000});
		const latencies: number[] = [];
		for (let index = 0; index < presses; index++) {
			const [direction, expected]: [FleetCommand, string] = index % 2 === 0 ? ['fleet-next', name(1)] : ['fleet-previous', name(0)];
			const pressed = session.press(key(direction));
			const moved = await session.frame(`the selection on ${expected}`, text => selected(text) === expected, {after: pressed});
			latencies.push(moved.at - pressed);
			await delay(60 + (Math.random() * 120));
		}

		return {firstFullMs: full.at - session.startedAt, latencies};
	} finally {
		await session.stop();
	}
}

/**
 * The scale, on one loopback cluster listed fifty times: `status --all-contexts` beside
 * `status --context` of one; one refresh of the whole fleet in-process (what the fleet view waits for
 * between frames); the fleet view's time to every row healthy, and a key press to the frame that shows it.
 */
export async function benchFleet(cluster: LocalCluster, runs: number, etcdeck: EtcdeckVariants): Promise<{figures: Figure[]; details: unknown}> {
	const many = fleetConfig(cluster, fleetSize);
	try {
		const variant = etcdeck.shipped;
		const all: number[] = [];
		const one: number[] = [];
		for (let run = 0; run < runs; run++) {
			all.push((await timeProcess(variant.command, [...variant.commandArgs, 'status', '--all-contexts', '--config', many.file])).ms);
			one.push((await timeProcess(variant.command, [...variant.commandArgs, 'status', '--context', name(0), '--config', many.file])).ms);
		}

		const rounds = await fleetRounds(cluster, fleetSize, runs);
		const keys = await fleetKeys(variant, many.file, fleetSize, 20);
		return {
			figures: [
				figure({section, measure: variantMeasure(variant, `status --all-contexts, ${fleetSize} contexts`), unit: 'ms', etcdeck: all, alternative: {label: 'status --context of one', runs: one}, withRatio: false, note: `${fleetSize} contexts naming one ${cluster.members.length}-member loopback cluster; at most ${defaultFleetOptions.concurrency} refreshes at once`}),
				figure({section, measure: `one refresh of ${fleetSize} contexts (the fleet poller, in-process)`, unit: 'ms', etcdeck: rounds, note: 'after a first round that connects'}),
				figure({section, measure: variantMeasure(variant, `fleet view: start to all ${fleetSize} rows healthy`), unit: 'ms', etcdeck: [keys.firstFullMs]}),
				figure({section, measure: variantMeasure(variant, `fleet view of ${fleetSize}: key press → screen`), unit: 'ms', etcdeck: keys.latencies, target: targets.atMost(50, 'ms'), note: `↓ and ↑ alternately, ${keys.latencies.length} presses, while every context refreshes each ${defaults.refreshMs} ms; uncorrected for the pty relay`}),
			],
			details: {statusAll: all, statusOne: one, rounds, keys},
		};
	} finally {
		many.remove();
	}
}
