import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {ConfigError} from './settings.ts';
import {readReadableFile, type Sourced} from './setting-files.ts';

/** What a client directory gives, each value with the file it came from. */
export interface ClientDirValues {
	endpoints?: Sourced;
	user?: Sourced;
	password?: Sourced;
	/** The path of the CA bundle: the cacert file itself when it holds PEM, else the path it names. */
	cacert?: Sourced;
}

/**
 * Reads a Deephaven etcd client directory (e.g. /etc/sysconfig/deephaven/etcd/client/root): files
 * `endpoints`, `user`, `password`, and optionally `cacert` (a PEM file, or a file naming one).
 */
export function readClientDir(dir: string, named: string, precedence: number): ClientDirValues {
	if (dir === '') {
		throw new ConfigError(`${named} is empty: give the path of a directory`);
	}

	if (!existsSync(dir)) {
		throw new ConfigError(`${named}: ${dir} does not exist`);
	}

	if (!statSync(dir).isDirectory()) {
		throw new ConfigError(`${named}: ${dir} is not a directory`);
	}

	const read = (name: string): Sourced | undefined => {
		const file = path.join(dir, name);
		if (!existsSync(file)) {
			return undefined;
		}

		const origin = `${named} ${file}`;
		return {value: readReadableFile(file, origin).toString('utf8').trim(), origin, precedence};
	};

	const endpoints = read('endpoints');
	if (endpoints === undefined) {
		throw new ConfigError(`${named}: ${dir} has no "endpoints" file`);
	}

	const user = read('user');
	const password = read('password');
	if (user !== undefined && password === undefined) {
		throw new ConfigError(`${named}: ${dir} has a "user" file but no "password" file`);
	}

	if (user === undefined && password !== undefined) {
		throw new ConfigError(`${named}: ${dir} has a "password" file but no "user" file`);
	}

	if (password?.value === '') {
		throw new ConfigError(`${password.origin} is empty`);
	}

	const cacert = read('cacert');
	return {
		endpoints,
		...(user === undefined ? {} : {user}),
		...(password === undefined ? {} : {password}),
		...(cacert === undefined ? {} : {cacert: {...cacert, value: cacertPath(dir, cacert.value)}}),
	};
}

function cacertPath(dir: string, cacertContent: string): string {
	if (cacertContent.startsWith('-----BEGIN')) {
		return path.join(dir, 'cacert');
	}

	// A relative path in the file is relative to the client directory, wherever etcdeck runs from.
	return cacertContent === '' ? '' : path.resolve(dir, cacertContent);
}
