import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {freePorts} from '../backup/free-ports.ts';
import {enableClusterAuth} from './cluster-auth.ts';
import {issueServerCertificate, makeClusterTls, serverTlsArgs} from './cluster-tls.ts';
import {assertMembersRunning, spawnEtcd, stopProcess} from './etcd-process.ts';
import type {JoiningSettings} from './joining-settings.ts';
import type {AddMemberOptions, EtcdctlOptions, LocalClusterAuth, LocalClusterOptions, LocalClusterTls, LocalMember} from './local-cluster-types.ts';
import {runEtcdctl, txnPutBatches} from './run-etcdctl.ts';
import {joiningMember, localMember, ownMemberFlags} from './member-layout.ts';
import type {IssuedCertificate} from './throwaway-pki.ts';
import {waitFor} from './wait-for.ts';

export type {AddMemberOptions, EtcdctlOptions, EtcdUser, LocalClusterAuth, LocalClusterOptions, LocalClusterTls, LocalMember} from './local-cluster-types.ts';
export type {JoiningSettings} from './joining-settings.ts';
export {runEtcdctl} from './run-etcdctl.ts';

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
				cluster.tls = await makeClusterTls(baseDir, options.tls.clientCertAuth ?? false);
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
		const member: LocalMember = {...localMember(this.baseDir, this.members.length + 1, name, {client: clientPort!, peer: peerPort!}, {https: this.tls !== undefined, isLearner: true}), ...options};
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
		const member = joiningMember(this.baseDir, this.members.length + 1, settings);
		const server = this.tls === undefined ? undefined : await issueServerCertificate(this.baseDir, this.tls, path.basename(member.dataDir), new URL(member.clientUrl).hostname);
		this.members.push(member);
		this.joined.set(member, {settings, server});
		this.spawnJoining(member);
		// Through the voters: a learner refuses a client that logs in on it, and takes a token from them.
		await waitFor(`${member.name} to answer endpoint status`, async () => {
			assertMembersRunning(this.members);
			const statuses = await this.etcdctl(['endpoint', 'status', '--cluster'], {endpoints: this.voterEndpoints, timeoutMs: 5000});
			return statuses.includes(member.clientUrl) ? true : undefined;
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
		for (const input of txnPutBatches(entries)) {
			await this.etcdctl(['txn'], {endpoints: this.voterEndpoints, input});
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

		const auth = await enableClusterAuth(async (args, options) => this.etcdctl(args, options), this.voterEndpoints);
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
			this.members.push(localMember(this.baseDir, index + 1, this.voterNames[index] ?? `m${index + 1}`, {client: ports[index * 2]!, peer: ports[(index * 2) + 1]!}, {https: this.tls !== undefined, isLearner: false}));
		}

		const initialCluster = this.members.map(member => `${member.name}=${member.peerUrl}`).join(',');
		for (const member of this.members) {
			this.spawnMember(member, ['--initial-cluster', initialCluster, '--initial-cluster-state', 'new']);
		}

		await waitFor('every voter to report healthy', async () => {
			assertMembersRunning(this.members);
			await this.etcdctl(['endpoint', 'health'], {endpoints: this.voterEndpoints, timeoutMs: 5000});
			return true;
		}, {timeoutMs: 30_000, intervalMs: 200});
	}

	private spawnMember(member: LocalMember, clusterArgs: string[]): void {
		spawnEtcd(member, [...ownMemberFlags(member, this.token), ...clusterArgs, ...serverTlsArgs(this.tls), ...this.etcdArgs]);
	}

	private spawnJoining(member: LocalMember): void {
		const {settings, server} = this.joined.get(member)!;
		spawnEtcd(member, [...settings.flags ?? [], '--data-dir', member.dataDir, ...serverTlsArgs(this.tls, server), ...this.etcdArgs], settings.environment ?? {});
	}

	private async waitUntilAnswering(member: LocalMember): Promise<void> {
		await waitFor(`${member.name} to answer endpoint status`, async () => {
			assertMembersRunning(this.members);
			await this.etcdctl(['endpoint', 'status'], {endpoints: [member.clientUrl], timeoutMs: 5000});
			return true;
		}, {timeoutMs: 30_000, intervalMs: 200});
	}
}
