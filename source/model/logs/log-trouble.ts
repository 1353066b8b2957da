import type {EtcdLine} from './etcd-log-line.ts';

/**
 * The etcd warnings operators grep for, each a known sign of a slow disk, a slow network or an unstable
 * leader, and the two that go wrong when adding a node: a member that started a cluster of its own
 * (cluster ID mismatch) and one that was removed yet keeps trying to rejoin.
 */
export type TroubleKind = 'slow-apply' | 'heartbeat-late' | 'peer-unhealthy' | 'peer-inactive' | 'slow-read-index' | 'slow-fdatasync' | 'election' | 'cluster-id-mismatch' | 'removed-member';

/** A trouble sign found in one line, with the figures etcd gave. Member IDs are hex as etcd prints them. */
export interface Trouble {
	kind: TroubleKind;
	took?: string;
	/** How far past its deadline (a late heartbeat: etcd logs the excess, not the time taken). */
	lateBy?: string;
	expected?: string;
	/** The member the line is about: the unhealthy peer, the heartbeat's target, the leader lost. */
	peerId?: string;
	/** The member that wrote the line, when it names itself (raft's election lines). */
	memberId?: string;
	term?: string;
	/** What else etcd said: the prober's error, the election event. */
	detail?: string;
	/** A cluster ID mismatch: the cluster the line's own member belongs to, and the one its peer claims. */
	clusterId?: string;
	peerClusterId?: string;
}

/** Every kind, in the order the pane lists them; `title` is etcd's own words. */
export const troubleKinds: ReadonlyArray<{kind: TroubleKind; title: string; label: string}> = [
	{kind: 'slow-apply', title: 'apply request took too long', label: 'slow apply'},
	{kind: 'heartbeat-late', title: 'leader failed to send out heartbeat on time', label: 'late heartbeat'},
	{kind: 'peer-unhealthy', title: 'prober detected unhealthy status', label: 'peer unhealthy'},
	// etcd 3.5's sign of a hung peer: its prober never times out, but a stream to the peer does.
	{kind: 'peer-inactive', title: 'peer became inactive (message send to peer failed)', label: 'peer inactive'},
	{kind: 'slow-read-index', title: 'waiting for ReadIndex response took too long', label: 'slow ReadIndex'},
	{kind: 'slow-fdatasync', title: 'slow fdatasync', label: 'slow fdatasync'},
	{kind: 'election', title: 'leader elections / lost leader', label: 'elections'},
	{kind: 'cluster-id-mismatch', title: 'cluster ID mismatch', label: 'cluster ID mismatch'},
	{kind: 'removed-member', title: 'rejected stream from remote peer because it was removed', label: 'removed member'},
];

type Field = (name: string) => string | undefined;

interface Rule {
	kind: TroubleKind;
	/** etcd 3.4+ zap: the msg, with the figures in fields. */
	zap: RegExp;
	/** When the msg alone is too general ("server error"): what the fields must hold as well. */
	zapWhen?: (field: Field) => boolean;
	fromFields?: (field: Field) => Omit<Trouble, 'kind'>;
	/** capnslog text (etcd ≤ 3.4 without --logger=zap): the figures are inside the message. */
	text: RegExp;
	fromText?: (match: RegExpExecArray) => Omit<Trouble, 'kind'>;
}

