import path from 'node:path';
import {resolveSettingsAsking} from '../config/password-prompt.ts';
import {Refusal, reportRefusals, type CommandIo} from './command-io.ts';
import {drillExitCode, runDrill} from './drill-command.ts';
import {chooseSubcommand} from './subcommands.ts';
import {saveSnapshotCommand, type SnapshotFlags} from './snapshot-save-command.ts';
import {verifySnapshotCommand} from './snapshot-verify-command.ts';
import {snapshotExitCodes} from './snapshot-exit-codes.ts';

/** `etcdeck snapshot save [PATH]`, `snapshot verify FILE` and `snapshot drill FILE`; returns the exit code. */
export async function runSnapshotCommand(args: readonly string[], flags: SnapshotFlags, io: CommandIo): Promise<number> {
	return reportRefusals(io, snapshotExitCodes.refused, async () => {
		const chosen = chooseSubcommand('snapshot', args);
		if (!chosen.ok) {
			throw new Refusal(chosen.message, chosen.details);
		}

		const {name, operands} = chosen;
		if (flags.drill === true && name !== 'save') {
			throw new Refusal('--drill only applies to "snapshot save" (to drill a file: "snapshot drill FILE")');
		}

		switch (name) {
			case 'save': {
				return saveSnapshotCommand(operands[0], flags, io);
			}

			case 'verify': {
				return verifySnapshotCommand(operands[0]!, io);
			}

			case 'drill': {
				const credentials = (await resolveSettingsAsking(flags, io.env, io.terminal, {endpoints: 'optional'})).connection;
				return drillExitCode(await runDrill(path.resolve(io.cwd, operands[0]!), credentials, io));
			}
		}
	});
}
