import {statSync} from 'node:fs';
import path from 'node:path';
import {applyRetention} from '../backup/retention.ts';
import {saveSnapshot, type SavedSnapshot} from '../backup/save-snapshot.ts';
import {SnapshotError} from '../backup/snapshot-error.ts';
import {describeStatusOutcome} from '../backup/snapshot-status.ts';
import {verifySnapshot} from '../backup/verify-snapshot.ts';
import {ClusterService} from '../cluster/cluster-service.ts';
import {PromptCancelled, resolveSettingsAsking} from '../config/password-prompt.ts';
import type {RawOptions} from '../config/resolve-settings.ts';
import {ConfigError, type Settings} from '../config/settings.ts';
import type {CommandIo} from './command-io.ts';
import {resolveKeyBrowsing} from '../config/key-browsing.ts';
import {formatBytes, plural} from '../model/shared/format.ts';
import {safeText} from '../model/shared/safe-text.ts';
import type {SnapshotClusterRecord} from '../cluster/cluster-record.ts';
import {drillExitCode, runDrill} from './drill-command.ts';
import {listenForInterrupts, signalExitCode} from './interrupts.ts';
import {nothingAnswers} from '../model/cluster/reachability.ts';
import {defaultSnapshotFileName, defaultSnapshotPath, resolveSnapshotDir} from '../model/snapshots/snapshot-files.ts';
import {formatSnapshotProgress} from '../model/snapshots/snapshot-progress.ts';
import type {SnapshotMemberRef} from '../backup/manifest.ts';
import {defaultSnapshotSource, snapshotMemberOf, snapshotSourceChoices} from '../model/snapshots/snapshot-source.ts';
import {rootRoleNeeded, statusDeniedReason} from '../model/cluster/root-role.ts';
import {clearInPlace, printInPlace, printLines} from './print.ts';