const rules: readonly Rule[] = [
	{
		kind: 'slow-apply',
		zap: /^apply request took too long/,
		fromFields: field => ({took: field('took'), expected: field('expected-duration')}),
		// 3.4: "read-only range request … took too long (123ms) to execute"; 3.3: "apply entries took too long [123ms for 1 entries]".
		text: /took too long \(([^)]+)\) to execute|apply entries took too long \[(\S+) for/,
		fromText: match => ({took: match[1] ?? match[2]}),
	},
	{
		kind: 'heartbeat-late',
		zap: /^leader failed to send out heartbeat on time/,
		fromFields: field => ({lateBy: field('exceeded-duration'), expected: field('expected-duration'), peerId: field('to')}),
		text: /failed to send out heartbeat on time \(exceeded the (\S+) timeout for (\S+), to ([0-9a-f]+)\)/,
		fromText: match => ({expected: match[1], lateBy: match[2], peerId: match[3]}),
	},
	{
		kind: 'peer-unhealthy',
		zap: /^prober detected unhealthy status/,
		fromFields: field => ({peerId: field('remote-peer-id'), detail: field('error')}),
		text: /health check for peer ([0-9a-f]+) could not connect: (.*)/,
		fromText: match => ({peerId: match[1], detail: match[2]}),
	},
	{
		// 3.4 and 3.5 alike; 3.5.30 logs nothing else for a peer hung with SIGSTOP (its prober waits forever).
		kind: 'peer-inactive',
		zap: /^peer became inactive \(message send to peer failed\)/,
		fromFields: field => ({peerId: field('peer-id'), detail: field('error')}),
		text: /peer ([0-9a-f]+) became inactive \(message send to peer failed\)/,
		fromText: match => ({peerId: match[1]}),
	},
	{
		kind: 'slow-read-index',
		zap: /^waiting for ReadIndex response took too long|^timed out waiting for read index response/,
		fromFields: field => ({expected: field('retry-timeout') ?? field('timeout')}),
		text: /waiting for ReadIndex response took too long(?:, retrying \(sent-request-id: \d+, retry-timeout: ([^)]+)\))?|timed out waiting for read index response/,
		fromText: match => ({expected: match[1]}),
	},
	{
		kind: 'slow-fdatasync',
		zap: /^slow fdatasync/,
		fromFields: field => ({took: field('took'), expected: field('expected-duration')}),
		text: /sync duration of (\S+), expected less than (\S+)/,
		fromText: match => ({took: match[1], expected: match[2]}),
	},
	{
		// The receiving side ("request cluster ID mismatch") and the sending side ("request sent was ignored
		// [by remote peer] due to cluster ID mismatch", the shorter one 3.5's pipeline writer).
		kind: 'cluster-id-mismatch',
		zap: /^request cluster ID mismatch|^request sent was ignored (?:by remote peer )?due to cluster ID mismatch/,
		fromFields: field => ({
			peerId: field('remote-peer-id') ?? field('remote-peer-server-name'),
			memberId: field('local-member-id'),
			clusterId: field('local-member-cluster-id'),
			peerClusterId: field('remote-peer-cluster-id'),
		}),
		// capnslog: "request cluster ID mismatch (got REMOTE want LOCAL)", "request sent was ignored (cluster ID mismatch: peer[ID]=REMOTE, local=LOCAL)".
		text: /request cluster ID mismatch \(got ([0-9a-f]+) want ([0-9a-f]+)\)|request sent was ignored \(cluster ID mismatch: (?:peer|remote)\[([0-9a-f]+)\]=([0-9a-f]+), local=([0-9a-f]+)\)/,
		fromText: match => ({peerId: match[3], peerClusterId: match[1] ?? match[4], clusterId: match[2] ?? match[5]}),
	},
	{
		// The peers' side names the removed member; the removed member's own side names no one.
		kind: 'removed-member',
		zap: /^rejected stream from remote peer because it was removed|^server error$/,
		zapWhen: field => field('remote-peer-id-from') !== undefined || /permanently removed from the cluster/.test(field('error') ?? ''),
		fromFields: field => ({peerId: field('remote-peer-id-from'), memberId: field('local-member-id'), detail: field('remote-peer-id-from') === undefined ? field('error') : undefined}),
		text: /rejected the stream from peer ([0-9a-f]+) since it was removed|^(the member has been permanently removed from the cluster)$/,
		fromText: match => ({peerId: match[1], detail: match[2]}),
	},
];

// raft writes these through zap and capnslog alike: the words are the same in both.
const lostLeader = /(?:raft\.node: )?([0-9a-f]+) lost leader ([0-9a-f]+) at term (\d+)/;
const newElection = /^([0-9a-f]+) is starting a new election at term (\d+)/;

