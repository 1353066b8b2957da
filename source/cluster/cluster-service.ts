import {EtcdPermissionDeniedError, type Etcd3, type IStatusResponse} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import {fetchEtcdMetrics} from '../metrics/fetch-etcd-metrics.ts';
import {metricsUrl} from '../metrics/metrics-targets.ts';
import {statusFromMetrics} from '../metrics/status-from-metrics.ts';
import type {AuthSession} from './auth-session.ts';
import {createEndpointClient, sessionOf} from './etcd-client.ts';
import {describeConnectionError} from './describe-error.ts';
import {firstSuccess} from './first-success.ts';
import {decimalIdToHex} from './ids.ts';
import {diagnoseScheme} from './scheme-check.ts';
import {memberClientUrl, plaintextRefusal} from './plaintext-refusal.ts';
import {moveLeader, promoteMember, type ActionTransport} from './member-actions.ts';
import {toMemberInfo} from './member-info.ts';
import {addMember, removeMember} from './membership/member-changes.ts';
import {askPeer} from './membership/peer-probe.ts';
import type {PeerAnswer} from './membership/peer-answer.ts';
import type {MembershipResult} from './membership/membership-result.ts';
import type {MemberActionResult} from './member-action-result.ts';
import type {ClusterAlarm, ClusterReading, EndpointProbe, EndpointStatus, MemberInfo} from './cluster-reading.ts';
import {alarmsFromStatusErrors, mergeAlarms} from './status-alarms.ts';
import {withDeadline} from './with-deadline.ts';

/** How long the member list waits on one endpoint before also asking the next. */
const memberListHedgeMs = 250;
/**
 * How old a member's quota read from its /metrics may be while its Status answers: the quota only
 * changes with a restart, and a /metrics page is a few hundred kB.
 */
const quotaMaxAgeMs = 60_000;

type Probe = EndpointProbe & {clusterId: string | undefined};

interface MemberList {
	members: MemberInfo[];
	clusterId: string;
	from: string;
}

/**
 * The only door to etcd for the dashboard: one persistent client per member, a refresh that asks every
 * member for its own status in parallel (each under the --timeout deadline), and the member list from
 * whichever voter answers first. Discovers members from the member list, as `endpoint status --cluster`.
 * A refresh only reads: nothing it sends goes through raft (alarms come from the Status answers, and
 * the session's token is reused), so watching a cluster never adds to its log.
 */
export class ClusterService {
	/** The token shared by every member's client; undefined without a user. */
	readonly session: AuthSession | undefined;
	private readonly clients = new Map<string, Etcd3>();
	private readonly quotas = new Map<string, {bytes: number | undefined; readAt: number}>();
	private members: MemberInfo[] = [];
	private lastMemberListFrom: string | undefined;
	private closed = false;

	constructor(private readonly settings: ConnectionSettings) {
		this.session = sessionOf(settings);
	}

	/** Takes one reading of the cluster. Never throws: failures are part of the reading. */
	async refresh(): Promise<ClusterReading> {
		const started = Date.now();
		const knownEndpoints = this.members.length > 0 ? probeTargets(this.members, this.settings) : this.settings.endpoints;
		const [list, knownProbes] = await Promise.all([
			this.fetchMemberList().then(
				value => ({value, error: undefined}),
				(error: unknown) => ({value: undefined, error: this.describeAll(error)}),
			),
			Promise.all(knownEndpoints.map(async endpoint => this.probe(endpoint))),
		]);

		let probes = knownProbes;
		if (list.value !== undefined) {
			this.members = list.value.members;
			this.lastMemberListFrom = list.value.from;
			const wanted = probeTargets(list.value.members, this.settings);
			const missing = wanted.filter(endpoint => !probes.some(probe => probe.endpoint === endpoint));
			probes = [...probes, ...(await Promise.all(missing.map(async endpoint => this.probe(endpoint))))];
			probes = attributeProbes(probes, list.value.members, wanted);
			this.closeClientsExcept(new Set([...wanted, ...this.settings.endpoints]));
			this.session?.preferVoters(this.memberListCandidates());
		}

		const alarms = alarmsOf(probes);

		return {
			takenAt: Date.now(),
			clusterId: list.value?.clusterId ?? probes.find(probe => probe.status !== undefined)?.clusterId,
			members: list.value?.members ?? this.members,
			memberListFrom: list.value?.from,
			memberListError: list.error,
			probes: probes.map(({clusterId: _clusterId, ...probe}) => probe),
			alarms: alarms.value,
			alarmsError: alarms.error,
			durationMs: Date.now() - started,
		};
	}

