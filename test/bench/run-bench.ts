import os from 'node:os';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {ensureEtcd} from '../../source/demo/etcd-binaries.ts';
import {ensureTools} from '../../source/demo/system-tools.ts';
import {benchSettings, type Section} from './bench-settings.ts';
import {benchFleet, fleetSize} from './bench-fleet.ts';
import {benchIdle} from './bench-idle.ts';
import {benchKeys} from './bench-keys.ts';
import {benchKeystroke} from './bench-keystroke.ts';
import {benchRefresh} from './bench-refresh.ts';
import {benchStartup} from './bench-startup.ts';
import {etcdeckVariants} from './etcdeck-variants.ts';
import type {Figure} from './figures.ts';
import {reportText} from './report.ts';
import {machineInfo, writeResults} from './results-file.ts';

/**
 * `npm run bench`: starts its own loopback clusters, measures etcdeck beside what an operator would
 * run instead, prints the figures and writes them to bench-results/ so runs can be compared. The etcd
 * (and the etcdctl measured beside etcdeck) is ETCDECK_ETCD_BIN_DIR's, else PATH's, and labels the
 * results; `npm run bench:lines` runs it once on each supported line.
 */
async function main(): Promise<void> {
	ensureEtcd();
	ensureTools([{command: 'script', debianPackage: 'bsdutils'}]);
	const settings = benchSettings();
	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	const figures: Figure[] = [];
	const details: Record<string, unknown> = {};
	const wanted = (section: Section) => settings.only.includes(section);
	const say = (text: string) => process.stderr.write(`bench: ${text}\n`);
	say(`${machine.etcdLine}; ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}; ${settings.runs} runs a side`);

	const etcdeck = await etcdeckVariants();
	if (etcdeck.bundleError !== undefined) {
		say(`no prebuilt bundle to measure: ${etcdeck.bundleError}`);
	}

	const measure = async (section: Section, label: string, key: string, work: () => Promise<{figures: Figure[]; details: unknown}>) => {
		if (!wanted(section)) {
			return;
		}

		say(label);
		const result = await work();
		figures.push(...result.figures);
		details[key] = result.details;
	};

	if (wanted('refresh') || wanted('keys') || wanted('keystroke')) {
		say('starting a 3-member cluster');
		const cluster = await LocalCluster.start({voters: 3});
		try {
			await measure('refresh', '1. refresh cost, 3 members', 'refresh3', async () => benchRefresh(cluster, settings.runs));
			// Three members, so three log sources (issue 21): a tail per member.
			await measure('keystroke', `5. keystroke latency, 3 log sources, ${settings.logRate} lines/s in all`, 'keystroke', async () => benchKeystroke(cluster, settings, etcdeck));
			await measure('keys', `3. key browsing, ${settings.keyCounts.join(', ')} keys`, 'keys', async () => benchKeys(cluster, settings, etcdeck, say));
		} finally {
			await cluster.stop();
		}
	}

	if (wanted('refresh') || wanted('startup') || wanted('idle')) {
		say('starting a 5-member cluster');
		const cluster = await LocalCluster.start({voters: 5});
		try {
			await measure('refresh', '1. refresh cost, 5 members', 'refresh5', async () => benchRefresh(cluster, settings.runs));
			await measure('startup', '2. time to first full screen', 'startup', async () => benchStartup(cluster, settings.runs, etcdeck, say));
			await measure('idle', `4. idle cost over ${settings.idleSeconds} s`, 'idle', async () => benchIdle(cluster, settings.idleSeconds, etcdeck));
		} finally {
			await cluster.stop();
		}
	}

	if (wanted('fleet')) {
		say('starting a 3-member cluster for the fleet');
		const cluster = await LocalCluster.start({voters: 3});
		try {
			await measure('fleet', `6. the fleet, ${fleetSize} contexts`, 'fleet', async () => benchFleet(cluster, settings.runs, etcdeck));
		} finally {
			await cluster.stop();
		}
	}

	machine.loadAverageAtEnd = os.loadavg().map(load => Math.round(load * 100) / 100);
	// Sections ran in the order the clusters allow; they are reported in the order.
	figures.sort((a, b) => a.section.localeCompare(b.section));
	const files = writeResults({startedAt, finishedAt: new Date().toISOString(), machine, settings: {...settings}, figures, details});
	process.stdout.write(`\netcdeck benchmark on etcd ${machine.etcd}, ${startedAt}\n`);
	process.stdout.write(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}, node ${machine.node}, ${machine.etcdLine} (etcdctl beside it from the same directory)\n`);
	process.stdout.write(`load average (1, 5, 15 min): ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end; medians of ${settings.runs} runs a side\n\n`);
	process.stdout.write(reportText(figures));
	process.stdout.write(`written: ${files.join(', ')}\n`);
}

await main();
