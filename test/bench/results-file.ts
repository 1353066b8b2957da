import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Figure} from './figures.ts';

/** Where runs are kept to compare: latest.json, and a copy named by the run's start time. */
export const resultsDir = path.resolve(import.meta.dirname, '../../bench-results');

/** What the figures depend on besides etcdeck: the machine and how busy it was. */
export interface MachineInfo {
	cpuModel: string;
	cpus: number;
	memoryGiB: number;
	kernel: string;
	node: string;
	etcd: string;
	loadAverageAtStart: number[];
	loadAverageAtEnd: number[] | undefined;
}

export function machineInfo(): MachineInfo {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		cpus: cpus.length,
		memoryGiB: Math.round(os.totalmem() / (1024 ** 3) * 10) / 10,
		kernel: `${os.type()} ${os.release()}`,
		node: process.version,
		etcd: /etcd Version: (\S+)/.exec(execFileSync('etcd', ['--version'], {encoding: 'utf8'}))?.[1] ?? 'unknown',
		loadAverageAtStart: os.loadavg().map(load => Math.round(load * 100) / 100),
		loadAverageAtEnd: undefined,
	};
}

export interface BenchResults {
	startedAt: string;
	finishedAt: string;
	machine: MachineInfo;
	settings: Record<string, unknown>;
	figures: Figure[];
	details: Record<string, unknown>;
}

/** Writes the run as latest.json and as <start time>.json; returns the paths. */
export function writeResults(results: BenchResults): string[] {
	mkdirSync(resultsDir, {recursive: true});
	const text = `${JSON.stringify(results, null, '\t')}\n`;
	const files = [path.join(resultsDir, 'latest.json'), path.join(resultsDir, `${results.startedAt.replaceAll(':', '-')}.json`)];
	for (const file of files) {
		writeFileSync(file, text);
	}

	return files;
}