	/** Promotes a learner (hex ID) to voter through the current leader. Never throws. */
	async promote(memberId: string): Promise<MemberActionResult> {
		return promoteMember(this.actionTransport(), memberId);
	}

	/** Moves leadership to a voter (hex ID), sent to whichever member leads right now. Never throws. */
	async moveLeader(targetId: string): Promise<MemberActionResult> {
		return moveLeader(this.actionTransport(), targetId);
	}

	/** Adds a member (a learner unless isLearner is false) through the current leader. Never throws. */
	async addMember(request: {name: string; peerUrls: readonly string[]; isLearner: boolean}): Promise<MembershipResult> {
		return addMember(this.actionTransport(), request);
	}

	/** Removes a member (hex ID) through the current leader; never the leader itself. Never throws. */
	async removeMember(memberId: string): Promise<MembershipResult> {
		return removeMember(this.actionTransport(), memberId);
	}

	/** Which cluster the etcd on an added member's peer URL is in, if any. Never throws. */
	async askPeer(peerUrl: string): Promise<PeerAnswer> {
		return askPeer(peerUrl, {timeoutMs: this.settings.timeoutMs, tls: this.settings.tls});
	}

	/** Closes every client. The service cannot be used afterwards. */
	close(): void {
		this.closed = true;
		for (const client of this.clients.values()) {
			client.close();
		}

		this.clients.clear();
	}

	private client(endpoint: string): Etcd3 {
		if (this.closed) {
			throw new Error('the cluster service is closed');
		}

		let client = this.clients.get(endpoint);
		if (client === undefined) {
			client = createEndpointClient(endpoint, this.settings);
			this.clients.set(endpoint, client);
		}

		return client;
	}

	/** Fresh reads and calls for an action, on the same clients and deadline as refresh(). */
	private actionTransport(): ActionTransport {
		return {
			memberList: async () => (await this.fetchMemberList()).members,
			endpointOf: member => memberClientUrl(member, this.settings),
			probe: async endpoint => this.probe(endpoint),
			call: async (endpoint, work) => this.call(endpoint, work),
			describe: error => this.describeAll(error),
		};
	}

	private async call<T>(endpoint: string, work: (client: Etcd3) => Promise<T>): Promise<T> {
		try {
			return await withDeadline(work(this.client(endpoint)), this.settings.timeoutMs);
		} catch (error) {
			throw await diagnoseScheme(endpoint, error, this.settings.timeoutMs);
		}
	}

	private async fetchMemberList(): Promise<MemberList> {
		const {candidate, value} = await firstSuccess(
			this.memberListCandidates(),
			async endpoint => this.call(endpoint, async client => client.cluster.memberList({})),
			memberListHedgeMs,
		);
		return {
			members: value.members.map(toMemberInfo),
			clusterId: decimalIdToHex(value.header.cluster_id),
			from: candidate,
		};
	}

	/** Last good source first, then voters (learners refuse MemberList), then the seeds; none etcdeck may not connect to. */
	private memberListCandidates(): string[] {
		const voters = this.members.filter(member => !member.isLearner).map(member => memberClientUrl(member, this.settings));
		const ordered = [this.lastMemberListFrom, ...voters, ...this.settings.endpoints]
			.filter((endpoint): endpoint is string => endpoint !== undefined && plaintextRefusal(endpoint, this.settings) === undefined);
		return [...new Set(ordered)];
	}

