import {spawn, execFile, type ChildProcess} from 'node:child_process';
import {mkdtempSync, openSync, closeSync, readFileSync, rmSync, existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {etcdProgram, pathWithEtcdBinDir} from './etcd-binaries.ts';
import {freePorts} from '../backup/free-ports.ts';
import {createCertificateAuthority, issueCertificate, type CertificateAuthority, type IssuedCertificate} from './throwaway-pki.ts';
import {StopWaiting, waitFor} from './wait-for.ts';

/** One etcd process of a local cluster. */
export interface LocalMember {
	name: string;
	clientUrl: string;
	peerUrl: string;
	dataDir: string;
	logFile: string;
	isLearner: boolean;
	/** What the member advertises to clients when it is not its own client URL (a test's listener). */
	advertiseClientUrl?: string;
	/** Another URL it serves clients on, besides its client URL (plain http beside https). */
	alsoListenOn?: string;
	process: ChildProcess | undefined;
	/** Why the process could not be started (spawn's own error, such as no etcd at that path). */
	spawnError?: Error;
}

/** How {@link LocalCluster.addLearner} sets a member up beyond its name. */
export interface AddMemberOptions {
	/** --advertise-client-urls, when it is not the URL the member listens on. */
	advertiseClientUrl?: string;
	/** One more --listen-client-urls entry, e.g. http:// beside the cluster's https://. */
	alsoListenOn?: string;
}

/**
 * What an operator hands a node that joins an existing cluster: etcd flags (`--name=etcd-4`) and
 * `ETCD_*` variables (an etcd.conf), used as given.
 */
export interface JoiningSettings {
	flags?: readonly string[];
	environment?: Readonly<Record<string, string>>;
}

export interface LocalClusterOptions {
	voters?: number;
	/** The voters' names (etcd --name takes any text, control characters too); m1, m2, … otherwise. */
	voterNames?: readonly string[];
	learners?: number;
	/** Extra flags for every etcd process. */
	etcdArgs?: string[];
	/** Where to put data directories; a fresh temp dir by default. */
	baseDir?: string;
	/**
	 * Serve clients over https with a certificate for 127.0.0.1 from a throwaway CA made in the
	 * cluster's directory; with clientCertAuth, etcd also demands a client certificate from that CA.
	 * Peers keep talking plain http.
	 */
	tls?: {clientCertAuth?: boolean};
}

/** The TLS material of a cluster started with the tls option, as files in its directory. */
export interface LocalClusterTls {
	ca: CertificateAuthority;
	/** The certificate every member serves, for IP 127.0.0.1. */
	server: IssuedCertificate;
	/** A certificate from the same CA for clients (common name etcdeck-client). */
	client: IssuedCertificate;
	clientCertAuth: boolean;
}

/** An etcd user and its password. */
export interface EtcdUser {
	username: string;
	password: string;
}

/** The users made by {@link LocalCluster.enableAuth}. */
export interface LocalClusterAuth {
	root: EtcdUser;
	/** A user whose only role may read keys under {@link limitedPrefix}, nothing else. */
	limited: EtcdUser;
	limitedPrefix: string;
}

export interface EtcdctlOptions {
	endpoints?: string[];
	input?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	/** Leave the user out even once auth is enabled: what a client without credentials is allowed. */
	withoutUser?: boolean;
}

const processesToReap = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of processesToReap) {
		child.kill('SIGKILL');
	}
});

/**
 * Real etcd processes on 127.0.0.1 with free ports and a throwaway data directory: the demo's cluster
 * and the tests' harness. Every process it starts, stop() ends, and it removes its directory.
 */
export class LocalCluster {
	static async start(options: LocalClusterOptions = {}): Promise<LocalCluster> {
		const voters = options.voters ?? 3;
		const baseDir = options.baseDir ?? mkdtempSync(path.join(os.tmpdir(), 'etcdeck-cluster-'));
		const cluster = new LocalCluster(baseDir, options.etcdArgs ?? [], options.voterNames ?? []);
		try {
			if (options.tls !== undefined) {
				await cluster.makeTls(options.tls.clientCertAuth ?? false);
			}

			await cluster.startVoters(voters);
			for (let index = 0; index < (options.learners ?? 0); index++) {
				 
				await cluster.addLearner();
			}
		} catch (error) {
			await cluster.stop();
			throw error;
		}

		return cluster;
	}

