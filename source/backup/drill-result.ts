import type {CountMismatch} from '../cluster/cluster-record.ts';
import type {DrillTools} from '../model/shared/etcd-lines.ts';

/** passed: restored, served, counts match; failed: the snapshot does not restore as recorded; cannot-run: the drill could not tell. */
export type DrillOutcome = 'passed' | 'failed' | 'cannot-run';

/** Everything a drill found, step by step; a step not reached is undefined. */
export interface DrillResult {
	file: string;
	outcome: DrillOutcome;
	/** Why it failed or could not run, one sentence each; empty when it passed. */
	problems: string[];
	verified: {sizeBytes: number; sha256: string} | undefined;
	manifest: {takenAt: string; member: string; etcdVersion: string | null; clusterId: string; revision: number | null} | undefined;
	tools: DrillTools | undefined;
	restoreMs: number | undefined;
	/** The throwaway member, once it answered; revision once it was read. */
	served: {endpoint: string; revision: number | undefined; startMs: number} | undefined;
	/** undefined when not reached; recorded false when the manifest had no counts to compare. */
	counts: {recorded: boolean; prefixes: number; totalKeys: number; mismatches: CountMismatch[]} | undefined;
	sample: {keys: string[]; valueBytes: number} | undefined;
	/** Things the operator should know that are not failures (which etcd line was used, what was skipped). */
	notes: string[];
	/** The temporary directory, removed at the end with everything in it. */
	workDir: string | undefined;
}
