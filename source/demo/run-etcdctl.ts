import {execFile} from 'node:child_process';
import {etcdProgram, pathWithEtcdBinDir} from './etcd-binaries.ts';
import type {EtcdctlOptions} from './local-cluster-types.ts';

/** Runs etcdctl with a clean environment (no stray ETCDCTL_* of the caller's) and returns stdout. */
export async function runEtcdctl(args: string[], options: EtcdctlOptions = {}): Promise<string> {
	const env: Record<string, string> = {PATH: pathWithEtcdBinDir(), ETCDCTL_API: '3', ...options.env};
	return new Promise((resolve, reject) => {
		const child = execFile(etcdProgram('etcdctl'), ['--dial-timeout=3s', '--command-timeout=5s', ...args], {env, timeout: options.timeoutMs ?? 15_000, maxBuffer: 256 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`etcdctl ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
				return;
			}

			resolve(stdout);
		});
		if (options.input !== undefined) {
			child.stdin?.end(options.input);
		}
	});
}

/**
 * `etcdctl txn` inputs writing the entries, 100 puts a transaction. Keys and values are written as
 * Go-quoted strings (JSON string syntax is a subset etcdctl unquotes), so any text survives.
 */
export function txnPutBatches(entries: ReadonlyArray<readonly [string, string]>): string[] {
	const batches: string[] = [];
	for (let start = 0; start < entries.length; start += 100) {
		const puts = entries.slice(start, start + 100).map(([key, value]) => `put ${JSON.stringify(key)} ${JSON.stringify(value)}`);
		batches.push(`\n${puts.join('\n')}\n\n\n`);
	}

	return batches;
}
