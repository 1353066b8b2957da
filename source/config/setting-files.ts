import {existsSync, readFileSync, statSync} from 'node:fs';
import {ConfigError} from './settings.ts';

/** A setting's value with where it came from. */
export interface Sourced {
	value: string;
	/** Where the value came from, named as the operator knows it (a flag, a variable, a file). */
	origin: string;
	/** Lower wins: flags, the flags' --client-dir, a context, its client-dir, ETCDCTL_* variables. */
	precedence: number;
}

/** A file a setting names (a TLS file, a client directory's file), read whole; a ConfigError names the setting when it cannot be. */
export function readReadableFile(file: string, origin: string): Buffer {
	if (file === '') {
		throw new ConfigError(`${origin} is empty: give the path of a file`);
	}

	if (!existsSync(file)) {
		throw new ConfigError(`${origin}: file ${file} does not exist`);
	}

	if (!statSync(file).isFile()) {
		throw new ConfigError(`${origin}: ${file} is not a file`);
	}

	try {
		return readFileSync(file);
	} catch (error) {
		throw new ConfigError(`${origin}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	}
}
