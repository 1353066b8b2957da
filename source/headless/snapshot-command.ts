import {statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {applyRetention} from '../backup/retention.ts';
import {saveSnapshot, type SavedSnapshot} from '../backup/save-snapshot.ts';
import {SnapshotError} from '../backup/snapshot-error.ts';
import {describeStatusOutcome} from '../backup/snapshot-status.ts';
import {verifySnapshot} from '../backup/verify-snapshot.ts';
import {ClusterService} from '../cluster/cluster-service.ts';
import {resolveSettings, type RawOptions} from '../config/resolve-settings.ts';
import {ConfigError, type Settings} from '../config/settings.ts';
import {formatBytes} from '../model/format.ts';
import {nothingAnswers} from '../model/reachability.ts';
import {defaultSnapshotFileName, defaultSnapshotPath, resolveSnapshotDir} from '../model/snapshot-files.ts';
import {formatSnapshotProgress} from '../model/snapshot-progress.ts';
import type {SnapshotMemberRef} from '../model/snapshot-manifest.ts';
import {defaultSnapshotSource, snapshotMemberOf, snapshotSourceChoices} from '../model/snapshot-source.ts';
import {rootRoleNeeded, statusDeniedReason} from '../model/root-role.ts';

/** The flags `etcdeck snapshot` reads, as meow parsed them. */
export interface SnapshotFlags extends RawOptions {
	snapshotDir?: string;
	keep?: number;
}

export interface CommandIo {
	stdout: {write(text: string): unknown};
	stderr: {write(text: string): unknown; isTTY?: boolean};
	env: Record<string, string | undefined>;
	cwd: string;
}

/** Exit codes of `etcdeck snapshot`, as the help text lists them. */
export const snapshotExitCodes = {
	/** save: complete, verified and in place; verify: the file verified. */
	ok: 0,
	/** save failed part way (nothing left at PATH), or --keep failed after it; verify: the file failed. */
	failed: 1,
	/** Refused before anything was written: bad input, PATH exists, no such directory, cluster unreachable. */
	refused: 2,
} as const;

class Refusal extends Error {}

/** `etcdeck snapshot save [PATH]` and `etcdeck snapshot verify FILE`; returns the exit code. */
export async function runSnapshotCommand(args: readonly string[], flags: SnapshotFlags, io: CommandIo): Promise<number> {
	const [action, ...operands] = args;
	try {
		if (action === 'save' && operands.length <= 1) {
			return await save(operands[0], flags, io);
		}

		if (action === 'verify' && operands.length === 1) {
			return await verify(operands[0]!, io);
		}

		throw new Refusal(`expected "snapshot save [PATH]" or "snapshot verify FILE", got "snapshot ${args.join(' ')}"; see --help`);
	} catch (error) {
		if (error instanceof Refusal || error instanceof ConfigError) {
			io.stderr.write(`etcdeck: ${error.message}\n`);
			return snapshotExitCodes.refused;
		}

		throw error;
	}
}

async function save(pathOperand: string | undefined, flags: SnapshotFlags, io: CommandIo): Promise<number> {
	if (flags.keep !== undefined && (!Number.isInteger(flags.keep) || flags.keep < 1)) {
		throw new Refusal(`--keep must be a whole number of at least 1, got ${String(flags.keep)}`);
	}

	if (pathOperand !== undefined && flags.snapshotDir !== undefined) {
		throw new Refusal('give either PATH or --snapshot-dir, not both');
	}

	const settings = resolveSettings(flags, io.env);
	const {clusterId, member} = await chooseSource(settings);
	const now = Date.now();
	const target = pathOperand === undefined
		? defaultSnapshotPath(resolveSnapshotDir(flags.snapshotDir, io.cwd), clusterId, now)
		: targetFromOperand(path.resolve(io.cwd, pathOperand), clusterId, now);

	const progressLine = io.stderr.isTTY === true;
	const controller = new AbortController();
	let interruptedBy: NodeJS.Signals | undefined;
	const interrupt = (signal: NodeJS.Signals) => {
		interruptedBy = signal;
		controller.abort();
	};

	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	let saved: SavedSnapshot;
	try {
		saved = await saveSnapshot({
			target,
			member,
			clusterId,
			connection: settings.connection,
			signal: controller.signal,
			onProgress: progressLine ? progress => io.stderr.write(`\r\u001B[Ksnapshot from ${member.name}: ${formatSnapshotProgress(progress)}`) : undefined,
		});
	} catch (error) {
		if (!(error instanceof SnapshotError)) {
			throw error;
		}

		io.stderr.write(`${progressLine ? '\r\u001B[K' : ''}etcdeck: ${error.message}\n`);
		// As a shell reports a command a signal ended: 128 plus the signal's number.
		return interruptedBy === undefined ? (error.kind === 'refused' ? snapshotExitCodes.refused : snapshotExitCodes.failed) : 128 + os.constants.signals[interruptedBy];
	} finally {
		process.removeListener('SIGINT', interrupt);
		process.removeListener('SIGTERM', interrupt);
	}

	if (progressLine) {
		io.stderr.write('\r\u001B[K');
	}

	io.stdout.write(savedReport(saved));
	return retain(saved, clusterId, flags.keep, io);
}

interface ChosenSource {
	clusterId: string;
	member: SnapshotMemberRef;
}

/** Looks at the cluster once and picks the member to stream from, as the dashboard's dialog would. */
async function chooseSource(settings: Settings): Promise<ChosenSource> {
	const service = new ClusterService(settings.connection);
	const snapshot = await service.refresh();
	service.close();
	const unreachable = nothingAnswers(snapshot);
	if (unreachable !== undefined) {
		throw new Refusal(`cannot reach the cluster:\n  ${unreachable.join('\n  ')}`);
	}

	const denied = statusDeniedReason(snapshot.probes);
	if (denied !== undefined) {
		throw new Refusal(`a snapshot ${rootRoleNeeded} (${denied})`);
	}

	if (snapshot.clusterId === undefined) {
		throw new Refusal(`cannot tell the cluster ID: ${snapshot.memberListError ?? 'no member answered'}`);
	}

	const source = defaultSnapshotSource(snapshot);
	const member = source === undefined ? undefined : snapshotMemberOf(source);
	if (member === undefined) {
		const reasons = snapshotSourceChoices(snapshot).map(choice => `${choice.name}: ${choice.unavailableReason ?? 'no client URL'}`);
		throw new Refusal(`no member can serve a snapshot:\n  ${reasons.join('\n  ')}`);
	}

	return {clusterId: snapshot.clusterId, member};
}

/** PATH is a file to create, or an existing directory to create the default name in. */
function targetFromOperand(resolved: string, clusterId: string, now: number): string {
	try {
		return statSync(resolved).isDirectory() ? path.join(resolved, defaultSnapshotFileName(clusterId, now)) : resolved;
	} catch {
		return resolved;
	}
}

async function retain(saved: SavedSnapshot, clusterId: string, keep: number | undefined, io: CommandIo): Promise<number> {
	if (keep === undefined) {
		return snapshotExitCodes.ok;
	}

	try {
		const removed = await applyRetention(saved.path, clusterId, keep);
		for (const file of removed) {
			io.stdout.write(`removed ${file} (--keep ${keep})\n`);
		}

		return snapshotExitCodes.ok;
	} catch (error) {
		if (!(error instanceof SnapshotError)) {
			throw error;
		}

		io.stderr.write(`etcdeck: the new snapshot is saved and verified, but ${error.message}\n`);
		return snapshotExitCodes.failed;
	}
}

function savedReport(saved: SavedSnapshot): string {
	const {manifest} = saved;
	return [
		`saved ${saved.path} (${formatBytes(manifest.sizeBytes)}) from ${manifest.member.name} (${manifest.member.endpoint}) of cluster ${manifest.clusterId}: complete and verified`,
		`  sha256 ${manifest.sha256}`,
		`  revision ${manifest.revision ?? 'unknown'}; ${describeStatusOutcome(saved.status)}`,
		`  manifest ${saved.manifestPath}`,
		'',
	].join('\n');
}

async function verify(fileOperand: string, io: CommandIo): Promise<number> {
	const file = path.resolve(io.cwd, fileOperand);
	let verification;
	try {
		verification = await verifySnapshot(file);
	} catch (error) {
		if (error instanceof SnapshotError) {
			throw new Refusal(error.message);
		}

		throw error;
	}

	const {check, manifest, problems} = verification;
	const lines = [
		`${file}: ${problems.length === 0 ? 'verified' : 'FAILED'}`,
		`  ${formatBytes(check.sizeBytes)}, sha256 ${check.sha256}; etcd's trailing hash ${check.problem === undefined ? 'matches' : 'FAILS'}`,
		manifest === undefined
			? `  no manifest (${path.basename(verification.manifestPath)}) beside it`
			: `  manifest: taken ${manifest.takenAt} from ${manifest.member.name} (${manifest.member.id}) of cluster ${manifest.clusterId}, revision ${manifest.revision ?? 'unknown'}, by etcdeck ${manifest.etcdeckVersion}`,
		`  ${describeStatusOutcome(verification.status)}`,
		'',
	];
	io.stdout.write(lines.join('\n'));
	if (problems.length > 0) {
		io.stderr.write(problems.map(problem => `etcdeck: ${file}: ${problem}\n`).join(''));
		return snapshotExitCodes.failed;
	}

	return snapshotExitCodes.ok;
}
