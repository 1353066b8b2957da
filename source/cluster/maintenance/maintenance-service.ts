import {AlarmAction, AlarmType, EtcdPermissionDeniedError, type Etcd3, type LeaseClient} from 'etcd3';
import type {ConnectionSettings} from '../../config/settings.ts';
import {fetchMaintenanceMetrics, type MaintenanceMetrics} from '../../metrics/maintenance-metrics.ts';
import {metricsUrl} from '../../metrics/metrics-targets.ts';
import {ClusterService} from '../cluster-service.ts';
import {describeConnectionError} from '../describe-error.ts';
import {EndpointClients} from '../endpoint-clients.ts';
import {hexIdToDecimal} from '../ids.ts';
import type {MemberActionResult} from '../member-action-result.ts';
import type {ClusterReading} from '../cluster-reading.ts';
import {withDeadline} from '../with-deadline.ts';

/**
 * A defragment rewrites the member's whole DB file, and a physical compaction and HashKV read all of
 * it: on a DB of gigabytes they take seconds to minutes, far beyond the --timeout that suits a status
 * call. They get this deadline instead (etcdctl users raise --command-timeout for the same reason).
 */
export const longCallTimeoutMs = 10 * 60_000;

/** Should its revoke fail, the lease remeasure() grants ends by itself this soon. */
const remeasureLeaseTtlSeconds = 10;

/** One member's hash of its keys at a revision, as HashKV answers. */
export interface HashKvAnswer {
	hash: number;
	/** The member's current revision when it answered (the revision hashed when 0 was asked for). */
	revision: number;
	/** Undefined when the member never compacted. */
	compactRevision: number | undefined;
}

/** What a member's Status says now, for a step's before and after. */
export interface MemberStatusNow {
	revision: number;
	dbSizeBytes: number;
	dbSizeInUseBytes: number;
}

/** What the maintenance runners ask of the cluster; MaintenanceService is the real one. */
export interface MaintenancePort {
	/** A fresh look at every member (the dashboard's refresh); never throws. */
	look(): Promise<ClusterReading>;
	/** A member's maintenance gauges from its /metrics. */
	metrics(endpoint: string): Promise<MaintenanceMetrics>;
	/** The member's own Status now: its current revision and DB size. */
	memberStatus(endpoint: string): Promise<MemberStatusNow>;
	defragment(endpoint: string): Promise<void>;
	/** Compacts up to `revision`, waiting until the member removed the history from its DB. */
	compact(endpoint: string, revision: number): Promise<void>;
	/**
	 * Makes the member's backend commit once more, so etcd measures its size in use again (it does so
	 * only when it commits a write, and frees a compaction's pages only at the commit after): a lease
	 * granted and revoked at once. Two raft entries; no key is written and the revision stays.
	 */
	remeasure(endpoint: string): Promise<void>;
	/** Deactivates the alarm of that kind raised on that member (hex ID). */
	disarm(endpoint: string, memberId: string, alarm: 'NOSPACE'): Promise<void>;
	/** HashKV up to `revision`; 0 hashes up to the member's current revision. */
	hashKv(endpoint: string, revision: number): Promise<HashKvAnswer>;
	moveLeader(targetId: string): Promise<MemberActionResult>;
	/** An operator-facing line for what a call threw, credentials masked. */
	describe(error: unknown): string;
	/** The call was refused for the user's roles (maintenance needs root). */
	isPermissionDenied(error: unknown): boolean;
}

/**
 * The maintenance calls: defragment, compact, disarm, HashKV, each to one member's own endpoint, on
 * clients made as the dashboard's are (the --timeout deadline, TLS, the shared auth token), plus the
 * dashboard's own refresh for the fresh looks between steps. Holds no state about a job.
 */
export class MaintenanceService implements MaintenancePort {
	private readonly cluster: ClusterService;
	private readonly clients: EndpointClients;

	constructor(private readonly settings: ConnectionSettings, private readonly longTimeoutMs = longCallTimeoutMs) {
		this.cluster = new ClusterService(settings);
		this.clients = new EndpointClients(settings, () => new Error('the maintenance service is closed'));
	}

	async look(): Promise<ClusterReading> {
		return this.cluster.refresh();
	}

	async metrics(endpoint: string): Promise<MaintenanceMetrics> {
		return fetchMaintenanceMetrics(metricsUrl(endpoint), this.settings);
	}

	async memberStatus(endpoint: string): Promise<MemberStatusNow> {
		const status = await this.call(endpoint, this.settings.timeoutMs, async client => client.maintenance.status({}));
		return {revision: Number(status.header.revision), dbSizeBytes: Number(status.dbSize), dbSizeInUseBytes: Number(status.dbSizeInUse)};
	}

	async defragment(endpoint: string): Promise<void> {
		await this.call(endpoint, this.longTimeoutMs, async client => client.maintenance.defragment(this.longDeadline()));
	}

	async compact(endpoint: string, revision: number): Promise<void> {
		await this.call(endpoint, this.longTimeoutMs, async client => client.kv.compact({revision, physical: true}, this.longDeadline()));
	}

	async remeasure(endpoint: string): Promise<void> {
		await this.call(endpoint, this.settings.timeoutMs * 2, async client => {
			const leases = (client as unknown as {leaseClient: LeaseClient}).leaseClient;
			const granted = await leases.leaseGrant({TTL: remeasureLeaseTtlSeconds});
			await leases.leaseRevoke({ID: granted.ID});
		});
	}

	async disarm(endpoint: string, memberId: string, alarm: 'NOSPACE'): Promise<void> {
		const type = {NOSPACE: AlarmType.Nospace}[alarm];
		await this.call(endpoint, this.settings.timeoutMs, async client => client.maintenance.alarm({action: AlarmAction.Deactivate, memberID: hexIdToDecimal(memberId), alarm: type}));
	}

	async hashKv(endpoint: string, revision: number): Promise<HashKvAnswer> {
		const answer = await this.call(endpoint, this.longTimeoutMs, async client => client.maintenance.hashKV({revision}, this.longDeadline()));
		const compacted = Number(answer.compact_revision);
		return {hash: Number(answer.hash), revision: Number(answer.header.revision), compactRevision: compacted < 0 ? undefined : compacted};
	}

	async moveLeader(targetId: string): Promise<MemberActionResult> {
		return this.cluster.moveLeader(targetId);
	}

	describe(error: unknown): string {
		return describeConnectionError(error, this.settings);
	}

	isPermissionDenied(error: unknown): boolean {
		return error instanceof EtcdPermissionDeniedError || (error instanceof Error && /permission denied/.test(error.message));
	}

	close(): void {
		this.cluster.close();
		this.clients.close();
	}

	private longDeadline(): {deadline: number} {
		return {deadline: Date.now() + this.longTimeoutMs};
	}

	private async call<T>(endpoint: string, timeoutMs: number, work: (client: Etcd3) => Promise<T>): Promise<T> {
		return withDeadline(work(this.clients.get(endpoint)), timeoutMs + 1000);
	}
}
