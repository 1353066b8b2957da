import {readClientDir, type ClientDirValues} from './client-dir.ts';
import {parseEndpoints} from './endpoints.ts';
import {positiveInteger, timerMs} from './number-settings.ts';
import type {Sourced} from './setting-files.ts';
import {ConfigError, defaults, PasswordNeeded, type AuthSettings, type Settings} from './settings.ts';
import {readTlsFile, resolveTls} from './tls-settings.ts';

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
