import type {Etcd3} from 'etcd3';
import type {ConnectionSettings} from '../config/settings.ts';
import type {AuthSession} from './auth-session.ts';
import {EndpointClients} from './endpoint-clients.ts';
import {sessionOf} from './etcd-client.ts';
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
import type {ClusterReading, MemberInfo} from './cluster-reading.ts';
import {EndpointProber, type Probe} from './endpoint-prober.ts';
import {markOf, membershipUnchanged, type MembershipMark} from './membership-check.ts';
import {alarmsOf, attributeProbes, probeTargets} from './probe-attribution.ts';
import {withDeadline} from './with-deadline.ts';

/** How long the member list waits on one endpoint before also asking the next. */
const memberListHedgeMs = 250;

interface MemberList {
	members: MemberInfo[];
	clusterId: string;
	from: string;
}

type ListOutcome = {value: MemberList; error: undefined} | {value: undefined; error: string};

/**
 * The only door to etcd for the dashboard: one persistent client per member, a refresh that asks every
 * member for its own status in parallel (each under the --timeout deadline), and the member list from
 * whichever voter answers first, read again only when the Status answers say membership may have
 * changed (see membershipUnchanged). Discovers members from the member list, as `endpoint status
 * --cluster`. A refresh only reads: nothing it sends goes through raft (alarms come from the Status
 * answers, and the session's token is reused), so watching a cluster never adds to its log.
 */
export class ClusterService {
	/** The token shared by every member's client; undefined without a user. */
	readonly session: AuthSession | undefined;
	private readonly clients: EndpointClients;
	private readonly prober: EndpointProber;
	private members: MemberInfo[] = [];
	private lastList: MemberList | undefined;
	/** What the Status answers said before the member list in use was read; undefined: read it this round. */
	private mark: MembershipMark | undefined;

	constructor(private readonly settings: ConnectionSettings) {
		this.session = sessionOf(settings);
		this.clients = new EndpointClients(settings, () => new Error('the cluster service is closed'));
		this.prober = new EndpointProber({settings, call: async (endpoint, work) => this.call(endpoint, work), describe: error => this.describe(error)});
	}

	/** Takes one reading of the cluster. Never throws: failures are part of the reading. */
	async refresh(): Promise<ClusterReading> {
		const started = Date.now();
		const knownEndpoints = this.members.length > 0 ? probeTargets(this.members, this.settings) : this.settings.endpoints;
		const probeAll = async (endpoints: readonly string[]) => Promise.all(endpoints.map(async endpoint => this.prober.probe(endpoint)));
		let list: ListOutcome & {reused?: boolean};
		let probes: Probe[];
		if (this.mark === undefined) {
			[list, probes] = await Promise.all([this.settledMemberList(), probeAll(knownEndpoints)]);
			// Answers taken beside the list cannot vouch for it: the next round reads it again after its answers.
			this.mark = list.value === undefined ? undefined : {entriesWithoutRevision: Number.NaN, listedAt: Date.now()};
		} else {
			probes = await probeAll(knownEndpoints);
			if (this.lastList !== undefined && membershipUnchanged(this.mark, probes, this.members, Date.now())) {
				list = {value: this.lastList, error: undefined, reused: true};
			} else {
				// These answers came before the list is asked for: the next round compares with them.
				const mark = markOf(probes, Date.now());
				list = await this.settledMemberList();
				this.mark = list.value === undefined ? undefined : mark;
			}
		}

		if (list.value !== undefined && list.reused !== true) {
			this.members = list.value.members;
			this.lastList = list.value;
			const wanted = probeTargets(list.value.members, this.settings);
			const missing = wanted.filter(endpoint => !probes.some(probe => probe.endpoint === endpoint));
			probes = [...probes, ...(await probeAll(missing))];
			this.closeClientsExcept(new Set([...wanted, ...this.settings.endpoints]));
			this.session?.preferVoters(this.memberListCandidates());
		}

		if (list.value === undefined) {
			this.mark = undefined;
		} else {
			probes = attributeProbes(probes, list.value.members, probeTargets(list.value.members, this.settings));
		}

		const alarms = alarmsOf(probes);

		return {
			takenAt: Date.now(),
			clusterId: list.value?.clusterId ?? probes.find(probe => probe.status !== undefined)?.clusterId,
			members: list.value?.members ?? this.members,
			memberListFrom: list.value?.from,
			memberListError: list.error,
			probes: probes.map(({clusterId: _clusterId, entriesWithoutRevision: _entries, ...probe}) => probe),
			alarms: alarms.value,
			alarmsError: alarms.error,
			durationMs: Date.now() - started,
		};
	}

	/** Promotes a learner (hex ID) to voter through the current leader. Never throws. */
	async promote(memberId: string): Promise<MemberActionResult> {
		return this.changingMembership(promoteMember(this.actionTransport(), memberId));
	}

	/** Moves leadership to a voter (hex ID), sent to whichever member leads right now. Never throws. */
	async moveLeader(targetId: string): Promise<MemberActionResult> {
		return this.changingMembership(moveLeader(this.actionTransport(), targetId));
	}

	/** Adds a member (a learner unless isLearner is false) through the current leader. Never throws. */
	async addMember(request: {name: string; peerUrls: readonly string[]; isLearner: boolean}): Promise<MembershipResult> {
		return this.changingMembership(addMember(this.actionTransport(), request));
	}

	/** Removes a member (hex ID) through the current leader; never the leader itself. Never throws. */
	async removeMember(memberId: string): Promise<MembershipResult> {
		return this.changingMembership(removeMember(this.actionTransport(), memberId));
	}

	/** Which cluster the etcd on an added member's peer URL is in, if any. Never throws. */
	async askPeer(peerUrl: string): Promise<PeerAnswer> {
		return askPeer(peerUrl, {timeoutMs: this.settings.timeoutMs, tls: this.settings.tls});
	}

	/** Closes every client. The service cannot be used afterwards. */
	close(): void {
		this.clients.close();
	}

	/** After an action the next refresh reads the member list beside the answers, whatever they say. */
	private async changingMembership<T>(action: Promise<T>): Promise<T> {
		try {
			return await action;
		} finally {
			this.mark = undefined;
		}
	}

	/** Fresh reads and calls for an action, on the same clients and deadline as refresh(). */
	private actionTransport(): ActionTransport {
		return {
			memberList: async () => (await this.fetchMemberList()).members,
			endpointOf: member => memberClientUrl(member, this.settings),
			probe: async endpoint => this.prober.probe(endpoint),
			call: async (endpoint, work) => this.call(endpoint, work),
			describe: error => this.describeAll(error),
		};
	}

	private async call<T>(endpoint: string, work: (client: Etcd3) => Promise<T>): Promise<T> {
		try {
			return await withDeadline(work(this.clients.get(endpoint)), this.settings.timeoutMs);
		} catch (error) {
			throw await diagnoseScheme(endpoint, error, this.settings.timeoutMs);
		}
	}

	private async settledMemberList(): Promise<ListOutcome> {
		return this.fetchMemberList().then(
			value => ({value, error: undefined}),
			(error: unknown) => ({value: undefined, error: this.describeAll(error)}),
		);
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
		const ordered = [this.lastList?.from, ...voters, ...this.settings.endpoints]
			.filter((endpoint): endpoint is string => endpoint !== undefined && plaintextRefusal(endpoint, this.settings) === undefined);
		return [...new Set(ordered)];
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
		this.clients.closeExcept(keep);

		this.prober.keepOnly(keep);
	}
}
