import {readFileSync, statSync} from 'node:fs';
import type {RawLogOptions} from '../../logs/log-settings.ts';
import {resolveSettings, type ContextLayer, type RawOptions} from '../resolve-settings.ts';
import {ConfigError, PasswordNeeded, type Settings} from '../settings.ts';
import {logSourceKeys} from './context-fields.ts';
import type {ContextSpec, EtcdeckConfig} from './context-spec.ts';

/** Every flag a context's fields stand for, as meow gives them: connection, dashboard, logs, keys, snapshots. */
export interface ContextFlags extends RawOptions, RawLogOptions {
	metricsUrls?: string;
	snapshotDir?: string;
	prefix?: string;
	separator?: string;
}

type Environment = Record<string, string | undefined>;

/** A password file larger than this holds something else. */
const maxPasswordFileBytes = 4096;

/** The context --context names; a ConfigError listing the contexts there are when none has that name. */
export function findContext(config: EtcdeckConfig | undefined, name: string, origin = '--context'): ContextSpec {
	if (config === undefined) {
		throw new ConfigError(`${origin} ${name}: there is no config file (give --config FILE, or write $XDG_CONFIG_HOME/etcdeck/config.yaml)`);
	}

	const found = config.contexts.find(context => context.name === name);
	if (found === undefined) {
		const names = config.contexts.map(context => context.name);
		throw new ConfigError(`${origin} ${name}: ${config.file} has no context of that name${names.length === 0 ? ' (it has no contexts)' : ` (it has ${names.join(', ')})`}`);
	}

	return found;
}

/**
 * The context as a source of settings for resolveSettings: its connection fields with their origins,
 * and the password read from the variable password-env names or from password-file, never from the
 * config file itself.
 */
export function contextLayer(context: ContextSpec, env: Environment): ContextLayer {
	const {values, origins} = context;
	const password = values.passwordEnv === undefined
		? values.passwordFile === undefined ? undefined : readPasswordFile(values.passwordFile, origins.passwordFile!)
		: passwordFromEnvironment(values.passwordEnv, origins.passwordEnv!, env);
	const layerOrigins: ContextLayer['origins'] = {...origins, ...(password === undefined ? {} : {password: values.passwordEnv === undefined ? origins.passwordFile : origins.passwordEnv})};
	return {
		label: context.label,
		values: {
			...(values.endpoints === undefined ? {} : {endpoints: values.endpoints.join(',')}),
			...(values.user === undefined ? {} : {user: values.user}),
			...(password === undefined ? {} : {password}),
			...(values.cacert === undefined ? {} : {cacert: values.cacert}),
			...(values.cert === undefined ? {} : {cert: values.cert}),
			...(values.key === undefined ? {} : {key: values.key}),
			...(values.clientDir === undefined ? {} : {clientDir: values.clientDir}),
			...(values.timeout === undefined ? {} : {timeout: values.timeout}),
			...(values.refresh === undefined ? {} : {refresh: values.refresh}),
			...(values.quotaBytes === undefined ? {} : {quotaBytes: values.quotaBytes}),
			...(values.readOnly === undefined ? {} : {readOnly: values.readOnly}),
		},
		origins: layerOrigins,
	};
}

function passwordFromEnvironment(name: string, origin: string, env: Environment): string {
	const value = env[name];
	if (value === undefined || value === '') {
		throw new ConfigError(`${origin}: the variable ${name} is ${value === undefined ? 'not set' : 'empty'}`);
	}

	return value;
}

/**
 * Reads a password file, as ssh reads a private key: refused when anyone but its owner may read or
 * write it (mode 0600 or stricter), since then the password is no secret. One trailing newline is not
 * part of the password (echo and editors add one).
 */