/** The flags `etcdeck snapshot` reads, as meow parsed them. */
export interface SnapshotFlags extends RawOptions {
	snapshotDir?: string;
	keep?: number;
	/** With save: drill the new snapshot before --keep removes any older one. */
	drill?: boolean;
	/** What splits key levels for the manifest's key counts. */
	separator?: string;
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

/** Refused before anything was written: the message, and detail lines (one per member) shown under it. */
class Refusal extends Error {
	constructor(message: string, readonly details: readonly string[] = []) {
		super(message);
	}
}

/** `etcdeck snapshot save [PATH]`, `snapshot verify FILE` and `snapshot drill FILE`; returns the exit code. */
export async function runSnapshotCommand(args: readonly string[], flags: SnapshotFlags, io: CommandIo): Promise<number> {
	const [action, ...operands] = args;
	try {
		if (flags.drill === true && action !== 'save') {
			throw new Refusal('--drill only applies to "snapshot save" (to drill a file: "snapshot drill FILE")');
		}

		if (action === 'save' && operands.length <= 1) {
			return await save(operands[0], flags, io);
		}

		if (action === 'verify' && operands.length === 1) {
			return await verify(operands[0]!, io);
		}

		if (action === 'drill' && operands.length === 1) {
			const credentials = (await resolveSettingsAsking(flags, io.env, io.terminal, {endpoints: 'optional'})).connection;
			return drillExitCode(await runDrill(path.resolve(io.cwd, operands[0]!), credentials, io));
		}

		throw new Refusal(`expected "snapshot save [PATH]", "snapshot verify FILE" or "snapshot drill FILE", got "snapshot ${args.join(' ')}"; see --help`);
	} catch (error) {
		if (error instanceof PromptCancelled) {
			printLines(io.stderr, [`etcdeck: ${error.message}`]);
			return 130;
		}

		if (error instanceof Refusal || error instanceof ConfigError) {
			const details = error instanceof Refusal ? error.details : [];
			printLines(io.stderr, [`etcdeck: ${error.message}`, ...details.map(detail => `  ${detail}`)]);
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

	const settings = await resolveSettingsAsking(flags, io.env, io.terminal);
	io.onSettings?.(settings);
	const {clusterId, member} = await chooseSource(settings);
	const now = Date.now();
	const target = pathOperand === undefined
		? defaultSnapshotPath(resolveSnapshotDir(flags.snapshotDir, io.cwd), clusterId, now)
		: targetFromOperand(path.resolve(io.cwd, pathOperand), clusterId, now);

	const progressLine = io.stderr.isTTY === true;
	const interrupts = listenForInterrupts();
	let saved: SavedSnapshot;
	try {
		saved = await saveSnapshot({
			target,
			member,
			clusterId,
			connection: settings.connection,
			separator: resolveKeyBrowsing(flags).separator,
			signal: interrupts.signal,
			onProgress: progressLine ? progress => {
				printInPlace(io.stderr, `snapshot from ${member.name}: ${formatSnapshotProgress(progress)}`);
			} : undefined,
		});
	} catch (error) {
		if (!(error instanceof SnapshotError)) {
			throw error;
		}

		if (progressLine) {
			clearInPlace(io.stderr);
		}

		printLines(io.stderr, [`etcdeck: ${error.message}`]);
		return interrupts.by === undefined ? (error.kind === 'refused' ? snapshotExitCodes.refused : snapshotExitCodes.failed) : signalExitCode(interrupts.by);
	} finally {
		interrupts.release();
	}

	if (progressLine) {
		clearInPlace(io.stderr);
	}

	printLines(io.stdout, savedReport(saved));
	if (flags.drill === true) {
		const run = await runDrill(saved.path, settings.connection, io);
		if (run.result.outcome !== 'passed' || run.interruptedBy !== undefined) {
			if (flags.keep !== undefined) {
				printLines(io.stderr, [`etcdeck: --keep ${flags.keep} skipped: the new snapshot did not pass its drill, so no older one is removed`]);
			}

			return drillExitCode(run);
		}
	}

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
		throw new Refusal('cannot reach the cluster:', unreachable);
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
		throw new Refusal('no member can serve a snapshot:', reasons);
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
			printLines(io.stdout, [`removed ${file} (--keep ${keep})`]);
		}

		return snapshotExitCodes.ok;
	} catch (error) {
		if (!(error instanceof SnapshotError)) {
			throw error;
		}

		printLines(io.stderr, [`etcdeck: the new snapshot is saved and verified, but ${error.message}`]);
		return snapshotExitCodes.failed;
	}
}

function savedReport(saved: SavedSnapshot): string[] {
	const {manifest} = saved;
	return [
		`saved ${saved.path} (${formatBytes(manifest.sizeBytes)}) from ${safeText(manifest.member.name)} (${manifest.member.endpoint}) of cluster ${manifest.clusterId}: complete and verified`,
		`  sha256 ${manifest.sha256}`,
		`  revision ${manifest.revision ?? 'unknown'}; ${describeStatusOutcome(saved.status)}`,
		`  manifest ${saved.manifestPath}`,
		...(manifest.cluster === undefined ? [] : recordLines(manifest.cluster)),
	];
}

/** What the manifest recorded for a restore: "recorded 3 members (etcd 3.5.30) and 20,000 keys in 12 prefixes". */
function recordLines(cluster: SnapshotClusterRecord): string[] {
	const members = cluster.members === null ? undefined : plural(cluster.members.length, 'member');
	const keys = cluster.keyCounts === null ? undefined : `${plural(cluster.keyCounts.totalKeys, 'key')} in ${plural(cluster.keyCounts.prefixes.length, 'prefix', 'prefixes')} under ${cluster.keyCounts.root === '' ? '(the top)' : cluster.keyCounts.root}`;
	const recorded = [members, cluster.etcdVersion === null ? undefined : `etcd ${cluster.etcdVersion}`, keys].filter(part => part !== undefined);
	return [
		...(recorded.length === 0 ? [] : [`  recorded for a restore: ${recorded.join(', ')}`]),
		...cluster.gaps.map(gap => `  not recorded: ${safeText(gap)}`),
	];
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
	];
	printLines(io.stdout, lines);
	if (problems.length > 0) {
		printLines(io.stderr, problems.map(problem => `etcdeck: ${file}: ${problem}`));
		return snapshotExitCodes.failed;
	}

	return snapshotExitCodes.ok;
}
