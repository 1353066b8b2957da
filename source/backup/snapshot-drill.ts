import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {readRestoredMember, probeServing} from '../cluster/restored-member.ts';
import type {AuthSettings} from '../config/settings.ts';
import {freePorts} from './free-ports.ts';
import type {DrillResult} from './drill-result.ts';
import {chooseDrillTools, type DrillTools} from '../model/shared/etcd-lines.ts';
import {escapeKey} from '../model/shared/key-text.ts';
import {safeText} from '../model/shared/safe-text.ts';
import {countMismatches} from '../cluster/cluster-record.ts';
import {cleanToolEnv, findEtcdPrograms} from './etcd-programs.ts';
import {SnapshotError} from './snapshot-error.ts';
import {verifySnapshot} from './verify-snapshot.ts';

export interface DrillRequest {
	file: string;
	/** The user to read a restored cluster that had authentication on; never needed otherwise. */
	auth: AuthSettings | undefined;
	/** Deadline of every read from the throwaway member. */
	timeoutMs: number;
	/** Where etcd's programs are looked for (PATH). */
	pathVariable: string | undefined;
	/** Aborting stops the drill at the next step; everything it started and wrote is still removed. */
	signal?: AbortSignal;
	/** Called as each step starts, for a progress line. */
	onStep?: (step: string) => void;
}

/** How long the throwaway member may take to serve after it starts (a large database loads first). */
const startDeadlineMs = 120_000;
const sampleSize = 10;

class DrillStop extends Error {
	constructor(readonly outcome: 'failed' | 'cannot-run', message: string) {
		super(message);
	}
}

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

/** The restore, as the plan runs it on a real host, but into the temporary directory with its own token. */
async function restore(tools: DrillTools, file: string, dataDir: string, peerPort: number, request: DrillRequest): Promise<void> {
	const peerUrl = `http://127.0.0.1:${peerPort}`;
	const args = [
		'snapshot', 'restore', file,
		`--data-dir=${dataDir}`,
		'--name=drill',
		`--initial-cluster=drill=${peerUrl}`,
		`--initial-advertise-peer-urls=${peerUrl}`,
		`--initial-cluster-token=etcdeck-drill-${randomBytes(4).toString('hex')}`,
	];
	await new Promise<void>((resolve, reject) => {
		const options = {env: cleanToolEnv(request.pathVariable), timeout: 30 * 60_000, maxBuffer: 4 * 1024 * 1024, ...(request.signal === undefined ? {} : {signal: request.signal})};
		execFile(tools.restore.path, args, options, (error, _stdout, stderr) => {
			if (error === null) {
				resolve();
				return;
			}

			if (request.signal?.aborted) {
				reject(new DrillStop('cannot-run', 'cancelled'));
				return;
			}

			const said = lastMeaningfulLine(stderr) ?? error.message;
			reject(new DrillStop('failed', `${tools.restore.name} snapshot restore failed: ${said}`));
		});
	});
}

function startMember(tools: DrillTools, dataDir: string, endpoint: string, peerPort: number, logFile: string, pathVariable: string | undefined): ChildProcess {
	const peerUrl = `http://127.0.0.1:${peerPort}`;
	const log = openSync(logFile, 'a');
	try {
		return spawn(tools.etcd.path, [
			'--name=drill',
			`--data-dir=${dataDir}`,
			`--listen-client-urls=${endpoint}`,
			`--advertise-client-urls=${endpoint}`,
			`--listen-peer-urls=${peerUrl}`,
			`--initial-advertise-peer-urls=${peerUrl}`,
			`--initial-cluster=drill=${peerUrl}`,
			// The client listener gets a certificate etcd makes for 127.0.0.1 and writes under the data directory.
			'--auto-tls',
			'--logger=zap',
			'--log-outputs=stderr',
		], {stdio: ['ignore', log, log], env: cleanToolEnv(pathVariable)});
	} finally {
		closeSync(log);
	}
}

/** Waits until the member answers (an authentication refusal is an answer); returns the certificate it serves. */
async function waitUntilServing(member: ChildProcess, endpoint: string, dataDir: string, logFile: string, request: DrillRequest): Promise<Buffer> {
	const certFile = path.join(dataDir, 'fixtures', 'client', 'cert.pem');
	const deadline = Date.now() + startDeadlineMs;
	let lastProblem = 'it did not start';
	for (;;) {
		if (member.exitCode !== null || member.signalCode !== null) {
			throw new DrillStop('failed', `the restored etcd exited (${member.exitCode ?? member.signalCode}) before serving: ${logTail(logFile)}`);
		}

		if (request.signal?.aborted) {
			throw new DrillStop('cannot-run', 'cancelled');
		}

		if (existsSync(certFile)) {
			const ca = readFileSync(certFile);
			const problem = await probeServing(endpoint, ca, Math.min(request.timeoutMs, 2000));
			if (problem === undefined) {
				return ca;
			}

			lastProblem = problem;
		}

		if (Date.now() > deadline) {
			throw new DrillStop('failed', `the restored etcd did not serve within ${startDeadlineMs / 1000} s (${lastProblem}): ${logTail(logFile)}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
	}
}

async function stop(member: ChildProcess | undefined): Promise<void> {
	if (member === undefined || member.exitCode !== null || member.signalCode !== null) {
		return;
	}

	const exited = new Promise<void>(resolve => {
		member.once('exit', () => {
			resolve();
		});
	});
	member.kill('SIGTERM');
	const timer = setTimeout(() => member.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/** etcd logs JSON lines (zap): the last error's message and error fields, else the last line. */
function logTail(logFile: string): string {
	try {
		return lastMeaningfulLine(readFileSync(logFile, 'utf8')) ?? '(its log is empty)';
	} catch {
		return '(no log)';
	}
}

function lastMeaningfulLine(text: string): string | undefined {
	const lines = text.trim().split('\n').filter(line => line.trim() !== '');
	for (const line of [...lines].reverse()) {
		try {
			const entry = JSON.parse(line) as {level?: string; msg?: string; error?: string};
			if (entry.level === 'error' || entry.level === 'fatal' || entry.level === 'panic') {
				return safeText([entry.msg, entry.error].filter(Boolean).join(': '));
			}
		} catch {
			return safeText(line.trim());
		}
	}

	const last = lines.at(-1);
	return last === undefined ? undefined : safeText(last.trim());
}
