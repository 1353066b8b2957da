import type {ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {readRestoredMember} from '../cluster/restored-member.ts';
import {freePorts} from './free-ports.ts';
import type {DrillResult} from './drill-result.ts';
import {chooseDrillTools} from '../model/shared/etcd-lines.ts';
import {escapeKey} from '../model/shared/key-text.ts';
import {countMismatches} from '../cluster/cluster-record.ts';
import {findEtcdPrograms} from './etcd-programs.ts';
import {DrillStop, restore, startMember, stop, waitUntilServing, type DrillRequest} from './drill-member.ts';
import {SnapshotError} from './snapshot-error.ts';
import {verifySnapshot} from './verify-snapshot.ts';

export type {DrillRequest} from './drill-member.ts';

const sampleSize = 10;

/**
 * Proves a snapshot restores: checks the file, restores it into a temporary directory with an etcd of
 * the snapshot's line (see chooseDrillTools), starts that as a throwaway single member on free loopback
 * ports (client TLS with a certificate etcd makes itself, so a user's password never crosses plain
 * http), counts the keys per recorded prefix against the manifest, reads a sample of keys with their
 * values, then stops it and removes the directory. Needs no cluster. Never throws: the result says.
 */
export async function drillSnapshot(request: DrillRequest): Promise<DrillResult> {
	const result: DrillResult = {
		file: request.file,
		outcome: 'passed',
		problems: [],
		verified: undefined,
		manifest: undefined,
		tools: undefined,
		restoreMs: undefined,
		served: undefined,
		counts: undefined,
		sample: undefined,
		notes: [],
		workDir: undefined,
	};
	let member: ChildProcess | undefined;
	const reap = () => {
		member?.kill('SIGKILL');
		if (result.workDir !== undefined) {
			rmSync(result.workDir, {recursive: true, force: true});
		}
	};

	process.once('exit', reap);
	try {
		const check = () => {
			if (request.signal?.aborted) {
				throw new DrillStop('cannot-run', 'cancelled');
			}
		};

		request.onStep?.('verifying');
		const verification = await verify(request.file);
		const {manifest} = verification;
		result.verified = {sizeBytes: verification.check.sizeBytes, sha256: verification.check.sha256};
		if (manifest !== undefined) {
			result.manifest = {
				takenAt: manifest.takenAt,
				member: escapeKey(Buffer.from(manifest.member.name)),
				etcdVersion: manifest.cluster?.etcdVersion ?? null,
				clusterId: manifest.clusterId,
				revision: manifest.revision,
			};
		} else {
			result.notes.push(`no manifest beside it (${path.basename(verification.manifestPath)}): nothing recorded to compare the keys with`);
		}

		if (verification.problems.length > 0) {
			throw new DrillStop('failed', verification.problems.join('; '));
		}

		check();
		const choice = chooseDrillTools(manifest?.cluster?.etcdVersion ?? null, await findEtcdPrograms(request.pathVariable));
		if (!choice.ok) {
			throw new DrillStop('cannot-run', choice.reason);
		}

		const {tools} = choice;
		result.tools = tools;
		if (tools.note !== undefined) {
			result.notes.push(tools.note);
		}

		const workDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-drill-'));
		result.workDir = workDir;
		const [clientPort, peerPort] = await freePorts(2);
		const ports = {client: clientPort!, peer: peerPort!};
		const dataDir = path.join(workDir, 'data');
		request.onStep?.(`restoring with ${tools.restore.name} ${tools.restore.version}`);
		const restoreStarted = Date.now();
		await restore(tools, request.file, dataDir, ports.peer, request);
		result.restoreMs = Date.now() - restoreStarted;
		check();

		request.onStep?.(`starting etcd ${tools.etcd.version}`);
		const started = Date.now();
		const endpoint = `https://127.0.0.1:${ports.client}`;
		const logFile = path.join(workDir, 'etcd.log');
		member = startMember(tools, dataDir, endpoint, ports.peer, logFile, request.pathVariable);
		const ca = await waitUntilServing(member, endpoint, dataDir, logFile, request);
		result.served = {endpoint, revision: undefined, startMs: Date.now() - started};
		check();

		request.onStep?.('counting keys');
		const recorded = manifest?.cluster?.keyCounts ?? undefined;
		const outcome = await readRestoredMember({endpoint, ca, auth: request.auth, timeoutMs: request.timeoutMs, recorded, sampleSize});
		if (outcome.kind !== 'read') {
			throw new DrillStop(outcome.kind === 'needs-user' ? 'cannot-run' : 'failed', outcome.kind === 'needs-user' ? outcome.message : `reading the restored member: ${outcome.message}`);
		}

		const {reading} = outcome;
		result.served.revision = reading.revision;
		if (recorded === undefined && manifest?.cluster !== undefined) {
			result.notes.push(`the manifest has no key counts (${manifest.cluster.gaps.join('; ') || 'none recorded'})`);
		} else if (manifest !== undefined && manifest.cluster === undefined) {
			result.notes.push('the manifest was written by an etcdeck that recorded no key counts');
		}

		const mismatches = recorded === undefined ? [] : countMismatches(recorded, reading);
		result.counts = {recorded: recorded !== undefined, prefixes: recorded?.prefixes.length ?? 0, totalKeys: reading.totalKeys, mismatches};
		result.sample = reading.sample;
		const problems = mismatches.map(mismatch => `${mismatch.prefix ?? 'all keys'}: expected ${mismatch.expected} keys, found ${mismatch.found}`);
		if (manifest?.revision !== null && manifest?.revision !== undefined && manifest.revision !== reading.revision) {
			problems.push(`the restored member serves revision ${reading.revision}, the manifest recorded ${manifest.revision}`);
		}

		if (problems.length > 0) {
			throw new DrillStop('failed', `key counts differ from the manifest: ${problems.join('; ')}`);
		}
	} catch (error) {
		result.outcome = error instanceof DrillStop ? error.outcome : 'cannot-run';
		result.problems.push(error instanceof Error ? error.message : String(error));
	} finally {
		request.onStep?.('stopping');
		await stop(member);
		if (result.workDir !== undefined) {
			rmSync(result.workDir, {recursive: true, force: true});
		}

		process.removeListener('exit', reap);
	}

	return result;
}

async function verify(file: string): Promise<Awaited<ReturnType<typeof verifySnapshot>>> {
	try {
		return await verifySnapshot(file);
	} catch (error) {
		if (error instanceof SnapshotError) {
			throw new DrillStop('cannot-run', error.message);
		}

		throw error;
	}
}
