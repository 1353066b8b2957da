import {statSync} from 'node:fs';
import path from 'node:path';
import {applyRetention} from '../backup/retention.ts';
import {saveSnapshot, type SavedSnapshot} from '../backup/save-snapshot.ts';
import {SnapshotError} from '../backup/snapshot-error.ts';
import {describeStatusOutcome} from '../backup/snapshot-status.ts';
import {ClusterService} from '../cluster/cluster-service.ts';
import type {SnapshotClusterRecord} from '../cluster/cluster-record.ts';
import type {SnapshotMemberRef} from '../backup/manifest.ts';
import {resolveKeyBrowsing} from '../config/key-browsing.ts';
import {resolveSettingsAsking} from '../config/password-prompt.ts';
import type {RawOptions} from '../config/resolve-settings.ts';
import type {Settings} from '../config/settings.ts';
import {nothingAnswers} from '../model/cluster/reachability.ts';
import {rootRoleNeeded, statusDeniedReason} from '../model/cluster/root-role.ts';
import {formatBytes, plural} from '../model/shared/format.ts';
import {safeText} from '../model/shared/safe-text.ts';
import {defaultSnapshotFileName, defaultSnapshotPath, resolveSnapshotDir} from '../model/snapshots/snapshot-files.ts';
import {formatSnapshotProgress} from '../model/snapshots/snapshot-progress.ts';
import {defaultSnapshotSource, snapshotMemberOf, snapshotSourceChoices} from '../model/snapshots/snapshot-source.ts';
import {Refusal, type CommandIo} from './command-io.ts';
import {drillExitCode, runDrill} from './drill-command.ts';
import {listenForInterrupts, signalExitCode} from './interrupts.ts';
import {clearInPlace, printInPlace, printLines} from './print.ts';
import {snapshotExitCodes} from './snapshot-exit-codes.ts';

/** The flags `etcdeck snapshot` reads, as meow parsed them. */
export interface SnapshotFlags extends RawOptions {
	snapshotDir?: string;
	keep?: number;
	/** With save: drill the new snapshot before --keep removes any older one. */
	drill?: boolean;
	/** What splits key levels for the manifest's key counts. */
	separator?: string;
}

/** `etcdeck snapshot save [PATH]`: stream, verify, put in place with its manifest, then --drill and --keep. */
export async function saveSnapshotCommand(pathOperand: string | undefined, flags: SnapshotFlags, io: CommandIo): Promise<number> {
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

