import type {SnapshotManifest} from '../../backup/manifest.ts';

/** How etcd runs on the hosts: Deephaven's unit, the distributions' etcd unit, or none (the plan starts etcd itself). */
export type RestoreUnit = 'dh-etcd' | 'etcd' | 'none';

export const restoreUnits: readonly RestoreUnit[] = ['dh-etcd', 'etcd', 'none'];

/** A member of the new cluster as the operator named it (--members NAME=PEER-URL). */
export interface MemberSpec {
	name: string;
	peerUrl: string;
}

export interface RestorePlanInput {
	/** Where the snapshot is; the plan expects the same path on every member's host. */
	snapshotPath: string;
	/** SHA-256 of the file, verified. */
	sha256: string;
	manifest: SnapshotManifest | undefined;
	/** --members; undefined: the manifest's voters. */
	members: MemberSpec[] | undefined;
	/** --client-urls NAME=URL; the rest are found from the manifest or the peer URL. */
	clientUrls: ReadonlyMap<string, string>;
	/** --data-dir, with {name} and {token}; undefined: the unit's default. */
	dataDir: string | undefined;
	token: string;
	/** Whether etcdeck made the token up (no --token). */
	tokenGenerated: boolean;
	unit: RestoreUnit;
	/** USER or USER:GROUP the data directory is given to. */
	owner: string;
	/** --etcd-version; undefined: the version the manifest recorded. */
	etcdVersion: string | undefined;
	/** UTC time the plan is made, "20250115T123456Z": the suffix of each old data directory moved aside. */
	stamp: string;
}

export type StepId = 'stop' | 'check-snapshot' | 'move-aside' | 'restore' | 'owner' | 'start';

export const stepIds: readonly StepId[] = ['stop', 'check-snapshot', 'move-aside', 'restore', 'owner', 'start'];

/** One step on one member's host: what it does, and the shell lines that do it. */
export interface PlanStep {
	id: StepId;
	title: string;
	lines: string[];
	/** What the operator must know or check by hand at this step. */
	note: string | undefined;
}

export interface MemberPlan {
	name: string;
	peerUrl: string;
	clientUrl: string;
	dataDir: string;
	steps: PlanStep[];
}

/** A key count to expect once the new cluster runs. */
export interface CountCheck {
	/** The prefix as etcdctl takes it; "" for all keys. */
	prefix: string;
	/** The prefix as printed ("all keys" for ""). */
	label: string;
	keys: number;
	depth: 0 | 1 | 2;
}

export interface RestorePlan {
	snapshotPath: string;
	sha256: string;
	manifest: SnapshotManifest | undefined;
	token: string;
	tokenGenerated: boolean;
	unit: RestoreUnit;
	owner: string;
	dataDirTemplate: string;
	etcdVersion: string;
	tool: 'etcdutl' | 'etcdctl';
	initialCluster: string;
	members: MemberPlan[];
	/** Said before the steps: an even member count, learners left out, guessed client URLs. */
	warnings: string[];
	/** Client URLs of every new member, comma-separated, for etcdctl --endpoints. */
	endpoints: string;
	counts: CountCheck[];
	/** Recorded counts that a shell cannot pass to etcdctl as they are (bytes that are not printable UTF-8). */
	uncheckableCounts: number;
	countsRevision: number | undefined;
}

export type RestorePlanOutcome = {ok: true; plan: RestorePlan} | {ok: false; problems: string[]};

/** Where each unit keeps its data by default (Deephaven: one directory per cluster token). */
export function defaultDataDir(unit: RestoreUnit): string | undefined {
	return unit === 'dh-etcd' ? '/var/lib/etcd/dh/{token}' : unit === 'etcd' ? '/var/lib/etcd' : undefined;
}

/** Deephaven's dh-etcd reads its configuration from here. */
export const dhEtcdConfig = '/etc/etcd/dh/latest/config.yaml';

/** A member of the new cluster with its URLs and data directory worked out. */
export interface ResolvedMember {
	name: string;
	peerUrl: string;
	clientUrl: string;
	dataDir: string;
}