	/**
	 * Starts several clusters at once. When any start fails, the ones that did start are stopped before
	 * the error is thrown: a test's `before` that fails must leave no etcd behind to hang its file.
	 */
	static async startAll(options: readonly LocalClusterOptions[]): Promise<LocalCluster[]> {
		const results = await Promise.allSettled(options.map(async each => LocalCluster.start(each)));
		const failure = results.find(result => result.status === 'rejected');
		if (failure === undefined) {
			return results.map(result => (result as PromiseFulfilledResult<LocalCluster>).value);
		}

		await Promise.all(results.map(async result => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
		throw failure.reason;
	}

	readonly members: LocalMember[] = [];
	/** Set when started with the tls option. */
	tls: LocalClusterTls | undefined;
	/** Set once {@link enableAuth} has run; the cluster's own etcdctl calls then log in as root. */
	auth: LocalClusterAuth | undefined;
	private readonly token = `etcdeck-${randomBytes(4).toString('hex')}`;
	/** Members started by {@link startJoining}: the settings they were given and their certificate (a restart needs both again). */
	private readonly joined = new Map<LocalMember, {settings: JoiningSettings; server: IssuedCertificate | undefined}>();

	private constructor(readonly baseDir: string, private readonly etcdArgs: string[], private readonly voterNames: readonly string[]) {}

	/** Client URLs of every member, in the order they were made. */
	get endpoints(): string[] {
		return this.members.map(member => member.clientUrl);
	}

	get voterEndpoints(): string[] {
		return this.members.filter(member => !member.isLearner).map(member => member.clientUrl);
	}

	member(name: string): LocalMember {
		const member = this.members.find(candidate => candidate.name === name);
		if (member === undefined) {
			throw new Error(`no member named ${name}`);
		}

		return member;
	}

	/** Adds a learner with `etcdctl member add --learner`, starts it, and waits until it answers. */
	async addLearner(name = `learner${this.members.filter(member => member.isLearner).length + 1}`, options: AddMemberOptions = {}): Promise<LocalMember> {
		const [clientPort, peerPort] = await freePorts(2);
		const member: LocalMember = {...this.describe(name, clientPort!, peerPort!, true), ...options};
		// Right after start-up etcd refuses member add with "unhealthy cluster" for a few seconds.
		const output = await waitFor('member add --learner to be accepted', async () =>
			this.etcdctl(['member', 'add', name, '--learner', `--peer-urls=${member.peerUrl}`], {endpoints: this.voterEndpoints}),
		);
		const initialCluster = /ETCD_INITIAL_CLUSTER="([^"]+)"/.exec(output)?.[1];
		if (initialCluster === undefined) {
			throw new Error(`member add printed no ETCD_INITIAL_CLUSTER: ${output}`);
		}

		this.members.push(member);
		this.spawnMember(member, ['--initial-cluster', initialCluster, '--initial-cluster-state', 'existing']);
		await this.waitUntilAnswering(member);
		return member;
	}

