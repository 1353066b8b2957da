import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {terminalEnvironment} from './pty-session.ts';
import {etcdProgram} from '../../source/demo/etcd-binaries.ts';

const gnuTime = '/usr/bin/time';

/** What a finished process cost. */
export interface ProcessRun {
	/** From spawn to exit. */
	ms: number;
	/** From spawn to its first byte of output. */
	firstOutputMs: number | undefined;
	/** Lines it printed. */
	lines: number;
	/** Its own CPU time and peak RSS, when asked for (measured by GNU time, which adds a process hop). */
	resources: {cpuSeconds: number; maxRssKib: number} | undefined;
}

export interface TimedProcessOptions {
	/** Run it under GNU time for its CPU time and peak RSS. */
	resources?: boolean;
	timeoutMs?: number;
}

/** Runs a command with output to a pipe (read and counted, not kept) and times it; fails on a non-zero exit. */
export async function timeProcess(command: string, args: readonly string[], {resources = false, timeoutMs = 60_000}: TimedProcessOptions = {}): Promise<ProcessRun> {
	const measure = resources && existsSync(gnuTime);
	const dir = measure ? mkdtempSync(path.join(os.tmpdir(), 'etcdeck-bench-time-')) : undefined;
	const report = dir === undefined ? undefined : path.join(dir, 'time');
	const [file, argv] = report === undefined ? [command, [...args]] : [gnuTime, ['-f', '%U %S %M', '-o', report, command, ...args]];
	try {
		const started = performance.now();
		let firstOutput: number | undefined;
		let lines = 0;
		let stderr = '';
		const child = spawn(file, argv, {env: terminalEnvironment(), stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.on('data', (chunk: Buffer) => {
			firstOutput ??= performance.now();
			for (const byte of chunk) {
				if (byte === 10) {
					lines++;
				}
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const code = await new Promise<number>(resolve => {
			child.once('close', exitCode => {
				resolve(exitCode ?? 1);
			});
		});
		const ended = performance.now();
		clearTimeout(timer);
		if (code !== 0) {
			throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
		}

		return {
			ms: ended - started,
			firstOutputMs: firstOutput === undefined ? undefined : firstOutput - started,
			lines,
			resources: report === undefined ? undefined : readGnuTime(report),
		};
	} finally {
		if (dir !== undefined) {
			rmSync(dir, {recursive: true, force: true});
		}
	}
}

function readGnuTime(file: string): {cpuSeconds: number; maxRssKib: number} {
	const [user, system, rss] = readFileSync(file, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
	return {cpuSeconds: user! + system!, maxRssKib: rss!};
}

/** etcdctl with the endpoints first, as a runbook writes it. */
export function etcdctlArgs(endpoints: readonly string[], args: readonly string[]): string[] {
	return [`--endpoints=${endpoints.join(',')}`, ...args];
}

/** The operator's way to the facts etcdeck shows: members, each member's status, each member's health. */
export const runbookCommands: ReadonlyArray<readonly string[]> = [
	['member', 'list'],
	['endpoint', 'status', '--cluster'],
	['endpoint', 'health', '--cluster'],
];

/** The three runbook commands one after the other, as an operator runs them; the total time. */
export async function runRunbook(endpoint: string, options: TimedProcessOptions = {}): Promise<{ms: number; runs: ProcessRun[]}> {
	const runs: ProcessRun[] = [];
	for (const args of runbookCommands) {
		runs.push(await timeProcess(etcdProgram('etcdctl'), etcdctlArgs([endpoint], args), options));
	}

	return {ms: runs.reduce((sum, run) => sum + run.ms, 0), runs};
}
