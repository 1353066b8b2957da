import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, openSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {probeServing} from '../cluster/restored-member.ts';
import type {AuthSettings} from '../config/settings.ts';
import type {DrillTools} from '../model/shared/etcd-lines.ts';
import {safeText} from '../model/shared/safe-text.ts';
import {cleanToolEnv} from './etcd-programs.ts';

/** The throwaway member a drill restores into and starts: its restore, start, wait and stop. */
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

export class DrillStop extends Error {
	constructor(readonly outcome: 'failed' | 'cannot-run', message: string) {
		super(message);
	}
}

/** The restore, as the plan runs it on a real host, but into the temporary directory with its own token. */
export async function restore(tools: DrillTools, file: string, dataDir: string, peerPort: number, request: DrillRequest): Promise<void> {
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

export function startMember(tools: DrillTools, dataDir: string, endpoint: string, peerPort: number, logFile: string, pathVariable: string | undefined): ChildProcess {
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
export async function waitUntilServing(member: ChildProcess, endpoint: string, dataDir: string, logFile: string, request: DrillRequest): Promise<Buffer> {
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

export async function stop(member: ChildProcess | undefined): Promise<void> {
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
