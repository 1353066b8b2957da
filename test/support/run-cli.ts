import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';

export const etcdeckBin = fileURLToPath(new URL('../../bin/etcdeck.js', import.meta.url));

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs the etcdeck command as a process, without a terminal and without the caller's ETCDCTL_* variables,
 * with the etcd line's directory first on PATH (the etcdutl or etcdctl it runs on snapshots).
 */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ETCDCTL_'))) as Record<string, string>;
	return new Promise(resolve => {
		execFile(process.execPath, [etcdeckBin, ...args], {env: {...cleanEnv, PATH: pathWithEtcdBinDir(), ...env}, timeout: 30_000}, (error, stdout, stderr) => {
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			resolve({code, stdout, stderr});
		});
	});
}