	/**
	 * Starts an etcd that joins with settings made elsewhere (etcdeck's for a member it added), exactly as
	 * given. The cluster adds only what is the node's own: an empty data directory, its log, and, when the
	 * cluster serves TLS, a certificate from its CA for the host the node advertises to clients. The node
	 * counts as a learner until {@link promoted}; stop() ends it. Waits until it answers.
	 */
	async startJoining(settings: JoiningSettings): Promise<LocalMember> {
		const name = joiningSetting(settings, 'name');
		const clientUrl = joiningSetting(settings, 'advertise-client-urls').split(',')[0]!;
		const dataDir = path.join(this.baseDir, /^[\w.-]+$/.test(name) ? name : `member-${this.members.length + 1}`);
		const member: LocalMember = {name, clientUrl, peerUrl: joiningSetting(settings, 'initial-advertise-peer-urls').split(',')[0]!, dataDir, logFile: `${dataDir}.log`, isLearner: true, process: undefined};
		const server = this.tls === undefined ? undefined : await issueCertificate(this.tls.ca, path.join(this.baseDir, 'tls'), `server-${path.basename(dataDir)}`, [new URL(clientUrl).hostname]);
		this.members.push(member);
		this.joined.set(member, {settings, server});
		this.spawnJoining(member);
		// Through the voters: a learner refuses a client that logs in on it, and takes a token from them.
		await waitFor(`${name} to answer endpoint status`, async () => {
			this.assertRunning();
			const statuses = await this.etcdctl(['endpoint', 'status', '--cluster'], {endpoints: this.voterEndpoints, timeoutMs: 5000});
			return statuses.includes(clientUrl) ? true : undefined;
		}, {timeoutMs: 30_000, intervalMs: 200});
		return member;
	}

	/** Records that a member is a voter now, promoted by someone else (etcdeck, in a test). */
	promoted(name: string): void {
		this.member(name).isLearner = false;
	}

	/** Sends a signal to one member: SIGKILL kills it, SIGSTOP hangs it, SIGCONT resumes it. */
	signal(name: string, signal: NodeJS.Signals): void {
		const member = this.member(name);
		member.process?.kill(signal);
	}

	/** Kills a member and waits until its process is gone. */
	async kill(name: string): Promise<void> {
		const member = this.member(name);
		const child = member.process;
		if (child === undefined) {
			return;
		}

		await stopProcess(child, 'SIGKILL');
		member.process = undefined;
	}

	/** Starts a stopped member again on its existing data directory. */
	async restart(name: string): Promise<void> {
		const member = this.member(name);
		if (member.process !== undefined) {
			throw new Error(`${name} is still running`);
		}

		if (this.joined.has(member)) {
			this.spawnJoining(member);
		} else {
			this.spawnMember(member, []);
		}

		await this.waitUntilAnswering(member);
	}

	/**
	 * Writes keys with `etcdctl txn`, 100 puts a transaction. Values are written as Go-quoted strings
	 * (JSON string syntax is a subset etcdctl unquotes), so any text survives.
	 */
	async putKeys(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
		for (let start = 0; start < entries.length; start += 100) {
			const puts = entries.slice(start, start + 100).map(([key, value]) => `put ${JSON.stringify(key)} ${JSON.stringify(value)}`);
			 
			await this.etcdctl(['txn'], {endpoints: this.voterEndpoints, input: `\n${puts.join('\n')}\n\n\n`});
		}
	}

	/** Restarts the named members that are down; a test's clean-up, whatever state it failed in. */
	async ensureRunning(...names: string[]): Promise<void> {
		await Promise.all(names.filter(name => this.member(name).process === undefined).map(async name => this.restart(name)));
	}

	/**
	 * Runs etcdctl against this cluster (all endpoints unless told otherwise) and returns stdout, with the
	 * cluster's TLS files and, once auth is enabled, as root.
	 */
	async etcdctl(args: string[], options: EtcdctlOptions = {}): Promise<string> {
		const tlsArgs = this.tls === undefined ? [] : [`--cacert=${this.tls.ca.certFile}`, `--cert=${this.tls.client.certFile}`, `--key=${this.tls.client.keyFile}`];
		const authArgs = this.auth === undefined || options.withoutUser === true ? [] : [`--user=${this.auth.root.username}:${this.auth.root.password}`];
		return runEtcdctl([`--endpoints=${(options.endpoints ?? this.endpoints).join(',')}`, ...tlsArgs, ...authArgs, ...args], options);
	}

