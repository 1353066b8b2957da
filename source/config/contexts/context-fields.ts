/**
 * The fields of a context in etcdeck's config file, as data: the parser validates by this table, and
 * the README's list of fields is written from it. A field's name is its flag's name without the dashes,
 * so what an operator types on the command line and writes in the file read the same.
 */

/** How a field's value is written and checked. */
export type FieldKind =
	/** Text, not empty. */
	| 'text'
	/** Endpoint URLs: one text of comma-separated URLs, or a list of them. */
	| 'urls'
	/** Unit names: one text of comma-separated names, or a list. */
	| 'names'
	/** A file or directory; relative to the config file's directory, ~/ to the home directory. */
	| 'path'
	/** Whole milliseconds, as --timeout and --refresh take them. */
	| 'milliseconds'
	/** A whole number of at least 1. */
	| 'count'
	/** true or false. */
	| 'boolean'
	/** The name of an environment variable. */
	| 'variable';

/** The parsed context's property each field fills (the camelCase meow gives the flag). */
export type ContextFieldKey =
	| 'endpoints' | 'user' | 'passwordEnv' | 'passwordFile' | 'cacert' | 'cert' | 'key' | 'clientDir'
	| 'timeout' | 'refresh' | 'quotaBytes' | 'readOnly'
	| 'logUnit' | 'journalDir' | 'journalFile' | 'logCommand' | 'logLines'
	| 'metricsUrls' | 'snapshotDir' | 'prefix' | 'separator';

export interface ContextField {
	/** As written in the file. */
	name: string;
	key: ContextFieldKey;
	kind: FieldKind;
	/** The flag that overrides it on the command line; undefined for the file's own fields (password-env, password-file). */
	flag: string | undefined;
	description: string;
}

/** `flag: false` for the file's own fields, which no flag overrides (an undefined argument would take the default). */
const field = (name: string, key: ContextFieldKey, kind: FieldKind, description: string, flag: false | undefined = undefined): ContextField => ({name, key, kind, flag: flag === false ? undefined : `--${name}`, description});

/** Every field a context may have besides its `name`, in the order the README lists them. */
export const contextFields: readonly ContextField[] = [
	field('endpoints', 'endpoints', 'urls', 'the seed endpoints (one is enough: the rest are found from the member list)'),
	field('user', 'user', 'text', 'etcd user (only the name: NAME:PASSWORD is refused)'),
	field('password-env', 'passwordEnv', 'variable', 'the environment variable that holds the user\'s password', false),
	field('password-file', 'passwordFile', 'path', 'a file holding the password, refused unless only its owner may read it (mode 0600 or 0400)', false),
	field('cacert', 'cacert', 'path', 'CA bundle for https endpoints'),
	field('cert', 'cert', 'path', 'client certificate'),
	field('key', 'key', 'path', 'client key'),
	field('client-dir', 'clientDir', 'path', 'a Deephaven etcd client directory (endpoints, user, password, cacert files)'),
	field('timeout', 'timeout', 'milliseconds', 'deadline of every call'),
	field('refresh', 'refresh', 'milliseconds', 'time between refreshes'),
	field('quota-bytes', 'quotaBytes', 'count', 'DB quota to measure sizes against'),
	field('read-only', 'readOnly', 'boolean', 'no write keys for this cluster; the header says so'),
	field('log-unit', 'logUnit', 'names', 'systemd unit(s) for the Logs pane'),
	field('journal-dir', 'journalDir', 'path', 'journal files copied off other hosts'),
	field('journal-file', 'journalFile', 'path', 'one journal file'),
	field('log-command', 'logCommand', 'text', 'a command printing log lines instead of journalctl'),
	field('log-lines', 'logLines', 'count', 'log lines kept in memory'),
	field('metrics-urls', 'metricsUrls', 'urls', 'where members serve /metrics when not on their client URLs'),
	field('snapshot-dir', 'snapshotDir', 'path', 'where snapshots of this cluster go'),
	field('prefix', 'prefix', 'text', 'where key browsing starts'),
	field('separator', 'separator', 'text', 'what splits key levels'),
];

/** The fields of the file itself, around its contexts. */
export const topLevelFields = ['current-context', 'contexts'] as const;

/** The fields of the log source: one given as a flag replaces all of the context's (they exclude each other). */
export const logSourceKeys: readonly ContextFieldKey[] = ['logUnit', 'journalDir', 'journalFile', 'logCommand'];
