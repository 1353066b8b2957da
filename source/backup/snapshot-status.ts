import {execFile} from 'node:child_process';
import {formatBytes} from '../model/shared/format.ts';
import {safeText} from '../model/shared/safe-text.ts';
import type {EtcdSnapshotStatus} from './manifest.ts';

/** What asking etcd's own tools about a snapshot file came to. */
export type SnapshotStatusOutcome =
	| {kind: 'read'; status: EtcdSnapshotStatus}
	/** Neither tool can read snapshots here; `reason` says which were tried. */
	| {kind: 'unavailable'; reason: string}
	/** A tool ran and refused the file: that counts against it. */
	| {kind: 'failed'; tool: string; message: string};

/** etcdutl first: etcd 3.5 moved file commands there, and 3.6 removed them from etcdctl. */
const tools = ['etcdutl', 'etcdctl'] as const;

interface ToolRun {
	missing: boolean;
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs `etcdutl snapshot status FILE -w json` (or etcdctl's, on older installs). bbolt opens the file
 * read-only, so the snapshot is not changed; tests check that.
 */
export async function readSnapshotStatus(file: string, signal?: AbortSignal): Promise<SnapshotStatusOutcome> {
	const tried: string[] = [];
	for (const tool of tools) {
		const run = await runTool(tool, ['snapshot', 'status', file, '-w', 'json'], signal);
		if (run.missing || (run.code !== 0 && /unknown command/i.test(run.stderr))) {
			tried.push(run.missing ? `${tool} is not installed` : `${tool} has no snapshot status`);
			continue;
		}

		if (run.code !== 0) {
			return {kind: 'failed', tool, message: failureLine(run.stderr) ?? `exit code ${run.code}`};
		}

		try {
			return {kind: 'read', status: parseStatus(tool, run.stdout)};
		} catch (error) {
			return {kind: 'failed', tool, message: `unexpected output (${(error as Error).message}): ${run.stdout.trim().slice(0, 200)}`};
		}
	}

	return {kind: 'unavailable', reason: tried.join(', ')};
}

/** One line for reports: "etcdctl snapshot status: hash 3434941301, revision 6, 504 keys, 115 kB". */
export function describeStatusOutcome(outcome: SnapshotStatusOutcome): string {
	switch (outcome.kind) {
		case 'read': {
			const {status} = outcome;
			return `${status.tool} snapshot status: hash ${status.hash}, revision ${status.revision}, ${status.totalKeys} keys, ${formatBytes(status.totalSizeBytes)}`;
		}

		case 'unavailable': {
			return `snapshot status skipped: ${outcome.reason}`;
		}

		case 'failed': {
			return `${outcome.tool} snapshot status failed: ${outcome.message}`;
		}
	}
}

/**
 * The line that says what went wrong: a Go panic's first line ("panic: assertion failed: …") or
 * etcdctl's "Error: …", not the goroutine trace after it; else the last line.
 */
function failureLine(stderr: string): string | undefined {
	const lines = stderr.trim().split('\n').map(line => line.trim()).filter(line => line !== '');
	return safeText(lines.find(line => /^(panic|Error|fatal error):/.test(line)) ?? lines.at(-1) ?? '') || undefined;
}

function parseStatus(tool: string, stdout: string): EtcdSnapshotStatus {
	const value = JSON.parse(stdout) as Record<string, unknown>;
	const number = (name: string): number => {
		const field = value[name];
		if (typeof field !== 'number') {
			throw new TypeError(`no number "${name}"`);
		}

		return field;
	};

	return {tool, hash: number('hash'), revision: number('revision'), totalKeys: number('totalKey'), totalSizeBytes: number('totalSize')};
}

async function runTool(tool: string, args: string[], signal: AbortSignal | undefined): Promise<ToolRun> {
	// A clean environment: the operator's ETCDCTL_* connection variables mean nothing to a file command.
	const env = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', ETCDCTL_API: '3'};
	return new Promise((resolve, reject) => {
		execFile(tool, args, {env, timeout: 10 * 60_000, maxBuffer: 1024 * 1024, ...(signal === undefined ? {} : {signal})}, (error, stdout, stderr) => {
			if (error === null) {
				resolve({missing: false, code: 0, stdout, stderr});
				return;
			}

			if (error.code === 'ENOENT') {
				resolve({missing: true, code: -1, stdout, stderr});
				return;
			}

			if (typeof error.code === 'number') {
				resolve({missing: false, code: error.code, stdout, stderr});
				return;
			}

			reject(new Error(`${tool} did not finish: ${error.message}`, {cause: error}));
		});
	});
}
