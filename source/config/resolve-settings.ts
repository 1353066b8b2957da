import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {parseEndpoints} from './endpoints.ts';
import {ConfigError, defaults, PasswordNeeded, type AuthSettings, type Settings, type TlsSettings} from './settings.ts';
import {checkCertificates, checkKeyPair, type TlsFile} from './tls-files.ts';

/** What the operator typed: flags as meow parsed them. Undefined means "not given". */
export interface RawOptions {
	endpoints?: string;
	user?: string;
	password?: string;
	cacert?: string;
	cert?: string;
	key?: string;
	clientDir?: string;
	refresh?: number;
	timeout?: number;
	quotaBytes?: number;
	readOnly?: boolean;
}

type Environment = Record<string, string | undefined>;

/** Lower wins: flags over --client-dir over ETCDCTL_* variables. */
const precedence = {flag: 0, clientDir: 1, environment: 2} as const;

interface Sourced {
	value: string;
	/** Where the value came from, named as the operator knows it (a flag, a variable, a file). */
	origin: string;
	precedence: number;
}

/**
 * Merges flags, a Deephaven-style --client-dir and ETCDCTL_* variables (in that order of precedence)
 * into validated settings. Throws ConfigError with a message naming the flag, variable or file at fault.
 * Endpoints are required unless a command that needs no cluster (the drill) says they are optional.
 */
export function resolveSettings(flags: RawOptions, env: Environment, {endpoints: need = 'required'}: {endpoints?: 'required' | 'optional'} = {}): Settings {
	const clientDir = flags.clientDir === undefined ? {} : readClientDir(flags.clientDir);
	const pick = (flag: keyof RawOptions, flagName: string, dirFile: keyof ClientDirValues | undefined, envName: string): Sourced | undefined => {
		const flagValue = flags[flag];
		if (typeof flagValue === 'string') {
			return {value: flagValue, origin: flagName, precedence: precedence.flag};
		}

		const fromDir = dirFile === undefined ? undefined : clientDir[dirFile];
		if (fromDir !== undefined) {
			return fromDir;
		}

		const envValue = env[envName];
		return envValue === undefined || envValue === '' ? undefined : {value: envValue, origin: envName, precedence: precedence.environment};
	};

	const endpointsSource = pick('endpoints', '--endpoints', 'endpoints', 'ETCDCTL_ENDPOINTS');
	if (endpointsSource === undefined && need === 'required') {
		throw new ConfigError('no endpoints: pass --endpoints URL[,URL...], set ETCDCTL_ENDPOINTS, or give --client-dir');
	}

	const endpoints = endpointsSource === undefined ? [] : parseEndpoints(endpointsSource.value, endpointsSource.origin);
	const tls = resolveTls(
		readTlsFile(pick('cacert', '--cacert', 'cacert', 'ETCDCTL_CACERT')),
		readTlsFile(pick('cert', '--cert', undefined, 'ETCDCTL_CERT')),
		readTlsFile(pick('key', '--key', undefined, 'ETCDCTL_KEY')),
	);
	const timeoutMs = timerMs(flags.timeout, '--timeout', defaults.timeoutMs);
	const refreshMs = timerMs(flags.refresh, '--refresh', defaults.refreshMs);
	const quotaBytes = flags.quotaBytes === undefined ? undefined : positiveInteger(flags.quotaBytes, '--quota-bytes', 0, 1);
	// Last: a missing password is asked for on the terminal, and only once everything else is sound.
	const auth = resolveAuth(pick('user', '--user', 'user', 'ETCDCTL_USER'), pick('password', '--password', 'password', 'ETCDCTL_PASSWORD'));

	return {
		connection: {
			endpoints,
			...(auth === undefined ? {} : {auth}),
			...(tls === undefined ? {} : {tls}),
			timeoutMs,
		},
		refreshMs,
		quotaBytes,
		readOnly: flags.readOnly ?? false,
	};
}

