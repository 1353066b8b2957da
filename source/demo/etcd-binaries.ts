import {execFileSync, spawnSync} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import {ensureTools, type SystemTool} from './system-tools.ts';

/**
 * The one variable that picks the etcd the demo, the tests and the benchmark run: a directory holding
 * etcd, etcdctl and (from 3.5) etcdutl. Unset, they come from PATH.
 */
export const etcdBinDirVariable = 'ETCDECK_ETCD_BIN_DIR';

export type EtcdProgram = 'etcd' | 'etcdctl' | 'etcdutl';

const installScript = path.resolve(import.meta.dirname, '../../scripts/install-etcd-3.5.sh');

/** The directory the variable names, or undefined for PATH. */
export function etcdBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const dir = env[etcdBinDirVariable];
	return dir === undefined || dir === '' ? undefined : path.resolve(dir);
}

/** What to spawn for one of etcd's programs: its path in the chosen directory, or its bare name for PATH. */
export function etcdProgram(program: EtcdProgram, env: NodeJS.ProcessEnv = process.env): string {
	const dir = etcdBinDir(env);
	return dir === undefined ? program : path.join(dir, program);
}

/**
 * PATH with the chosen directory first: the environment for etcdeck itself when the demo or a test
 * starts it, so that etcdeck (which, as an operator expects, runs whatever etcdutl or etcdctl is on
 * PATH) finds the same etcd line the cluster runs.
 */
export function pathWithEtcdBinDir(env: NodeJS.ProcessEnv = process.env): string {
	const pathValue = env['PATH'] ?? '/usr/bin:/bin';
	const dir = etcdBinDir(env);
	return dir === undefined ? pathValue : `${dir}${path.delimiter}${pathValue}`;
}

/** `etcd --version`'s first figure ("3.5.30") of the etcd the variable picks. */
export function etcdVersion(env: NodeJS.ProcessEnv = process.env): string {
	const output = execFileSync(etcdProgram('etcd', env), ['--version'], {encoding: 'utf8'});
	const version = /etcd Version: (\S+)/.exec(output)?.[1];
	if (version === undefined) {
		throw new Error(`${etcdProgram('etcd', env)} --version printed no version: ${output.trim()}`);
	}

	return version;
}

/** Where the etcd comes from, in words: "etcd 3.5.30 from ETCDECK_ETCD_BIN_DIR=/x" or "etcd 3.4.23 from PATH". */
export function describeEtcdLine(env: NodeJS.ProcessEnv = process.env): string {
	const dir = etcdBinDir(env);
	return `etcd ${etcdVersion(env)} from ${dir === undefined ? 'PATH' : `${etcdBinDirVariable}=${dir}`}`;
}

export const etcdTools: readonly SystemTool[] = [
	{command: 'etcd', debianPackage: 'etcd-server'},
	{command: 'etcdctl', debianPackage: 'etcd-client'},
];

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function missingIn(dir: string): string[] {
	return (['etcd', 'etcdctl'] as const).filter(program => !isExecutable(path.join(dir, program)));
}

/**
 * Makes sure the etcd the variable picks is there. Unset: etcd and etcdctl on PATH, installed from
 * Debian when missing and allowed (see ensureTools). Set: the directory must hold etcd and etcdctl; when
 * it does not and it has the shape the install script makes (DEST/usr/bin), root gets it installed by
 * `scripts/install-etcd-3.5.sh DEST`; anyone else is told to run that script.
 */
export function ensureEtcd(env: NodeJS.ProcessEnv = process.env): void {
	const dir = etcdBinDir(env);
	if (dir === undefined) {
		ensureTools(etcdTools);
		return;
	}

	if (missingIn(dir).length === 0) {
		return;
	}

	const dest = path.basename(dir) === 'bin' && path.basename(path.dirname(dir)) === 'usr' ? path.dirname(path.dirname(dir)) : undefined;
	if (dest !== undefined && process.getuid?.() === 0) {
		process.stderr.write(`${etcdBinDirVariable}=${dir} holds no etcd: installing etcd 3.5 there with ${installScript}…\n`);
		const result = spawnSync('bash', [installScript, dest], {stdio: ['ignore', 'ignore', 'inherit']});
		if (result.status === 0 && missingIn(dir).length === 0) {
			return;
		}
	}

	throw new Error(`${etcdBinDirVariable}=${dir} has no ${missingIn(dir).join(' or ')}: run \`bash scripts/install-etcd-3.5.sh\` (as root; it prints the directory to use) and point ${etcdBinDirVariable} at what it prints, or at any directory holding etcd and etcdctl`);
}