export function readPasswordFile(file: string, origin: string): string {
	let mode: number;
	let size: number;
	try {
		const stats = statSync(file);
		if (!stats.isFile()) {
			throw new ConfigError(`${origin}: ${file} is not a file`);
		}

		mode = stats.mode & 0o777;
		size = stats.size;
	} catch (error) {
		if (error instanceof ConfigError) {
			throw error;
		}

		const code = (error as NodeJS.ErrnoException).code;
		throw new ConfigError(`${origin}: ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`);
	}

	if ((mode & 0o077) !== 0) {
		throw new ConfigError(`${origin}: ${file} has mode ${mode.toString(8).padStart(4, '0')}, so others may read the password; allow only its owner: chmod 600 ${file}`);
	}

	if (size > maxPasswordFileBytes) {
		throw new ConfigError(`${origin}: ${file} is ${size} bytes; a password file holds one password`);
	}

	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new ConfigError(`${origin}: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	}

	const password = text.replace(/\r?\n$/, '');
	if (password === '' || password.includes('\n')) {
		throw new ConfigError(`${origin}: ${file} ${password === '' ? 'is empty' : 'holds more than one line'}; it holds the password alone`);
	}

	return password;
}

/**
 * The flags with the context's other fields beneath them (logs, metrics, snapshots, keys): a flag given
 * wins. The log source is one choice: a flag naming one (--log-unit, --journal-dir, --journal-file,
 * --log-command) replaces all of the context's, which could otherwise contradict it.
 */
export function withContextFlags<F extends ContextFlags>(flags: F, context: ContextSpec): F {
	const {values} = context;
	const logSourceGiven = logSourceKeys.some(key => flags[key as keyof ContextFlags] !== undefined);
	if (!logSourceGiven) {
		// Checked here, where the config-file line is known; resolveLogSettings would name the flag.
		existing(values.journalDir, context.origins.journalDir, 'directory');
		existing(values.journalFile, context.origins.journalFile, 'file');
	}

	const fromContext: ContextFlags = {
		...(logSourceGiven ? {} : {
			...(values.logUnit === undefined ? {} : {logUnit: values.logUnit.join(',')}),
			...(values.journalDir === undefined ? {} : {journalDir: values.journalDir}),
			...(values.journalFile === undefined ? {} : {journalFile: values.journalFile}),
			...(values.logCommand === undefined ? {} : {logCommand: values.logCommand}),
		}),
		...(values.logLines === undefined ? {} : {logLines: values.logLines}),
		...(values.metricsUrls === undefined ? {} : {metricsUrls: values.metricsUrls.join(',')}),
		...(values.snapshotDir === undefined ? {} : {snapshotDir: values.snapshotDir}),
		...(values.prefix === undefined ? {} : {prefix: values.prefix}),
		...(values.separator === undefined ? {} : {separator: values.separator}),
	};
	const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
	return {...flags, ...fromContext, ...given};
}

function existing(file: string | undefined, origin: string | undefined, kind: 'directory' | 'file'): void {
	if (file === undefined) {
		return;
	}

	let isKind: boolean;
	try {
		const stats = statSync(file);
		isKind = kind === 'directory' ? stats.isDirectory() : stats.isFile();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ConfigError(`${origin ?? file}: ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`);
	}

	if (!isKind) {
		throw new ConfigError(`${origin ?? file}: ${file} is not a ${kind}`);
	}
}

/** Connection flags: with the fleet (every context at once) they would point every row at one cluster. */
const connectionFlags: ReadonlyArray<[keyof RawOptions, string]> = [['endpoints', '--endpoints'], ['user', '--user'], ['password', '--password'], ['cacert', '--cacert'], ['cert', '--cert'], ['key', '--key'], ['clientDir', '--client-dir']];

/** One context of the fleet, ready to connect. */
export interface OpenedContext {
	context: ContextSpec;
	settings: Settings;
}

/**
 * Every context's settings, for the fleet and `status --all-contexts`: read before anything connects,
 * so a mistake in any context (a missing file, an unset password variable, a password file others may
 * read) stops etcdeck with its line named. The flags that are not the connection's (--timeout,
 * --refresh, --quota-bytes, --read-only) apply to every context.
 */
export function openAllContexts(config: EtcdeckConfig, flags: RawOptions, env: Environment, what: string): OpenedContext[] {
	const connection = connectionFlags.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
	if (connection.length > 0) {
		throw new ConfigError(`${connection.join(' and ')} ${connection.length === 1 ? 'does' : 'do'} not go with ${what}: every context names its own cluster (open one with --context NAME)`);
	}

	if (config.contexts.length === 0) {
		throw new ConfigError(`${config.file} has no contexts: ${what} shows every context of the config file`);
	}

	return config.contexts.map(context => ({context, settings: resolveContext(context, flags, env)}));
}

/** A context's settings under the flags, without asking for a password (the fleet asks none). */
export function resolveContext(context: ContextSpec, flags: RawOptions, env: Environment): Settings {
	try {
		return resolveSettings(flags, env, {context: contextLayer(context, env)});
	} catch (error) {
		if (error instanceof PasswordNeeded) {
			throw new ConfigError(`${context.origins.user ?? context.label} names user "${error.username}" with no password: give the context password-env or password-file (or open it alone with --context ${context.name} to be asked)`);
		}

		throw error;
	}
}
