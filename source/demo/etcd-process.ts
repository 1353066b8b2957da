import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync, existsSync, openSync, readFileSync} from 'node:fs';
import {etcdProgram} from './etcd-binaries.ts';
import type {LocalMember} from './local-cluster-types.ts';
import {StopWaiting} from './wait-for.ts';

const processesToReap = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of processesToReap) {
		child.kill('SIGKILL');
	}
});

/**
 * Spawns one etcd for `member`, logging to its log file, with `environment` over this process's own;
 * sets member.process (and member.spawnError should the spawn fail). Killed when this process exits.
 */
export function spawnEtcd(member: LocalMember, args: readonly string[], environment: Readonly<Record<string, string>> = {}): void {
	const log = openSync(member.logFile, 'a');
	const child = spawn(etcdProgram('etcd'), ['--logger', 'zap', '--log-outputs', 'stderr', ...args], {stdio: ['ignore', log, log], env: {...process.env, ...environment}});
	closeSync(log);
	// Without a listener, a failed spawn (no etcd at that path) would throw from an event.
	child.once('error', error => {
		member.spawnError = error;
	});
	processesToReap.add(child);
	child.once('exit', () => {
		processesToReap.delete(child);
	});
	member.process = child;
}

/** Sends `signal` and waits for the exit; SIGKILL after 5 s. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	// No pid: the spawn itself failed, and no 'exit' will ever come.
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			resolve();
		});
	});
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

/** Throws StopWaiting when a member's etcd could not start or has exited: waiting for it longer cannot help. */
export function assertMembersRunning(members: readonly LocalMember[]): void {
	for (const member of members) {
		if (member.spawnError !== undefined) {
			throw new StopWaiting(`cannot start etcd ${member.name} (${etcdProgram('etcd')}): ${member.spawnError.message}`);
		}

		if (member.process?.exitCode !== null && member.process?.exitCode !== undefined) {
			throw new StopWaiting(`etcd ${member.name} exited with code ${member.process.exitCode}: ${logTail(member.logFile)}`);
		}
	}
}

/** The last lines of a member's log, for an error saying why it exited. */
function logTail(file: string): string {
	if (!existsSync(file)) {
		return '(no log)';
	}

	return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
}
