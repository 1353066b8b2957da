// npm run media: pictures of the real etcdeck on a local demo cluster, for the README (media/*.png, *.svg).
// Needs etcd and etcdctl, tmux, and Debian's fonts-dejavu-core (the font the pictures are drawn in).
// `npm run media -- help logs-warnings` makes only the scenes named; `--scenario NAME` starts the cluster
// as `npm run demo -- --scenario NAME` does (default: the demo's first, healthy).
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {demoKeys} from '../../source/demo/demo-keys.ts';
import {demoHelp, parseDemoArguments} from '../../source/demo/demo-arguments.ts';
import {demoScenarios, scenarioNamed} from '../../source/demo/scenarios.ts';
import type {Running} from '../../source/demo/scenario-steps.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {ensureEtcd} from '../../source/demo/etcd-binaries.ts';
import {ensureTools} from '../../source/demo/system-tools.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {seedKeys} from '../support/seed-keys.ts';
import {shellQuote, TmuxTerminal} from '../support/tmux.ts';
import {reportKeys} from './load.ts';
import {checkFonts} from './rasterise.ts';
import type {Scene} from './scene.ts';
import {lagScene, logsScene, promoteScene, snapshotScene} from './scenes-actions.ts';
import {endpointsScene, healthScene, helpScene, keyLevelsScene, keysScene, overviewScene} from './scenes-panes.ts';
import {screenSize, Stage} from './stage.ts';

/** In order: trouble (a hung peer, a starved learner) comes late, so earlier pictures show a calm cluster. */
const scenes: readonly Scene[] = [overviewScene, endpointsScene, healthScene, helpScene, keyLevelsScene, keysScene, snapshotScene, lagScene, promoteScene, logsScene];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const mediaDir = path.join(repoRoot, 'media');
const loggedMember = 'm1';
/** Some 60 MB of data, so a snapshot streams long enough to be seen mid-way. */
const reports = {count: 20_000, valueBytes: 3000};

function say(line: string): void {
	process.stderr.write(`media: ${line}\n`);
}

/** The scenes named on the command line (npm run media -- help logs-warnings), or all of them. */
function chosenScenes(names: string[]): readonly Scene[] {
	const unknown = names.filter(name => !scenes.some(scene => scene.name === name));
	if (unknown.length > 0) {
		throw new Error(`no scene named ${unknown.join(', ')}; the scenes: ${scenes.map(scene => scene.name).join(', ')}`);
	}

	return names.length === 0 ? scenes : scenes.filter(scene => names.includes(scene.name));
}

async function main(): Promise<void> {
	const request = parseDemoArguments(process.argv.slice(2), demoScenarios.map(each => each.name));
	if (request.kind === 'help') {
		process.stdout.write(`npm run media -- [--scenario NAME] [SCENE...]\n  the scenes: ${scenes.map(scene => scene.name).join(', ')}\n\n${demoHelp(demoScenarios).slice(4).join('\n')}\n`);
		return;
	}

	if (request.kind === 'refused') {
		throw new Error(request.message);
	}

	const scenario = scenarioNamed(request.scenario)!;
	const chosen = chosenScenes([...request.etcdeckArgs]);
	ensureEtcd();
	ensureTools([{command: 'tmux', debianPackage: 'tmux'}]);
	checkFonts();
	const startedAt = Date.now();
	mkdirSync(mediaDir, {recursive: true});
	const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-media-snapshots-'));
	let cluster: LocalCluster | undefined;
	let running: Running | undefined;
	let terminal: TmuxTerminal | undefined;
	let cleaning: Promise<void> | undefined;
	const cleanUp = async () => {
		cleaning ??= (async () => {
			await terminal?.stop();
			await running?.stop();
			await cluster?.stop();
			rmSync(snapshotDir, {recursive: true, force: true});
		})();
		await cleaning;
	};

	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			void cleanUp().then(() => process.exit(130));
		});
	}

	try {
		say(`starting a local etcd cluster for scenario ${scenario.name}: ${scenario.description}`);
		cluster = await LocalCluster.start(scenario.cluster);
		await cluster.putKeys(demoKeys());
		say(`writing ${reports.count.toLocaleString('en-US')} keys of ${reports.valueBytes} bytes`);
		await seedKeys(cluster.voterEndpoints[0]!, reportKeys(reports.count, reports.valueBytes));
		running = await scenario.setup(cluster);

		terminal = await TmuxTerminal.start(screenSize);
		const logFile = cluster.member(loggedMember).logFile;
		await terminal.type(`node ${etcdeckBin} --endpoints ${cluster.endpoints[0]} --refresh 500 --snapshot-dir ${shellQuote(snapshotDir)} --log-command ${shellQuote(`tail -n +1 -F ${shellQuote(logFile)}`)}; echo "etcdeck exited with $?"`);
		const members = cluster.members.map(member => member.name);
		await terminal.waitForScreen('the dashboard', screen => members.every(name => screen.includes(` ${name} `)), 30_000);
		const stage = new Stage(terminal, cluster, loggedMember, mediaDir);
		for (const scene of chosen) {
			say(`scene ${scene.name}`);
			let shots = 0;
			await scene.play(stage, async capture => {
				shots++;
				await stage.shoot(scene.name, capture);
			});
			if (shots !== 1) {
				throw new Error(`scene ${scene.name} took ${shots} pictures instead of one`);
			}
		}

		await stage.press('quit');
		await terminal.waitForScreen('etcdeck to exit', screen => screen.includes('etcdeck exited with 0'));
		for (const file of stage.written) {
			process.stdout.write(`${path.relative(repoRoot, file)}\n`);
		}

		say(`${stage.written.length} files in ${Math.round((Date.now() - startedAt) / 1000)} s`);
	} finally {
		await cleanUp();
	}
}

try {
	await main();
} catch (error) {
	say(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