	/**
	 * The member's own Status, with its quota from its /metrics. When its answer is that the user's
	 * roles may not call Status (etcd 3.5.30 keeps maintenance calls to root), the member is reachable
	 * and its figures are read from its /metrics instead.
	 */
	private async probe(endpoint: string): Promise<Probe> {
		const started = Date.now();
		const [answer, quotaBytes] = await Promise.all([
			this.call(endpoint, async client => client.maintenance.status({})).then(
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
			};
		}

		if (error instanceof EtcdPermissionDeniedError) {
			return this.probeMetrics(endpoint, started, `Status: ${this.describe(error)}`);
		}

		return {endpoint, memberId: undefined, clusterId: undefined, status: undefined, error: this.describe(error), failure: failureOf(error), latencyMs: Date.now() - started, quotaBytes};
	}

	/** A member that refused Status to this user, read from its /metrics (which needs no user). */
	private async probeMetrics(endpoint: string, started: number, statusDenied: string): Promise<Probe> {
		const latencyMs = Date.now() - started;
		try {
			const metrics = await fetchEtcdMetrics(metricsUrl(endpoint), this.settings);
			this.quotas.set(endpoint, {bytes: metrics.quotaBytes, readAt: Date.now()});
			const status = statusFromMetrics(metrics);
			const memberId = metrics.memberId === undefined ? undefined : BigInt(`0x${metrics.memberId}`).toString(16);
			return {endpoint, memberId, clusterId: undefined, status, error: undefined, latencyMs, statusDenied, quotaBytes: metrics.quotaBytes};
		} catch (error) {
			return {endpoint, memberId: undefined, clusterId: undefined, status: undefined, error: `${statusDenied}; /metrics: ${this.describe(error)}`, failure: failureOf(error), latencyMs, statusDenied};
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
			bytes = (await fetchEtcdMetrics(metricsUrl(endpoint), this.settings)).quotaBytes;
		} catch {
			bytes = known?.bytes;
		}

		this.quotas.set(endpoint, {bytes, readAt: Date.now()});
		return bytes;
	}

	private describe(error: unknown): string {
		return describeConnectionError(error, this.settings);
	}

	private describeAll(error: unknown): string {
		if (error instanceof AggregateError && error.errors.length > 0) {
			const reasons = [...new Set(error.errors.map(item => this.describe(item)))];
			return reasons.join('; ');
		}

		return this.describe(error);
	}

	private closeClientsExcept(keep: Set<string>): void {
		for (const [endpoint, client] of this.clients) {
			if (!keep.has(endpoint)) {
				client.close();
				this.clients.delete(endpoint);
			}
		}

		for (const endpoint of this.quotas.keys()) {
			if (!keep.has(endpoint)) {
				this.quotas.delete(endpoint);
			}
		}
	}
}

/** The endpoint to ask each member for its status: its first client URL, as etcdctl --cluster does (its first https:// one over TLS). */
function probeTargets(members: readonly MemberInfo[], settings: ConnectionSettings): string[] {
	return [...new Set(members.map(member => memberClientUrl(member, settings)).filter((url): url is string => url !== undefined))];
}

/**
 * Keeps one probe per member (its own client URL's) and names the member of a failed probe from the
 * member list. A seed endpoint that is not some member's first client URL is kept only when it adds
 * something: it failed before naming its member, or it reached a member that has no probe of its own.
 */
function attributeProbes<P extends EndpointProbe>(probes: P[], members: readonly MemberInfo[], wanted: readonly string[]): P[] {
	const memberByUrl = new Map(members.flatMap(member => member.clientUrls.map(url => [url, member.id] as const)));
	const named = probes.map(probe => ({...probe, memberId: probe.memberId ?? memberByUrl.get(probe.endpoint)}));
	const ownProbes = named.filter(probe => wanted.includes(probe.endpoint));
	const coveredMembers = new Set(ownProbes.map(probe => probe.memberId));
	const extras = named.filter(probe => !wanted.includes(probe.endpoint) && (probe.memberId === undefined || !coveredMembers.has(probe.memberId)));
	return [...ownProbes, ...extras];
}


/**
 * The active alarms, from the Status answers (every member reports the cluster's alarms; etcd's Alarm
 * request would go through raft even to list them). Unknown when no member's Status answered.
 */
/** A deadline that passed means the member took the call and said nothing (SIGSTOP, a hung disk); anything else, it could not be reached. */
function failureOf(error: unknown): 'no-answer' | 'unreachable' {
	const message = error instanceof Error ? error.message : String(error);
	return /deadline exceeded|timed? ?out/i.test(message) ? 'no-answer' : 'unreachable';
}

function alarmsOf(probes: readonly Probe[]): {value: ClusterAlarm[] | undefined; error: string | undefined} {
	const answered = probes.filter(probe => probe.status?.source === 'status');
	if (answered.length === 0) {
		const denied = probes.some(probe => probe.statusDenied !== undefined);
		return {value: undefined, error: denied ? 'only Status reports alarms, and this user may not call it' : 'no member answered its Status'};
	}

	return {value: mergeAlarms(answered.map(probe => alarmsFromStatusErrors(probe.status!.errors))), error: undefined};
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