function resolveAuth(user: Sourced | undefined, password: Sourced | undefined): AuthSettings | undefined {
	if (user === undefined) {
		if (password !== undefined) {
			throw new ConfigError(`${password.origin} is set but no user is: pass --user NAME as well`);
		}

		return undefined;
	}

	const colon = user.value.indexOf(':');
	const username = colon === -1 ? user.value : user.value.slice(0, colon);
	if (username === '') {
		throw new ConfigError(`${user.origin} has an empty user name`);
	}

	// A NAME:PASSWORD password ranks with the user it is written in; as with etcdctl, an explicit
	// password from the same source (or a stronger one) wins over it.
	const inlinePassword = colon === -1 ? undefined : user.value.slice(colon + 1);
	const secret = password !== undefined && (inlinePassword === undefined || password.precedence <= user.precedence) ? password.value : inlinePassword;
	if (secret === undefined) {
		// The CLI asks on the terminal when there is one (password-prompt.ts), as etcdctl does.
		throw new PasswordNeeded(username, user.origin);
	}

	return {username, password: secret};
}

function readTlsFile(source: Sourced | undefined): TlsFile | undefined {
	if (source === undefined) {
		return undefined;
	}

	return {content: readReadableFile(source.value, source.origin), origin: source.origin, path: source.value};
}

function resolveTls(ca: TlsFile | undefined, cert: TlsFile | undefined, key: TlsFile | undefined): TlsSettings | undefined {
	if ((cert === undefined) !== (key === undefined)) {
		const given = cert ?? key;
		const missing = cert === undefined ? '--cert (or ETCDCTL_CERT)' : '--key (or ETCDCTL_KEY)';
		throw new ConfigError(`${given?.origin} is given without ${missing}: a client certificate needs both`);
	}

	if (ca === undefined && cert === undefined) {
		return undefined;
	}

	if (ca !== undefined) {
		checkCertificates(ca);
	}

	if (cert !== undefined && key !== undefined) {
		checkKeyPair(cert, key);
	}

	return {
		...(ca === undefined ? {} : {ca: ca.content}),
		...(cert === undefined ? {} : {cert: cert.content}),
		...(key === undefined ? {} : {key: key.content}),
	};
}

function readReadableFile(file: string, origin: string): Buffer {
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

interface ClientDirValues {
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
function readClientDir(dir: string): ClientDirValues {
	if (dir === '') {
		throw new ConfigError('--client-dir is empty: give the path of a directory');
	}

	if (!existsSync(dir)) {
		throw new ConfigError(`--client-dir: ${dir} does not exist`);
	}

	if (!statSync(dir).isDirectory()) {
		throw new ConfigError(`--client-dir: ${dir} is not a directory`);
	}

	const read = (name: string): Sourced | undefined => {
		const file = path.join(dir, name);
		if (!existsSync(file)) {
			return undefined;
		}

		const origin = `--client-dir ${file}`;
		return {value: readReadableFile(file, origin).toString('utf8').trim(), origin, precedence: precedence.clientDir};
	};

	const endpoints = read('endpoints');
	if (endpoints === undefined) {
		throw new ConfigError(`--client-dir: ${dir} has no "endpoints" file`);
	}

	const user = read('user');
	const password = read('password');
	if (user !== undefined && password === undefined) {
		throw new ConfigError(`--client-dir: ${dir} has a "user" file but no "password" file`);
	}

	if (user === undefined && password !== undefined) {
		throw new ConfigError(`--client-dir: ${dir} has a "password" file but no "user" file`);
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

/** The longest --timeout and --refresh: an hour, well inside what a Node timer holds (2^31-1 ms, about 24.8 days). */
export const maxTimerMs = 3_600_000;
const minTimerMs = 100;

/**
 * A duration that drives a timer. Node runs a timer of more than 2^31-1 ms after 1 ms instead (with a
 * warning), so --timeout 1e12 would time every call out at once: such values are refused, naming the range.
 */
function timerMs(value: number | undefined, flag: string, fallback: number): number {
	if (value === undefined) {
		return fallback;
	}

	if (!Number.isInteger(value) || value < minTimerMs || value > maxTimerMs) {
		throw new ConfigError(`${flag} must be a whole number of milliseconds from ${minTimerMs} to ${maxTimerMs} (one hour), got ${String(value)}`);
	}

	return value;
}

function positiveInteger(value: number | undefined, flag: string, fallback: number, minimum: number): number {
	if (value === undefined) {
		return fallback;
	}

	if (!Number.isInteger(value) || value < minimum) {
		throw new ConfigError(`${flag} must be a whole number of at least ${minimum}, got ${String(value)}`);
	}

	return value;
}
