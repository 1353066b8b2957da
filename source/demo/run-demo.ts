import {spawn} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {demoKeys} from './demo-keys.ts';
import {LocalCluster} from './local-cluster.ts';
import {shellQuote} from '../model/shared/shell-quote.ts';
import {ensureEtcd, pathWithEtcdBinDir} from './etcd-binaries.ts';
import {demoEtcdeckArgs, demoHelp, parseDemoArguments} from './demo-arguments.ts';
import {demoScenarios, scenarioNamed} from './scenarios.ts';
import type {Running} from './scenario-steps.ts';

function say(line: string): void {
	process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
	const request = parseDemoArguments(process.argv.slice(2), demoScenarios.map(scenario => scenario.name));
	if (request.kind === 'help') {
		process.stdout.write(`${demoHelp(demoScenarios).join('\n')}\n`);
		return;
	}

	if (request.kind === 'refused') {
		say(`demo: ${request.message}`);
		process.exitCode = 2;
		return;
	}

	const scenario = scenarioNamed(request.scenario)!;
	ensureEtcd();
	const {voters, learners} = scenario.cluster;
	say(`starting a local etcd cluster: ${voters} voters${learners === 0 ? '' : ` and ${learners} learner${learners === 1 ? '' : 's'}`} on 127.0.0.1…`);
	const cluster = await LocalCluster.start(scenario.cluster);
	let running: Running | undefined;
	let stopping: Promise<void> | undefined;
	const stop = async () => {
		stopping ??= (async () => {
			await running?.stop();
			await cluster.stop();
		})();
		await stopping;
	};

	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			void stop().then(() => process.exit(130));
		});
	}

	try {
		const keys = demoKeys();
		await cluster.putKeys(keys);
		say(`wrote ${keys.length} example keys; scenario ${scenario.name}: ${scenario.description}`);
		running = await scenario.setup(cluster);
		const snapshotDir = path.join(cluster.baseDir, 'snapshots');
		mkdirSync(snapshotDir);
		say(`snapshots go to ${snapshotDir} (removed with the demo; give --snapshot-dir to keep them)`);
		say(`opening etcdeck on ${cluster.endpoints[0]}`);
		const etcdeck = fileURLToPath(new URL('../../bin/etcdeck.js', import.meta.url));
		// The demo's members are not systemd units: the Logs pane tails each member's own log file instead
		// (LocalCluster writes NAME.log beside each data directory), one tail per member.
		const logDir = path.dirname(cluster.members[0]!.logFile);
		const args = demoEtcdeckArgs({endpoint: cluster.endpoints[0]!, logTail: `tail -n +1 -F ${shellQuote(logDir)}/{name}.log`, snapshotDir}, request.etcdeckArgs);
		const child = spawn(process.execPath, [etcdeck, ...args], {stdio: 'inherit', env: {...process.env, PATH: pathWithEtcdBinDir()}});
		const code = await new Promise<number>(resolve => {
			child.once('exit', (exitCode, signal) => {
				resolve(exitCode ?? (signal === null ? 1 : 128));
			});
		});
		process.exitCode = code;
	} finally {
		await stop();
		say('demo cluster stopped and removed');
	}
}

try {
	await main();
} catch (error) {
	say(`demo: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
