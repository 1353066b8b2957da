import path from 'node:path';
import {SnapshotError} from '../backup/snapshot-error.ts';
import {describeStatusOutcome} from '../backup/snapshot-status.ts';
import {verifySnapshot} from '../backup/verify-snapshot.ts';
import {formatBytes} from '../model/shared/format.ts';
import {Refusal, type CommandIo} from './command-io.ts';
import {printLines} from './print.ts';
import {snapshotExitCodes} from './snapshot-exit-codes.ts';

/** What verifying `file` found; a file that cannot be read at all is a refusal (exit 2), not a failed check. */
export async function verificationOf(file: string): Promise<Awaited<ReturnType<typeof verifySnapshot>>> {
	try {
		return await verifySnapshot(file);
	} catch (error) {
		if (error instanceof SnapshotError) {
			throw new Refusal(error.message);
		}

		throw error;
	}
}

/** `etcdeck snapshot verify FILE`: the file's trailing hash, its manifest and etcd's status of it. */
export async function verifySnapshotCommand(fileOperand: string, io: CommandIo): Promise<number> {
	const file = path.resolve(io.cwd, fileOperand);
	const verification = await verificationOf(file);

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
