import {mkdirSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describeEtcdLine, etcdVersion} from '../../source/demo/etcd-binaries.ts';
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
	/** The version of the etcd the clusters ran (ETCDECK_ETCD_BIN_DIR's, or PATH's). */
	etcd: string;
	/** Where that etcd came from: "etcd 3.5.30 from ETCDECK_ETCD_BIN_DIR=…". */
	etcdLine: string;
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
		etcd: etcdVersion(),
		etcdLine: describeEtcdLine(),
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

/**
 * Writes the run as latest.json, as latest-etcd-<version>.json (so the runs of both etcd lines sit
 * side by side) and as <start time>-etcd-<version>.json; returns the paths.
 */
export function writeResults(results: BenchResults): string[] {
	mkdirSync(resultsDir, {recursive: true});
	const text = `${JSON.stringify(results, null, '\t')}\n`;
	const etcd = `etcd-${results.machine.etcd}`;
	const files = [path.join(resultsDir, 'latest.json'), path.join(resultsDir, `latest-${etcd}.json`), path.join(resultsDir, `${results.startedAt.replaceAll(':', '-')}-${etcd}.json`)];
	for (const file of files) {
		writeFileSync(file, text);
	}

	return files;
}
