import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {demoKeys} from './demo-keys.ts';
import {LocalCluster} from './local-cluster.ts';
import {shellQuote} from '../model/shared/shell-quote.ts';
import {ensureEtcd, pathWithEtcdBinDir} from './etcd-binaries.ts';

async function main(): Promise<void> {
	ensureEtcd();
	process.stderr.write('starting a local etcd cluster: 3 voters and 1 learner on 127.0.0.1…\n');
	const cluster = await LocalCluster.start({voters: 3, learners: 1});
	let stopping: Promise<void> | undefined;
	const stop = async () => {
		stopping ??= cluster.stop();
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
		process.stderr.write(`wrote ${keys.length} example keys; opening etcdeck on ${cluster.endpoints[0]}\n`);
		const etcdeck = fileURLToPath(new URL('../../bin/etcdeck.js', import.meta.url));
		// The demo's members are not systemd units: the Logs pane tails each member's own log file instead
		// (LocalCluster writes NAME.log beside each data directory), one tail per member.
		const logDir = path.dirname(cluster.members[0]!.logFile);
		const logs = process.argv.slice(2).some(argument => /^--(log-command|log-unit|journal-dir|journal-file)\b/.test(argument)) ? [] : ['--log-command', `tail -n +1 -F ${shellQuote(logDir)}/{name}.log`];
		const child = spawn(process.execPath, [etcdeck, '--endpoints', cluster.endpoints[0]!, ...logs, ...process.argv.slice(2)], {stdio: 'inherit', env: {...process.env, PATH: pathWithEtcdBinDir()}});
		const code = await new Promise<number>(resolve => {
			child.once('exit', (exitCode, signal) => {
				resolve(exitCode ?? (signal === null ? 1 : 128));
			});
		});
		process.exitCode = code;
	} finally {
		await stop();
		process.stderr.write('demo cluster stopped and removed\n');
	}
}

try {
	await main();
} catch (error) {
	process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
