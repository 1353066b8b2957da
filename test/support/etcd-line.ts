import {execFile, execFileSync} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {etcdProgram, etcdVersion, pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';

/**
 * What the etcd line under test (ETCDECK_ETCD_BIN_DIR's, else PATH's) does differently, asked of the
 * programs themselves, so a test says what it depends on instead of naming a version.
 */

let version: string | undefined;

/** `etcd --version` of the line: what every member reports as its version. */
export function etcdLineVersion(): string {
	version ??= etcdVersion();
	return version;
}

function onPath(program: string): boolean {
	return pathWithEtcdBinDir().split(path.delimiter).some(dir => {
		try {
			accessSync(path.join(dir, program), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

/**
 * The program etcdeck runs for `snapshot status` given the line's directory first on PATH: etcdutl
 * where the line has it (3.5 moved file commands there), else etcdctl.
 */
export function snapshotTool(): 'etcdutl' | 'etcdctl' {
	return onPath('etcdutl') ? 'etcdutl' : 'etcdctl';
}

let loggers: string[] | undefined;

/** The --logger values the line's etcd offers, from its --help: 3.4 has zap and capnslog, 3.5 only zap. */
export function etcdLoggers(): readonly string[] {
	if (loggers === undefined) {
		const help = execFileSync(etcdProgram('etcd'), ['--help'], {encoding: 'utf8'});
		// "  --logger 'capnslog'\n    Specify 'zap' for structured logging or 'capnslog'. …"
		const description = /--logger [^\n]*\n([^\n]*)/.exec(help)?.[1] ?? '';
		loggers = ['zap', 'capnslog'].filter(name => description.includes(`'${name}'`));
	}

	return loggers;
}

/** Runs the line's snapshot file tool (see snapshotTool) and returns stdout. */
export async function runSnapshotTool(args: readonly string[], timeoutMs = 120_000): Promise<string> {
	const tool = snapshotTool();
	return new Promise((resolve, reject) => {
		execFile(tool, [...args], {env: {PATH: pathWithEtcdBinDir(), ETCDCTL_API: '3'}, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
				return;
			}

			resolve(stdout);
		});
	});
}

/**
 * Whether the cluster answers Status to a client with no user although authentication is on: etcd
 * 3.4 and 3.5.16 do, 3.5.30 refuses ("user name is empty"). Asked of etcdctl, so a test expects what
 * this etcd does.
 */
export async function statusServedWithoutUser(cluster: LocalCluster, endpoint: string): Promise<boolean> {
	try {
		await cluster.etcdctl(['endpoint', 'status'], {endpoints: [endpoint], withoutUser: true, timeoutMs: 10_000});
		return true;
	} catch {
		return false;
	}
}
