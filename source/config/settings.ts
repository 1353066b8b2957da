/** Username and password for etcd's simple auth. Never printed anywhere. */
export interface AuthSettings {
	username: string;
	password: string;
}

/** TLS material, read from the files the operator named. */
export interface TlsSettings {
	ca?: Buffer;
	cert?: Buffer;
	key?: Buffer;
}

/** Everything needed to open a client to any member of the cluster. */
export interface ConnectionSettings {
	/** Seed endpoints; more are discovered from the member list. */
	endpoints: string[];
	auth?: AuthSettings;
	tls?: TlsSettings;
	/** Deadline of every single call, in milliseconds. */
	timeoutMs: number;
}

/** The settings of one dashboard or headless run. */
export interface Settings {
	connection: ConnectionSettings;
	refreshMs: number;
	/** --quota-bytes: judges every member's DB against this instead of its own quota (from its /metrics). */
	quotaBytes: number | undefined;
	/** Write actions (promote, move-leader) are not bound. */
	readOnly: boolean;
}

export const defaults = {
	refreshMs: 1000,
	timeoutMs: 2000,
	/** A compaction keeps this many revisions unless --keep-revisions says otherwise. */
	keepRevisions: 1000,
} as const;

/** A problem with the operator's input, detected before anything connects. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** A user was named (--user, ETCDCTL_USER or a client directory) and no password anywhere. */
export class PasswordNeeded extends ConfigError {
	override name = 'PasswordNeeded';

	constructor(readonly username: string, readonly origin: string) {
		super(`${origin} names user "${username}" without a password, and stdin is not a terminal to ask for it on: use --password, ETCDCTL_PASSWORD or --client-dir (or NAME:PASSWORD)`);
	}
}
