import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {etcdeckVersion} from '../backup/etcdeck-version.ts';
import {buildRestorePlan, restoreUnits, type MemberSpec, type RestoreUnit} from '../model/snapshots/restore-plan.ts';
import {planScript, planText} from '../model/snapshots/restore-plan-render.ts';
import {Refusal, reportRefusals, type CommandIo} from './command-io.ts';
import {printLaidOut, printLines} from './print.ts';
import {verificationOf} from './snapshot-verify-command.ts';

/** The flags only `etcdeck restore-plan` reads, as meow names them, with the flag the operator typed. */
export const restorePlanFlags = {
	members: '--members',
	clientUrls: '--client-urls',
	dataDir: '--data-dir',
	token: '--token',
	unit: '--unit',
	owner: '--owner',
	format: '--format',
	etcdVersion: '--etcd-version',
} as const;

export type RestorePlanFlags = Partial<Record<keyof typeof restorePlanFlags, string>> & {keep?: number; drill?: boolean};

/** Exit codes of `etcdeck restore-plan`, as the help text lists them. */
export const restorePlanExitCodes = {printed: 0, snapshotFailed: 1, refused: 2} as const;

/** The restore-plan flag given to another command, to refuse it by name; undefined when there is none. */
export function misplacedRestorePlanFlag(flags: Record<string, unknown>): string | undefined {
	const given = (Object.keys(restorePlanFlags) as Array<keyof typeof restorePlanFlags>).find(name => flags[name] !== undefined);
	return given === undefined ? undefined : restorePlanFlags[given];
}

/**
 * `etcdeck restore-plan SNAPSHOT`: verifies the snapshot, then prints every member's restore steps
 * and the checks after them (text, or an sh script). Needs no cluster: a copied snapshot and its
 * manifest are enough.
 */
export async function runRestorePlanCommand(args: readonly string[], flags: RestorePlanFlags, io: CommandIo): Promise<number> {
	return reportRefusals(io, restorePlanExitCodes.refused, async () => plan(args, flags, io));
}

async function plan(args: readonly string[], flags: RestorePlanFlags, io: CommandIo): Promise<number> {
	if (args.length !== 1) {
		throw new Refusal(`expected "restore-plan SNAPSHOT", got "restore-plan ${args.join(' ')}"; see --help`);
	}

	if (flags.keep !== undefined || flags.drill === true) {
		throw new Refusal(`${flags.keep === undefined ? '--drill' : '--keep'} only applies to "etcdeck snapshot save"`);
	}

	const format = flags.format ?? 'text';
	if (format !== 'text' && format !== 'sh') {
		throw new Refusal(`--format must be text or sh, got ${JSON.stringify(format)}`);
	}

	const unit = (flags.unit ?? 'etcd') as RestoreUnit;
	if (!restoreUnits.includes(unit)) {
		throw new Refusal(`--unit must be ${restoreUnits.join(', ')}, got ${JSON.stringify(flags.unit)}`);
	}

	const members = flags.members === undefined ? undefined : parseNamedUrls(flags.members, '--members').map(([name, peerUrl]): MemberSpec => ({name, peerUrl}));
	const clientUrls = new Map<string, string>();
	for (const [name, url] of flags.clientUrls === undefined ? [] : parseNamedUrls(flags.clientUrls, '--client-urls')) {
		if (clientUrls.has(name)) {
			throw new Refusal(`--client-urls names ${name} twice`);
		}

		clientUrls.set(name, url);
	}

	const file = path.resolve(io.cwd, args[0]!);
	const verification = await verificationOf(file);

	if (verification.problems.length > 0) {
		printLines(io.stderr, [
			`etcdeck: no restore plan: ${file} does not verify:`,
			...verification.problems.map(problem => `  ${problem}`),
		]);
		return restorePlanExitCodes.snapshotFailed;
	}

	const now = Date.now();
	const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');
	const token = flags.token ?? `restored-${stamp.slice(0, 8)}-${randomBytes(2).toString('hex')}`;
	const outcome = buildRestorePlan({
		snapshotPath: file,
		sha256: verification.check.sha256,
		manifest: verification.manifest,
		members,
		clientUrls,
		dataDir: flags.dataDir,
		token,
		tokenGenerated: flags.token === undefined,
		unit,
		owner: flags.owner ?? 'etcd:etcd',
		etcdVersion: flags.etcdVersion,
		stamp,
	});
	if (!outcome.ok) {
		throw new Refusal('no restore plan:', outcome.problems);
	}

	// Laid out by the plan itself (a script's tabs included); the names in it were escaped as it was drawn.
	printLaidOut(io.stdout, format === 'sh' ? planScript(outcome.plan, `etcdeck ${etcdeckVersion()} at ${new Date(now).toISOString()}`) : planText(outcome.plan));
	// Said on stderr too, so a script redirected to a file still shows them.
	if (format === 'sh') {
		for (const warning of outcome.plan.warnings) {
			printLines(io.stderr, [`etcdeck: warning: ${warning}`]);
		}
	}

	return restorePlanExitCodes.printed;
}

/** "NAME=URL,NAME=URL" → pairs, refusing an entry without both parts. */
function parseNamedUrls(text: string, flag: string): Array<[string, string]> {
	return text.split(',').map(entry => {
		const at = entry.indexOf('=');
		const name = at < 0 ? '' : entry.slice(0, at).trim();
		const url = at < 0 ? '' : entry.slice(at + 1).trim();
		if (name === '' || url === '') {
			throw new Refusal(`${flag}: ${JSON.stringify(entry)} is not NAME=URL (e.g. ${flag} etcd-1=https://10.0.0.1:${flag === '--members' ? '2380' : '2379'},etcd-2=…)`);
		}

		return [name, url];
	});
}
