import {readFileSync} from 'node:fs';
import path from 'node:path';
import {waitFor} from '../../source/demo/wait-for.ts';
import {etcdeckBin} from './run-cli.ts';
import {chordFor, shellQuote, type TmuxTerminal} from './tmux.ts';

let launches = 0;

/** One etcdeck run typed into a terminal: its process ID and how to wait for its exit. */
export interface EtcdeckRun {
	/** The node process that is etcdeck itself (the subshell that wrote it exec'd into node). */
	pid: number;
	/** Waits until the shell reports the exit and returns the exit code. */
	exitCode: (timeoutMs?: number) => Promise<number>;
	/** A test's clean-up, whatever state it failed in: SIGTERM if still running, then the exit. */
	stop: () => Promise<void>;
}

/**
 * Types `etcdeck ARGS` into the terminal's shell the way an operator would, in a subshell that writes its
 * own PID to a file and then execs node, so the PID is etcdeck's (for /proc and signals). The shell
 * prints a marker with the exit code afterwards, unique to this run. `program` runs instead of the
 * sources through tsx: the installed command, whose launcher execs node in the same process.
 */
export async function launchEtcdeck(terminal: TmuxTerminal, args: readonly string[], pidDir: string, {program}: {program?: string} = {}): Promise<EtcdeckRun> {
	launches += 1;
	const run = launches;
	const pidFile = path.join(pidDir, `etcdeck-${run}.pid`);
	const marker = `etcdeck run ${run} exited with`;
	const command = `exec ${program === undefined ? `node ${shellQuote(etcdeckBin)}` : shellQuote(program)} ${args.map(word => shellQuote(word)).join(' ')}`;
	await terminal.type(`(echo $BASHPID > ${shellQuote(pidFile)}; ${command}); echo "${marker} $?"`);
	const pid = await waitFor('etcdeck to write its PID', () => {
		const text = readFileSync(pidFile, 'utf8').trim();
		return /^\d+$/.test(text) ? Number(text) : undefined;
	}, {timeoutMs: 10_000, intervalMs: 20});
	const exitCode = async (timeoutMs = 15_000) => {
		// The typed command line holds the marker too, followed by $? rather than a number.
		const exited = new RegExp(`${marker} (\\d+)`);
		const screen = await terminal.waitForScreen(`"${marker} N"`, text => exited.test(text), timeoutMs);
		return Number(exited.exec(screen)![1]);
	};

	return {
		pid,
		exitCode,
		stop: async () => {
			if (isRunning(pid)) {
				process.kill(pid, 'SIGTERM');
				await exitCode();
			}
		},
	};
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Resident memory of a process in KiB, from /proc/PID/status (VmRSS). */
export function residentKib(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(entry => entry.startsWith('VmRSS:'));
	const kib = line === undefined ? undefined : Number(/(\d+)\s*kB/.exec(line)?.[1]);
	if (kib === undefined || Number.isNaN(kib)) {
		throw new Error(`no VmRSS in /proc/${pid}/status`);
	}

	return kib;
}

/** Presses the select-next key until the row marked › is `name`'s (member rows keep their order on every member pane). */
export async function selectRow(terminal: TmuxTerminal, name: string, maxSteps = 6): Promise<void> {
	for (let step = 0; step < maxSteps; step++) {
		const screen = await terminal.screen();
		if (screen.split('\n').some(line => line.startsWith('› ') && line.includes(` ${name} `))) {
			return;
		}

		await terminal.press(chordFor('select-next'));
		await terminal.waitForScreen('the selection to move', next => next !== screen);
	}

	throw new Error(`could not select ${name}`);
}
