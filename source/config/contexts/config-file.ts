import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {ConfigError} from '../settings.ts';
import type {EtcdeckConfig} from './context-spec.ts';
import {parseConfig} from './parse-config.ts';

/** A config file larger than this is not etcdeck's (fifty contexts take a few kB). */
export const maxConfigBytes = 1024 * 1024;

/** Where the config file is: --config, else $XDG_CONFIG_HOME/etcdeck/config.yaml, else ~/.config/etcdeck/config.yaml. */
export function configPath(flag: string | undefined, env: Record<string, string | undefined>, home: string, cwd: string): {file: string; explicit: boolean} {
	if (flag !== undefined) {
		return {file: path.resolve(cwd, flag), explicit: true};
	}

	// The XDG base directory spec: a relative $XDG_CONFIG_HOME is invalid and ignored.
	const xdg = env['XDG_CONFIG_HOME'];
	const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
	return {file: path.join(base, 'etcdeck', 'config.yaml'), explicit: false};
}

/**
 * Reads and checks the config file. Undefined when there is none at the default place (etcdeck works
 * from flags alone); --config naming a file that is not there is an error. Throws ConfigError naming
 * the file (and the line and field, for what is in it).
 */
export function loadConfig(flag: string | undefined, env: Record<string, string | undefined>, home: string, cwd: string): EtcdeckConfig | undefined {
	if (flag === '') {
		throw new ConfigError('--config is empty: give the path of a config file');
	}

	const {file, explicit} = configPath(flag, env, home, cwd);
	let size: number;
	try {
		const stats = statSync(file);
		if (!stats.isFile()) {
			throw new ConfigError(`${explicit ? '--config ' : ''}${file} is not a file`);
		}

		size = stats.size;
	} catch (error) {
		if (error instanceof ConfigError) {
			throw error;
		}

		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !explicit) {
			return undefined;
		}

		throw new ConfigError(`${explicit ? '--config ' : ''}${file}: ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`);
	}

	if (size > maxConfigBytes) {
		throw new ConfigError(`${file} is ${size} bytes; a config file is at most ${maxConfigBytes}`);
	}

	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new ConfigError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	}

	return parseConfig(text, file, home);
}
