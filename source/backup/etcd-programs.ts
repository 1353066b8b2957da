import {execFile} from 'node:child_process';
import {access, constants, realpath} from 'node:fs/promises';
import path from 'node:path';
import type {EtcdProgram} from '../model/shared/etcd-lines.ts';

const programNames = ['etcd', 'etcdctl', 'etcdutl'] as const;

/** etcd's own file commands and servers read only flags here: a clean environment, PATH alone. */
export function cleanToolEnv(pathVariable: string | undefined): Record<string, string> {
	return {PATH: pathVariable ?? '/usr/bin:/bin'};
}

/**
 * Every etcd, etcdctl and etcdutl on PATH, in PATH order, each with the version it reports. The same
 * file reached twice (a symlink, a directory listed twice) counts once; one that does not say its
 * version is left out.
 */
export async function findEtcdPrograms(pathVariable: string | undefined): Promise<EtcdProgram[]> {
	const dirs = (pathVariable ?? '').split(':').filter(dir => dir !== '');
	const seen = new Set<string>();
	const found: EtcdProgram[] = [];
	for (const dir of dirs) {
		for (const name of programNames) {
			const file = path.join(dir, name);
			const real = await executable(file);
			if (real === undefined || seen.has(real)) {
				continue;
			}

			seen.add(real);
			const version = await versionOf(file, name, pathVariable);
			if (version !== undefined) {
				found.push({name, path: file, dir, version});
			}
		}
	}

	return found;
}

async function executable(file: string): Promise<string | undefined> {
	try {
		await access(file, constants.X_OK);
		return await realpath(file);
	} catch {
		return undefined;
	}
}

/** "etcd Version: 3.4.23", "etcdctl version: 3.5.30", "etcdutl version: 3.5.30". */
async function versionOf(file: string, name: (typeof programNames)[number], pathVariable: string | undefined): Promise<string | undefined> {
	const args = name === 'etcd' ? ['--version'] : ['version'];
	return new Promise(resolve => {
		execFile(file, args, {env: cleanToolEnv(pathVariable), timeout: 10_000}, (error, stdout) => {
			const match = /version:\s*v?(\d+\.\d+\.\d+\S*)/i.exec(stdout);
			resolve(error === null && match !== null ? match[1] : undefined);
		});
	});
}
