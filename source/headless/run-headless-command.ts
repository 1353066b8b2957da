import type {CommandIo} from './command-io.ts';
import {maintenanceCommands, runMaintenanceCommand, type MaintenanceCommand, type MaintenanceFlags} from './maintenance-command.ts';
import {runMemberCommand, type MemberFlags} from './member-command.ts';
import {runRestorePlanCommand, type RestorePlanFlags} from './restore-plan-command.ts';
import {runSnapshotCommand} from './snapshot-command.ts';
import type {SnapshotFlags} from './snapshot-save-command.ts';

/**
 * Runs `command` when it is one of the headless commands that act on a cluster or a snapshot
 * (defrag, recover-space, check, snapshot, member, restore-plan) and gives its exit code; undefined
 * for any other command. `io` is asked for only then.
 */
export async function runHeadlessCommand(command: string | undefined, rest: readonly string[], flags: MaintenanceFlags & SnapshotFlags & MemberFlags & RestorePlanFlags, io: () => CommandIo): Promise<number | undefined> {
	if (maintenanceCommands.includes(command as MaintenanceCommand)) {
		return runMaintenanceCommand(command as MaintenanceCommand, rest, flags, io());
	}

	if (command === 'snapshot') {
		return runSnapshotCommand(rest, flags, io());
	}

	if (command === 'member') {
		return runMemberCommand(rest, flags, io());
	}

	if (command === 'restore-plan') {
		const {stdout, stderr, env, cwd} = io();
		return runRestorePlanCommand(rest, flags, {stdout, stderr, env, cwd});
	}

	return undefined;
}