	/**
	 * Turns on etcd's authentication: a root user with a random password, and a limited user that may
	 * only read keys under /limited/. The cluster's own etcdctl calls log in as root from then on.
	 */
	async enableAuth(): Promise<LocalClusterAuth> {
		if (this.auth !== undefined) {
			return this.auth;
		}

		const password = () => `pw-${randomBytes(9).toString('base64url')}`;
		const auth: LocalClusterAuth = {root: {username: 'root', password: password()}, limited: {username: 'limited', password: password()}, limitedPrefix: '/limited/'};
		const endpoints = this.voterEndpoints;
		await this.etcdctl(['role', 'add', 'root'], {endpoints});
		await this.etcdctl(['user', 'add', auth.root.username, `--new-user-password=${auth.root.password}`], {endpoints});
		await this.etcdctl(['user', 'grant-role', auth.root.username, 'root'], {endpoints});
		await this.etcdctl(['role', 'add', 'reader'], {endpoints});
		await this.etcdctl(['role', 'grant-permission', 'reader', 'read', auth.limitedPrefix, '--prefix=true'], {endpoints});
		await this.etcdctl(['user', 'add', auth.limited.username, `--new-user-password=${auth.limited.password}`], {endpoints});
		await this.etcdctl(['user', 'grant-role', auth.limited.username, 'reader'], {endpoints});
		await this.etcdctl(['auth', 'enable'], {endpoints});
		this.auth = auth;
		return auth;
	}

	async stop(): Promise<void> {
		await Promise.all(this.members.map(async member => {
			if (member.process !== undefined) {
				// A stopped (SIGSTOP) process ignores SIGTERM until continued.
				member.process.kill('SIGCONT');
				await stopProcess(member.process, 'SIGTERM');
				member.process = undefined;
			}
		}));
		rmSync(this.baseDir, {recursive: true, force: true});
	}

	private async startVoters(count: number): Promise<void> {
		const ports = await freePorts(count * 2);
		for (let index = 0; index < count; index++) {
			this.members.push(this.describe(this.voterNames[index] ?? `m${index + 1}`, ports[index * 2]!, ports[(index * 2) + 1]!, false));
		}

		const initialCluster = this.members.map(member => `${member.name}=${member.peerUrl}`).join(',');
		for (const member of this.members) {
			this.spawnMember(member, ['--initial-cluster', initialCluster, '--initial-cluster-state', 'new']);
		}

		await waitFor('every voter to report healthy', async () => {
			this.assertRunning();
			await this.etcdctl(['endpoint', 'health'], {endpoints: this.voterEndpoints, timeoutMs: 5000});
			return true;
		}, {timeoutMs: 30_000, intervalMs: 200});
	}

	private async makeTls(clientCertAuth: boolean): Promise<void> {
		const dir = path.join(this.baseDir, 'tls');
		const ca = await createCertificateAuthority(dir, 'ca');
		const server = await issueCertificate(ca, dir, 'server', ['127.0.0.1']);
		const client = await issueCertificate(ca, dir, 'etcdeck-client');
		this.tls = {ca, server, client, clientCertAuth};
	}

	/** The flags that serve clients over TLS: the cluster's certificate for 127.0.0.1 unless given another. */
	private tlsArgs(certificate?: IssuedCertificate): string[] {
		if (this.tls === undefined) {
			return [];
		}

		const {ca, clientCertAuth} = this.tls;
		const server = certificate ?? this.tls.server;
		return ['--cert-file', server.certFile, '--key-file', server.keyFile, ...(clientCertAuth ? ['--client-cert-auth', '--trusted-ca-file', ca.certFile] : [])];
	}

	private describe(name: string, clientPort: number, peerPort: number, isLearner: boolean): LocalMember {
		// A name may hold anything etcd takes (a test's hostile names): the directory gets a tame one.
		const dataDir = path.join(this.baseDir, /^[\w.-]+$/.test(name) ? name : `member-${this.members.length + 1}`);
		return {
			name,
			clientUrl: `${this.tls === undefined ? 'http' : 'https'}://127.0.0.1:${clientPort}`,
			peerUrl: `http://127.0.0.1:${peerPort}`,
			dataDir,
			logFile: `${dataDir}.log`,
			isLearner,
			process: undefined,
		};
	}

