import {EtcdPermissionDeniedError, type Etcd3, type IStatusResponse} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import {fetchEtcdMetrics} from '../metrics/fetch-etcd-metrics.ts';
import {metricsUrl} from '../metrics/metrics-targets.ts';
import {statusFromMetrics} from '../metrics/status-from-metrics.ts';
import type {EndpointProbe, EndpointStatus} from './cluster-reading.ts';
import {decimalIdToHex} from './ids.ts';

/**
 * How old a member's quota read from its /metrics may be while its Status answers: the quota only
 * changes with a restart, and a /metrics page is a few hundred kB.
 */
const quotaMaxAgeMs = 60_000;

/**
 * A probe as the service keeps it: with the cluster ID of the answer and, from a Status answer, its
 * applied raft index less its revision. Every raft entry that writes keys raises both by one; any
 * other entry (a membership change, a member publishing its name, a lease grant, an election's empty
 * entry) raises only the index. The figure is the same on every member at the same applied index.
 */
export type Probe = EndpointProbe & {clusterId: string | undefined; entriesWithoutRevision?: number};

export interface ProberDeps {
	settings: ConnectionSettings;
	call: <T>(endpoint: string, work: (client: Etcd3) => Promise<T>) => Promise<T>;
	describe: (error: unknown) => string;
}

/** Asks one member for its own Status, with its quota from its /metrics, read again once a minute. */
export class EndpointProber {
	private readonly quotas = new Map<string, {bytes: number | undefined; readAt: number}>();

	constructor(private readonly deps: ProberDeps) {}

	/**
	 * The member's own Status, with its quota from its /metrics. When its answer is that the user's
	 * roles may not call Status (etcd 3.5.30 keeps maintenance calls to root), the member is reachable
	 * and its figures are read from its /metrics instead. Never throws.
	 */
	async probe(endpoint: string): Promise<Probe> {
		const started = Date.now();
		const [answer, quotaBytes] = await Promise.all([
			this.deps.call(endpoint, async client => client.maintenance.status({})).then(
				response => ({response, error: undefined}),
				(error: unknown) => ({response: undefined, error}),
			),
			this.cachedQuota(endpoint),
		]);
		const {response, error} = answer;
		if (response !== undefined) {
			return {
				endpoint,
				memberId: decimalIdToHex(response.header.member_id),
				clusterId: decimalIdToHex(response.header.cluster_id),
				status: toEndpointStatus(response),
				error: undefined,
				latencyMs: Date.now() - started,
				quotaBytes,
				entriesWithoutRevision: Number(response.raftAppliedIndex) - Number(response.header.revision),
			};
		}

		if (error instanceof EtcdPermissionDeniedError) {
			return this.probeMetrics(endpoint, started, `Status: ${this.deps.describe(error)}`);
		}

		return {endpoint, memberId: undefined, clusterId: undefined, status: undefined, error: this.deps.describe(error), failure: failureOf(error), latencyMs: Date.now() - started, quotaBytes};
	}

	/** Forgets the quotas of endpoints no longer probed. */
	keepOnly(keep: ReadonlySet<string>): void {
		for (const endpoint of this.quotas.keys()) {
			if (!keep.has(endpoint)) {
				this.quotas.delete(endpoint);
			}
		}
	}

	/** A member that refused Status to this user, read from its /metrics (which needs no user). */
	private async probeMetrics(endpoint: string, started: number, statusDenied: string): Promise<Probe> {
		const latencyMs = Date.now() - started;
		try {
			const metrics = await fetchEtcdMetrics(metricsUrl(endpoint), this.deps.settings);
			this.quotas.set(endpoint, {bytes: metrics.quotaBytes, readAt: Date.now()});
			const status = statusFromMetrics(metrics);
			const memberId = metrics.memberId === undefined ? undefined : BigInt(`0x${metrics.memberId}`).toString(16);
			return {endpoint, memberId, clusterId: undefined, status, error: undefined, latencyMs, statusDenied, quotaBytes: metrics.quotaBytes};
		} catch (error) {
			return {endpoint, memberId: undefined, clusterId: undefined, status: undefined, error: `${statusDenied}; /metrics: ${this.deps.describe(error)}`, failure: failureOf(error), latencyMs, statusDenied};
		}
	}

	/** The member's quota as its /metrics last said, read again when older than quotaMaxAgeMs. Never throws. */
	private async cachedQuota(endpoint: string): Promise<number | undefined> {
		const known = this.quotas.get(endpoint);
		if (known !== undefined && Date.now() - known.readAt < quotaMaxAgeMs) {
			return known.bytes;
		}

		let bytes: number | undefined;
		try {
			bytes = (await fetchEtcdMetrics(metricsUrl(endpoint), this.deps.settings)).quotaBytes;
		} catch {
			bytes = known?.bytes;
		}

		this.quotas.set(endpoint, {bytes, readAt: Date.now()});
		return bytes;
	}
}

/** A deadline that passed means the member took the call and said nothing (SIGSTOP, a hung disk); anything else, it could not be reached. */
function failureOf(error: unknown): 'no-answer' | 'unreachable' {
	const message = error instanceof Error ? error.message : String(error);
	return /deadline exceeded|timed? ?out/i.test(message) ? 'no-answer' : 'unreachable';
}

function toEndpointStatus(response: IStatusResponse): EndpointStatus {
	return {
		source: 'status',
		version: response.version,
		dbSizeBytes: Number(response.dbSize),
		dbSizeInUseBytes: Number(response.dbSizeInUse),
		leaderId: decimalIdToHex(response.leader),
		raftTerm: Number(response.raftTerm),
		raftIndex: Number(response.raftIndex),
		raftAppliedIndex: Number(response.raftAppliedIndex),
		isLearner: response.isLearner,
		errors: response.errors,
	};
}
