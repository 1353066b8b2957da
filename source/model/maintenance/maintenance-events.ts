import type {DefragPlan, DefragRule} from './defrag-plan.ts';
import type {ConsistencyVerdict} from './consistency.ts';
import type {GateCheck} from './maintenance-gate.ts';
import type {CompactTarget} from './recovery.ts';

/** The maintenance jobs: each a flow of steps, in the dashboard and headless alike. */
export type MaintenanceJobKind = 'defrag' | 'compact' | 'recover-space' | 'check';

export type MaintenanceStepKind = 'gate' | 'compact' | 'remeasure' | 'move-leader' | 'defrag' | 'disarm' | 'verify' | 'hashkv';

/** One step of a job, as it is announced before it runs. */
export interface MaintenanceStep {
	kind: MaintenanceStepKind;
	/** The member it acts on, by name; "cluster" for a step on the whole cluster. */
	target: string;
	memberId: string | undefined;
	/** The etcdctl command that does the same (none for a gate, which is etcdeck's own). */
	etcdctl: string | undefined;
}

/**
 * succeeded: done. failed: sent, and etcd refused or did not answer. refused: etcdeck did not send it
 * (a gate or check said no). skipped: nothing to do (already compacted, no alarm to disarm).
 */
export type StepOutcome = 'succeeded' | 'failed' | 'refused' | 'skipped';

/**
 * done: every step succeeded (or the check found the members consistent). failed: a step failed, or
 * the members differ, after the job had started. refused: stopped before anything changed. cancelled:
 * the operator stopped it between members.
 */
export type JobOutcome = 'done' | 'failed' | 'refused' | 'cancelled';

export type MaintenanceEvent =
	| {type: 'plan'; at: number; plan: DefragPlan}
	| {type: 'started'; at: number; step: MaintenanceStep}
	| {
		type: 'finished';
		at: number;
		step: MaintenanceStep;
		outcome: StepOutcome;
		message: string;
		durationMs: number;
		/** A defragment's DB size before and after, as the member's Status said. */
		sizeBefore?: number;
		sizeAfter?: number;
		/** A defragmented member led when its turn came. */
		wasLeader?: boolean;
		/** A gate's checks. */
		checks?: GateCheck[];
	}
	| {type: 'verdict'; at: number; verdict: ConsistencyVerdict}
	| {type: 'done'; at: number; outcome: JobOutcome; message: string};

export type MaintenanceListener = (event: MaintenanceEvent) => void;

/** Exit codes of the headless maintenance commands, as the help text lists them. */
export const maintenanceExitCodes = {done: 0, failed: 1, refused: 2} as const;

/** The exit code for a job's outcome; a cancelled job exits as the signal that cancelled it does. */
export function maintenanceExitCode(outcome: JobOutcome, signalCode = 130): number {
	return outcome === 'cancelled' ? signalCode : maintenanceExitCodes[outcome];
}

/** The etcdctl equivalents the steps name (no credentials: the operator adds their own). */
export const etcdctlFor = {
	defrag: (endpoint: string) => `etcdctl --endpoints=${endpoint} defrag`,
	compact: (endpoint: string, revision: number) => `etcdctl --endpoints=${endpoint} compact ${revision} --physical`,
	disarm: (endpoint: string) => `etcdctl --endpoints=${endpoint} alarm disarm`,
	verify: (endpoints: readonly string[]) => `etcdctl --endpoints=${endpoints.join(',')} endpoint status -w table`,
	hashkv: (endpoints: readonly string[], revision: number) => `etcdctl --endpoints=${endpoints.join(',')} endpoint hashkv --rev=${revision}`,
	remeasure: (endpoint: string) => `etcdctl --endpoints=${endpoint} lease grant 10, then lease revoke with its ID`,
	moveLeader: (leaderEndpoint: string, targetId: string) => `etcdctl --endpoints=${leaderEndpoint} move-leader ${targetId}`,
} as const;

/** What the operator asked for. */
export type MaintenanceRequest =
	| {kind: 'defrag'; rule: DefragRule; dryRun: boolean; compact: boolean; moveLeader: boolean}
	| {kind: 'compact'; revision: number | undefined}
	| {kind: 'recover-space'; moveLeader: boolean}
	| {kind: 'check'};

/** The figures every job reads beside its request. */
export interface MaintenanceSettings {
	/** --keep-revisions: a compaction without a revision keeps this many of the newest. */
	keepRevisions: number;
	/** The gate stops a run when a voter is further behind the leader than this. */
	maxLagEntries: number;
	/** --quota-bytes, when given. */
	quotaBytes: number | undefined;
}


/** How a job ended, as its last event says. */
export interface JobEnd {
	outcome: JobOutcome;
	message: string;
}

/** What `:compact` shows before the operator types the confirmation. */
export interface CompactPreview {
	target: CompactTarget;
	/** Where the compaction goes: the leader. */
	endpoint: string;
	etcdctl: string;
}

/** The maintenance jobs as the dashboard's hook runs them (the real one is source/cluster/maintenance/). */
export interface MaintenanceJobs {
	/** Runs one job to its end; never throws (a failure is its outcome). Aborting stops it between members. */
	run(request: MaintenanceRequest, listener: MaintenanceListener, signal: AbortSignal): Promise<JobEnd>;
	/** What `:compact [REVISION]` would do, or why it cannot. */
	previewCompact(revision: number | undefined): Promise<CompactPreview | string>;
}
