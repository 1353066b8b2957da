import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const etcdeckBin = fileURLToPath(new URL('../../bin/etcdeck.js', import.meta.url));

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the etcdeck command as a process, without a terminal and without the caller's ETCDCTL_* variables. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ETCDCTL_'))) as Record<string, string>;
	return new Promise(resolve => {
		execFile(process.execPath, [etcdeckBin, ...args], {env: {...cleanEnv, ...env}, timeout: 30_000}, (error, stdout, stderr) => {
			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
			resolve({code, stdout, stderr});
		});
	});
}
