import {AlarmAction, AlarmType, type Etcd3, type IMember, type IStatusResponse} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import {createEndpointClient} from './etcd-client.ts';
import {describeConnectionError} from './describe-error.ts';
import {firstSuccess} from './first-success.ts';
import {decimalIdToHex} from './ids.ts';
import {diagnoseScheme} from './scheme-check.ts';
import {memberClientUrl, plaintextRefusal} from './plaintext-refusal.ts';
import {moveLeader, promoteMember, type ActionTransport} from './member-actions.ts';
import type {MemberActionResult} from './member-action-result.ts';
import type {ClusterAlarm, ClusterSnapshot, EndpointProbe, EndpointStatus, MemberInfo} from './snapshot.ts';
import {withDeadline} from './with-deadline.ts';

/** How long the member list waits on one endpoint before also asking the next. */
const memberListHedgeMs = 250;

interface MemberList {
	members: MemberInfo[];
	clusterId: string;
	from: string;
}

/**
 * The only door to etcd for the dashboard: one persistent client per member, a refresh that asks every
 * member for its own status in parallel (each under the --timeout deadline), and the member list from
 * whichever voter answers first. Discovers members from the member list, as `endpoint status --cluster`.
 */
export class ClusterService {
	private readonly clients = new Map<string, Etcd3>();
	private members: MemberInfo[] = [];
	private lastMemberListFrom: string | undefined;
	private closed = false;

	constructor(private readonly settings: ConnectionSettings) {}

	/** Takes one snapshot of the cluster. Never throws: failures are part of the snapshot. */
	async refresh(): Promise<ClusterSnapshot> {
		const started = Date.now();
		const knownEndpoints = this.members.length > 0 ? probeTargets(this.members, this.settings) : this.settings.endpoints;
		const [list, alarms, knownProbes] = await Promise.all([
			this.fetchMemberList().then(
				value => ({value, error: undefined}),
				(error: unknown) => ({value: undefined, error: this.describeAll(error)}),
			),
			this.fetchAlarms(),
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
		}

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

	/**
	 * Alarms go through raft even to read them, so without quorum this call times out: it runs beside the
	 * member list, on the likeliest voter only, and its failure is reported rather than fatal.
	 */
	private async fetchAlarms(): Promise<{value: ClusterAlarm[] | undefined; error: string | undefined}> {
		const endpoint = this.memberListCandidates()[0];
		if (endpoint === undefined) {
			return {value: undefined, error: 'no endpoint to ask'};
		}

		try {
			const response = await this.call(endpoint, async client => client.maintenance.alarm({action: AlarmAction.Get, memberID: 0, alarm: AlarmType.None}));
			return {value: response.alarms.map(alarm => ({memberId: decimalIdToHex(alarm.memberID), alarm: String(alarm.alarm)})), error: undefined};
		} catch (error) {
			return {value: undefined, error: `${endpoint}: ${this.describe(error)}`};
		}
	}

	/** Last good source first, then voters (learners refuse MemberList), then the seeds; none etcdeck may not connect to. */
	private memberListCandidates(): string[] {
		const voters = this.members.filter(member => !member.isLearner).map(member => memberClientUrl(member, this.settings));
		const ordered = [this.lastMemberListFrom, ...voters, ...this.settings.endpoints]
			.filter((endpoint): endpoint is string => endpoint !== undefined && plaintextRefusal(endpoint, this.settings) === undefined);
		return [...new Set(ordered)];
	}

	private async probe(endpoint: string): Promise<EndpointProbe & {clusterId: string | undefined}> {
		const started = Date.now();
		try {
			const response = await this.call(endpoint, async client => client.maintenance.status({}));
			return {
				endpoint,
				memberId: decimalIdToHex(response.header.member_id),
				clusterId: decimalIdToHex(response.header.cluster_id),
				status: toEndpointStatus(response),
				error: undefined,
				latencyMs: Date.now() - started,
			};
		} catch (error) {
			return {endpoint, memberId: undefined, clusterId: undefined, status: undefined, error: this.describe(error), latencyMs: Date.now() - started};
		}
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

function toMemberInfo(member: IMember): MemberInfo {
	return {
		id: decimalIdToHex(member.ID),
		name: member.name,
		peerUrls: member.peerURLs,
		clientUrls: member.clientURLs,
		isLearner: member.isLearner,
		started: member.name !== '' || member.clientURLs.length > 0,
	};
}

function toEndpointStatus(response: IStatusResponse): EndpointStatus {
	return {
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