	private spawnMember(member: LocalMember, clusterArgs: string[]): void {
		this.spawnEtcd(member, [
			'--name', member.name,
			'--data-dir', member.dataDir,
			'--listen-client-urls', [member.clientUrl, ...(member.alsoListenOn === undefined ? [] : [member.alsoListenOn])].join(','),
			'--advertise-client-urls', member.advertiseClientUrl ?? member.clientUrl,
			'--listen-peer-urls', member.peerUrl,
			'--initial-advertise-peer-urls', member.peerUrl,
			'--initial-cluster-token', this.token,
			...clusterArgs,
			...this.tlsArgs(),
			...this.etcdArgs,
		], {});
	}

	private spawnJoining(member: LocalMember): void {
		const {settings, server} = this.joined.get(member)!;
		this.spawnEtcd(member, [...settings.flags ?? [], '--data-dir', member.dataDir, ...this.tlsArgs(server), ...this.etcdArgs], settings.environment ?? {});
	}

	/** Spawns one etcd logging to the member's log file, with `environment` over this process's own. */
	private spawnEtcd(member: LocalMember, args: string[], environment: Readonly<Record<string, string>>): void {
		const log = openSync(member.logFile, 'a');
		const child = spawn(etcdProgram('etcd'), ['--logger', 'zap', '--log-outputs', 'stderr', ...args], {stdio: ['ignore', log, log], env: {...process.env, ...environment}});
		closeSync(log);
		// Without a listener, a failed spawn (no etcd at that path) would throw from an event.
		child.once('error', error => {
			member.spawnError = error;
		});
		processesToReap.add(child);
		child.once('exit', () => {
			processesToReap.delete(child);
		});
		member.process = child;
	}

	private assertRunning(): void {
		for (const member of this.members) {
			if (member.spawnError !== undefined) {
				throw new StopWaiting(`cannot start etcd ${member.name} (${etcdProgram('etcd')}): ${member.spawnError.message}`);
			}

			if (member.process?.exitCode !== null && member.process?.exitCode !== undefined) {
				throw new StopWaiting(`etcd ${member.name} exited with code ${member.process.exitCode}: ${tail(member.logFile)}`);
			}
		}
	}

	private async waitUntilAnswering(member: LocalMember): Promise<void> {
		await waitFor(`${member.name} to answer endpoint status`, async () => {
			this.assertRunning();
			await this.etcdctl(['endpoint', 'status'], {endpoints: [member.clientUrl], timeoutMs: 5000});
			return true;
		}, {timeoutMs: 30_000, intervalMs: 200});
	}
}

/** Runs etcdctl with a clean environment (no stray ETCDCTL_* of the caller's) and returns stdout. */
export async function runEtcdctl(args: string[], options: EtcdctlOptions = {}): Promise<string> {
	const env: Record<string, string> = {PATH: pathWithEtcdBinDir(), ETCDCTL_API: '3', ...options.env};
	return new Promise((resolve, reject) => {
		const child = execFile(etcdProgram('etcdctl'), ['--dial-timeout=3s', '--command-timeout=5s', ...args], {env, timeout: options.timeoutMs ?? 15_000, maxBuffer: 256 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`etcdctl ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
				return;
			}

			resolve(stdout);
		});
		if (options.input !== undefined) {
			child.stdin?.end(options.input);
		}
	});
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	// No pid: the spawn itself failed, and no 'exit' will ever come.
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			resolve();
		});
	});
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

/** One setting by etcd's name for it: its flag (`--name=VALUE`) or else its variable (`ETCD_NAME`). */
function joiningSetting(settings: JoiningSettings, name: string): string {
	const flag = settings.flags?.find(each => each.startsWith(`--${name}=`))?.slice(name.length + 3);
	const value = flag ?? settings.environment?.[`ETCD_${name.toUpperCase().replaceAll('-', '_')}`];
	if (value === undefined || value === '') {
		throw new Error(`the joining settings give no ${name}`);
	}

	return value;
}

function tail(file: string): string {
	if (!existsSync(file)) {
		return '(no log)';
	}

	return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
}
