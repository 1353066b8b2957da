import {execFile, spawn, type ChildProcess} from 'node:child_process';

const running = new Set<ChildProcess>();

/** etcdctl's credential variables: ETCDCTL_USER may hold NAME:PASSWORD. */
const credentialVariables = new Set(['ETCDCTL_PASSWORD', 'ETCDCTL_USER']);

/**
 * The environment a child of etcdeck gets: the given one without etcdctl's credential variables and
 * without any variable holding one of `secrets` (the password etcdeck was given, wherever it came
 * from). journalctl and a --log-command (`ssh node2 …`) need no etcd credentials, and a command the
 * operator wrote should not be able to read them.
 */
export function childEnvironment(env: NodeJS.ProcessEnv, secrets: readonly string[] = []): NodeJS.ProcessEnv {
	const kept = Object.entries(env).filter(([name, value]) =>
		!credentialVariables.has(name) && !secrets.some(secret => secret !== '' && value?.includes(secret) === true));
	return Object.fromEntries(kept);
}
let reaperInstalled = false;

/** Ends a child and everything it started (it leads its own process group: `sh -c 'ssh … | grep …'`). */
export function endProcessGroup(child: ChildProcess): void {
	running.delete(child);
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		// Already gone, or never became a group leader: end the child alone.
		child.kill('SIGTERM');
	}
}

/**
 * Starts a long-running reader in a process group of its own. Whatever way etcdeck exits, the group is
 * ended with it: a `journalctl -f` left behind would wait for the next journal entry before noticing.
 */
export function spawnReader(command: string, args: readonly string[], env: NodeJS.ProcessEnv, secrets: readonly string[] = []): ChildProcess {
	if (!reaperInstalled) {
		reaperInstalled = true;
		process.once('exit', () => {
			for (const child of running) {
				endProcessGroup(child);
			}
		});
	}

	const child = spawn(command, args, {env: childEnvironment(env, secrets), detached: true, stdio: ['ignore', 'pipe', 'pipe']});
	running.add(child);
	child.once('close', () => running.delete(child));
	return child;
}

/** How a short command ended: its output, its exit code, or why it could not start. */
export interface ProbeResult {
	stdout: string;
	stderr: string;
	code: number | null;
	/** Set when the command never ran (ENOENT: not on PATH). */
	spawnError?: NodeJS.ErrnoException;
}

/** Runs a short command to its end; `cancel` ends it early. */
export function runProbe(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number, secrets: readonly string[] = []): {result: Promise<ProbeResult>; cancel: () => void} {
	let child: ChildProcess | undefined;
	const result = new Promise<ProbeResult>(resolve => {
		child = execFile(command, args, {env: childEnvironment(env, secrets), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			if (error !== null && typeof error.code === 'string' && !error.killed) {
				resolve({stdout, stderr, code: null, spawnError: error as NodeJS.ErrnoException});
				return;
			}

			const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
			const timedOut = error?.killed === true ? `\n(no answer within ${timeoutMs} ms)` : '';
			resolve({stdout, stderr: stderr + timedOut, code});
		});
	});
	return {
		result,
		cancel() {
			child?.kill('SIGTERM');
		},
	};
}
