import {MaintenanceService} from '../cluster/maintenance/maintenance-service.ts';
import {runMaintenance} from '../maintenance/maintenance-jobs.ts';
import {resolveSettingsAsking} from '../config/password-prompt.ts';
import type {RawOptions} from '../config/resolve-settings.ts';
import {defaults} from '../config/settings.ts';
import {lagWarningEntries} from '../model/cluster/cluster-summary.ts';
import {defaultDefragRule} from '../model/maintenance/defrag-plan.ts';
import {maintenanceExitCode, maintenanceExitCodes, type MaintenanceEvent, type MaintenanceRequest} from '../model/maintenance/maintenance-events.ts';
import {eventLines} from '../model/maintenance/maintenance-job.ts';
import {listenForInterrupts, signalExitCode} from './interrupts.ts';
import {printLines} from './print.ts';
import {Refusal, reportRefusals, type CommandIo} from './command-io.ts';

export type MaintenanceCommand = 'defrag' | 'recover-space' | 'check';

export const maintenanceCommands: readonly MaintenanceCommand[] = ['defrag', 'recover-space', 'check'];

/** The flags the maintenance commands read, as meow parsed them. */
export interface MaintenanceFlags extends RawOptions {
	dryRun?: boolean;
	compact?: boolean;
	all?: boolean;
	moveLeader?: boolean;
	keepRevisions?: number;
}

/** Each maintenance flag, as the operator types it, and the commands it applies to (undefined: the dashboard). */
const flagScopes = {
	dryRun: {flag: '--dry-run', commands: ['defrag']},
	compact: {flag: '--compact', commands: ['defrag']},
	all: {flag: '--all', commands: ['defrag']},
	moveLeader: {flag: '--move-leader', commands: ['defrag', 'recover-space']},
	keepRevisions: {flag: '--keep-revisions', commands: ['defrag', undefined]},
} as const satisfies Record<string, {flag: string; commands: ReadonlyArray<MaintenanceCommand | undefined>}>;

/**
 * A maintenance flag given where it does not apply, as a refusal ("--all only applies to …"), or
 * undefined. `command` is the command typed (undefined: the dashboard).
 */
export function misplacedMaintenanceFlag(command: string | undefined, flags: MaintenanceFlags): string | undefined {
	for (const [name, scope] of Object.entries(flagScopes)) {
		const value = flags[name as keyof typeof flagScopes];
		const allowed = scope.commands as ReadonlyArray<string | undefined>;
		if (value !== undefined && value !== false && !allowed.includes(command)) {
			const where = allowed.map(each => (each === undefined ? 'the dashboard' : `"etcdeck ${each}"`)).join(' and ');
			return `${scope.flag} only applies to ${where}`;
		}
	}

	return undefined;
}

/** --keep-revisions, else its default; or why the value given is no count of revisions. */
export function keepRevisionsOf(flags: Pick<MaintenanceFlags, 'keepRevisions'>): number | string {
	const keepRevisions = flags.keepRevisions ?? defaults.keepRevisions;
	return Number.isInteger(keepRevisions) && keepRevisions >= 0 ? keepRevisions : `--keep-revisions must be a whole number of at least 0, got ${String(flags.keepRevisions)}`;
}

/**
 * `etcdeck defrag [--dry-run] [--compact] [--all] [--move-leader]`, `etcdeck recover-space` and
 * `etcdeck check`: the dashboard's maintenance flows without a prompt (the command is the decision),
 * a line a step on stdout, and the exit code: 0 done or consistent, 1 a step failed or the members
 * differ, 2 refused before anything changed.
 */
export async function runMaintenanceCommand(command: MaintenanceCommand, args: readonly string[], flags: MaintenanceFlags, io: CommandIo): Promise<number> {
	return reportRefusals(io, maintenanceExitCodes.refused, async () => {
		if (args.length > 0) {
			throw new Refusal(`"etcdeck ${command}" takes no operands, got "${args.join(' ')}"; see --help`);
		}

		const keepRevisions = keepRevisionsOf(flags);
		if (typeof keepRevisions === 'string') {
			throw new Refusal(keepRevisions);
		}

		if (flags.compact !== true && flags.keepRevisions !== undefined) {
			throw new Refusal('--keep-revisions only applies with --compact');
		}

		const settings = await resolveSettingsAsking(flags, io.env, io.terminal);
		io.onSettings?.(settings);
		const request = requestFor(command, flags);
		const service = new MaintenanceService(settings.connection);
		const interrupts = listenForInterrupts();
		try {
			const end = await runMaintenance(service, request, {keepRevisions, maxLagEntries: lagWarningEntries, quotaBytes: settings.quotaBytes}, event => {
				printEvent(io, event);
			}, interrupts.signal);
			return interrupts.by !== undefined && end.outcome === 'cancelled' ? signalExitCode(interrupts.by) : maintenanceExitCode(end.outcome);
		} finally {
			interrupts.release();
			service.close();
		}
	});
}

function requestFor(command: MaintenanceCommand, flags: MaintenanceFlags): MaintenanceRequest {
	switch (command) {
		case 'defrag': {
			return {kind: 'defrag', rule: {...defaultDefragRule, all: flags.all === true}, dryRun: flags.dryRun === true, compact: flags.compact === true, moveLeader: flags.moveLeader === true};
		}

		case 'recover-space': {
			return {kind: 'recover-space', moveLeader: flags.moveLeader === true};
		}

		case 'check': {
			return {kind: 'check'};
		}
	}
}

/** A step's lines with the UTC time, for a cron job's mail; how the job ended goes to stderr when it did not succeed. */
function printEvent(io: CommandIo, event: MaintenanceEvent): void {
	const stamp = new Date(event.at).toISOString().slice(0, 19) + 'Z';
	const lines = eventLines(event).map(line => `${stamp} ${line}`);
	if (event.type === 'done' && event.outcome !== 'done') {
		printLines(io.stderr, [`etcdeck: ${event.outcome}: ${event.message}`]);
		return;
	}

	if (lines.length > 0) {
		printLines(io.stdout, lines);
	}
}
