import {spawnSync} from 'node:child_process';

/** A program etcdeck's demo or tests run, and the Debian package that provides it. */
export interface SystemTool {
	command: string;
	debianPackage: string;
}

function has(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v '${command}'`], {stdio: 'ignore'}).status === 0;
}

/**
 * Makes sure every tool is on PATH. On a fresh Debian machine, as root, installs the missing
 * packages with apt-get; anywhere else, throws saying what to install.
 */
export function ensureTools(tools: readonly SystemTool[]): void {
	const missing = tools.filter(tool => !has(tool.command));
	if (missing.length === 0) {
		return;
	}

	const packages = [...new Set(missing.map(tool => tool.debianPackage))];
	const commands = missing.map(tool => tool.command).join(', ');
	if (process.getuid?.() === 0 && has('apt-get')) {
		process.stderr.write(`${commands} not installed: installing Debian's ${packages.join(' ')}…\n`);
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
			if (spawnSync('apt-get', args, {stdio: 'inherit', env}).status !== 0) {
				throw new Error(`apt-get ${args.join(' ')} failed`);
			}
		}

		return;
	}

	throw new Error(`${commands} needed on PATH: install them (Debian: apt-get install ${packages.join(' ')}) and run again`);
}