/** The trouble sign in a line, if it is one. */
export function classifyTrouble(line: EtcdLine): Trouble | undefined {
	const isZap = line.format === 'zap';
	const field: Field = name => line.fields.find(([key]) => key === name)?.[1];
	for (const rule of rules) {
		if (isZap && rule.zap.test(line.message) && (rule.zapWhen?.(field) ?? true)) {
			return withoutUndefined({kind: rule.kind, ...rule.fromFields?.(field)});
		}

		const match = rule.text.exec(line.message);
		if (match !== null) {
			return withoutUndefined({kind: rule.kind, ...rule.fromText?.(match)});
		}
	}

	return electionTrouble(line.message);
}

function electionTrouble(message: string): Trouble | undefined {
	const lost = lostLeader.exec(message);
	if (lost !== null) {
		return {kind: 'election', memberId: lost[1], peerId: lost[2], term: lost[3], detail: 'lost leader'};
	}

	const election = newElection.exec(message);
	if (election !== null) {
		return {kind: 'election', memberId: election[1], term: election[2], detail: 'started an election'};
	}

	return undefined;
}

function withoutUndefined(trouble: Trouble): Trouble {
	return Object.fromEntries(Object.entries(trouble).filter(([, value]) => value !== undefined)) as unknown as Trouble;
}

/** A member's name for a hex ID when the member list knows it, else the ID. */
export function memberLabel(id: string, memberNames: ReadonlyMap<string, string>): string {
	return memberNames.get(normalizeMemberId(id)) ?? id;
}

/** etcd logs IDs as %x; the member list may carry leading zeros or capitals. */
export function normalizeMemberId(id: string): string {
	return id.toLowerCase().replace(/^0+(?=.)/, '');
}

/** One line saying what went wrong, with etcd's figures and member names: "late heartbeat to m2: 2.37s late, expected 200ms". */
export function describeTrouble(trouble: Trouble, memberNames: ReadonlyMap<string, string> = new Map()): string {
	const peer = trouble.peerId === undefined ? undefined : memberLabel(trouble.peerId, memberNames);
	const figures = [trouble.took === undefined ? undefined : `took ${trouble.took}`, trouble.lateBy === undefined ? undefined : `${trouble.lateBy} late`, trouble.expected === undefined ? undefined : `expected ${trouble.expected}`].filter(part => part !== undefined).join(', ');
	const label = troubleKinds.find(candidate => candidate.kind === trouble.kind)!.label;
	switch (trouble.kind) {
		case 'heartbeat-late': {
			return `${label}${peer === undefined ? '' : ` to ${peer}`}${figures === '' ? '' : `: ${figures}`}`;
		}

		case 'peer-unhealthy': {
			return `peer ${peer ?? '?'} unhealthy${trouble.detail === undefined ? '' : `: ${trouble.detail}`}`;
		}

		case 'peer-inactive': {
			return `peer ${peer ?? '?'} inactive${trouble.detail === undefined ? '' : `: ${trouble.detail}`}`;
		}

		case 'cluster-id-mismatch': {
			const clusters = trouble.peerClusterId === undefined ? '' : `: it is in cluster ${trouble.peerClusterId}, this member in ${trouble.clusterId ?? '?'}`;
			return `${label}${peer === undefined ? '' : ` with ${peer}`}${clusters} (started with --initial-cluster-state new, or another cluster's data dir?)`;
		}

		case 'removed-member': {
			if (peer === undefined) {
				return 'this member was removed from the cluster: remove its data dir before adding it again';
			}

			const by = trouble.memberId === undefined ? '' : ` by ${memberLabel(trouble.memberId, memberNames)}`;
			return `removed member ${peer} still tries to rejoin, rejected${by}`;
		}

		case 'election': {
			const member = trouble.memberId === undefined ? 'a member' : memberLabel(trouble.memberId, memberNames);
			const what = peer === undefined ? 'started an election' : `lost leader ${peer}`;
			return `${member} ${what}${trouble.term === undefined ? '' : ` at term ${trouble.term}`}`;
		}

		case 'slow-read-index': {
			return `${label}${trouble.expected === undefined ? '' : ` (retry after ${trouble.expected})`}`;
		}

		case 'slow-apply':
		case 'slow-fdatasync': {
			return `${label}${figures === '' ? '' : `: ${figures}`}`;
		}
	}
}
