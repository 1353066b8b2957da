import {spawn, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {demoKeys} from './demo-keys.ts';
import {LocalCluster} from './local-cluster.ts';

function has(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

/** etcd and etcdctl from PATH; on a fresh Debian machine, as root, installs Debian's packages. */
function ensureEtcd(): void {
	if (has('etcd') && has('etcdctl')) {
		return;
	}

	if (process.getuid?.() === 0 && has('apt-get')) {
		process.stderr.write('etcd is not installed: installing Debian\'s etcd-server and etcd-client…\n');
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'etcd-server', 'etcd-client']]) {
			if (spawnSync('apt-get', args, {stdio: 'inherit', env}).status !== 0) {
				throw new Error(`apt-get ${args.join(' ')} failed`);
			}
		}

		return;
	}

	throw new Error('etcd and etcdctl are needed on PATH: install them (Debian: apt-get install etcd-server etcd-client) and run again');
}

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
		const child = spawn(process.execPath, [etcdeck, '--endpoints', cluster.endpoints[0]!, ...process.argv.slice(2)], {stdio: 'inherit', env: process.env});
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
