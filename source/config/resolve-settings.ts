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

/**
 * The fields a named context (source/config/contexts/) gives, in flag form, already read and checked for
 * shape: the same fields as the flags. Its password is read from the variable named by password-env or the
 * file named by password-file, never written in the file.
 */
export type ContextValues = RawOptions;

/**
 * A context as a source of settings: it ranks below the flags and, being a complete description of
 * its cluster, replaces the ETCDCTL_* variables (which describe whatever cluster the shell was set up for).
 */
export interface ContextLayer {
	/** The context as messages name it: `config.yaml:4: context "eqiad"`. */
	label: string;
	values: ContextValues;
	/** Where each value was written, as messages name it: `config.yaml:7: context "eqiad" cacert`. */
	origins: Partial<Record<keyof ContextValues, string>>;
}

export interface ResolveOptions {
	/** Endpoints are required unless a command that needs no cluster (the drill) says they are optional. */
	endpoints?: 'required' | 'optional';
	/** The named context the flags override (--context, or one row of the fleet). */
	context?: ContextLayer;
}

interface Sourced {
	value: string;
	/** Where the value came from, named as the operator knows it (a flag, a variable, a file). */
	origin: string;
	/** Lower wins: flags, the flags' --client-dir, a context, its client-dir, ETCDCTL_* variables. */
	precedence: number;
}

type ConnectionField = 'endpoints' | 'user' | 'password' | 'cacert' | 'cert' | 'key';

/** One source of connection fields with the client directory it names, whose files rank just below it. */
interface Layer {
	get: (field: ConnectionField) => Sourced | undefined;
	clientDir: ClientDirValues;
}

/**
 * Merges flags, a Deephaven-style --client-dir, a named context and ETCDCTL_* variables (in that order
 * of precedence) into validated settings. Throws ConfigError with a message naming the flag, variable,
 * file or config-file line at fault.
 */
export function resolveSettings(flags: RawOptions, env: Environment, {endpoints: need = 'required', context}: ResolveOptions = {}): Settings {
	const layers: Layer[] = [{
		get: field => (typeof flags[field] === 'string' ? {value: flags[field], origin: `--${field}`, precedence: 0} : undefined),
		clientDir: flags.clientDir === undefined ? {} : readClientDir(flags.clientDir, '--client-dir', 1),
	}];
	if (context === undefined) {
		const envNames: Partial<Record<ConnectionField, string>> = {endpoints: 'ETCDCTL_ENDPOINTS', user: 'ETCDCTL_USER', password: 'ETCDCTL_PASSWORD', cacert: 'ETCDCTL_CACERT', cert: 'ETCDCTL_CERT', key: 'ETCDCTL_KEY'};
		layers.push({
			get(field) {
				const name = envNames[field];
				const value = name === undefined ? undefined : env[name];
				return value === undefined || value === '' || name === undefined ? undefined : {value, origin: name, precedence: 4};
			},
			clientDir: {},
		});
	} else {
		const {values, origins} = context;
		const origin = (field: keyof ContextValues) => origins[field] ?? `${context.label} ${field}`;
		layers.push({
			get: field => (values[field] === undefined ? undefined : {value: values[field], origin: origin(field), precedence: 2}),
			clientDir: values.clientDir === undefined ? {} : readClientDir(values.clientDir, origin('clientDir'), 3),
		});
	}

	const pick = (field: ConnectionField): Sourced | undefined => {
		for (const layer of layers) {
			// A client directory has no certificate or key files.
			const found = layer.get(field) ?? (field === 'cert' || field === 'key' ? undefined : layer.clientDir[field]);
			if (found !== undefined) {
				return found;
			}
		}

		return undefined;
	};

	const number = (field: 'timeout' | 'refresh' | 'quotaBytes', flag: string): {value: number | undefined; origin: string} =>
		flags[field] === undefined && context?.values[field] !== undefined
			? {value: context.values[field], origin: context.origins[field] ?? flag}
			: {value: flags[field], origin: flag};

	const endpointsSource = pick('endpoints');
	if (endpointsSource === undefined && need === 'required') {
		throw new ConfigError(context === undefined
			? 'no endpoints: pass --endpoints URL[,URL...], set ETCDCTL_ENDPOINTS, give --client-dir, or name a context of the config file with --context'
			: `${context.label} gives no endpoints: give it endpoints or client-dir`);
	}

	const endpoints = endpointsSource === undefined ? [] : parseEndpoints(endpointsSource.value, endpointsSource.origin);
	const tls = resolveTls(
		readTlsFile(pick('cacert')),
		readTlsFile(pick('cert')),
		readTlsFile(pick('key')),
	);
	const timeout = number('timeout', '--timeout');
	const refresh = number('refresh', '--refresh');
	const quota = number('quotaBytes', '--quota-bytes');
	const timeoutMs = timerMs(timeout.value, timeout.origin, defaults.timeoutMs);
	const refreshMs = timerMs(refresh.value, refresh.origin, defaults.refreshMs);
	const quotaBytes = quota.value === undefined ? undefined : positiveInteger(quota.value, quota.origin, 0, 1);
	// Last: a missing password is asked for on the terminal, and only once everything else is sound.
	const auth = resolveAuth(pick('user'), pick('password'));

	return {
		connection: {
			endpoints,
			...(auth === undefined ? {} : {auth}),
			...(tls === undefined ? {} : {tls}),
			timeoutMs,
		},
		refreshMs,
		quotaBytes,
		readOnly: flags.readOnly ?? context?.values.readOnly ?? false,
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
function readClientDir(dir: string, named: string, precedence: number): ClientDirValues {
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

/** The longest --timeout and --refresh: an hour, well inside what a Node timer holds (2^31-1 ms, about 24.8 days). */
export const maxTimerMs = 3_600_000;
export const minTimerMs = 100;

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
