import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {stripVTControlCharacters} from 'node:util';
import {pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';
import {shellQuote} from '../support/tmux.ts';
import {FrameReader, FrameWatch, type Frame} from './frame-reader.ts';
import {childPidsOf} from './proc-stats.ts';

/** Enough of the previous chunk to find a marker that arrives split over two chunks. */
const carryChars = 64;

export interface PtyOptions {
	columns?: number;
	rows?: number;
	/** More terminal settings for stty before the program starts, e.g. `raw -echo`. */
	stty?: string;
	env?: Record<string, string>;
	cwd?: string;
}

/** Something printed, and when. */
interface Printed {
	at: number;
	text: string;
}

interface Waiter {
	check: (printed: Printed) => boolean;
	resolve: (at: number) => void;
	reject: (error: Error) => void;
}

/**
 * A program in a real pseudo-terminal made by util-linux `script`, with every byte of its output
 * timestamped as it arrives (performance.now()). Unlike polling a tmux pane, nothing is sampled: a
 * frame is seen the moment its last byte reaches us, so latencies are not rounded up to a poll period.
 * What remains is script's own relay (a pipe hop each way); bench-keystroke measures it.
 */
export class PtySession {
	static start(command: string, args: readonly string[], options: PtyOptions = {}): PtySession {
		const {columns = 100, rows = 30, stty = '', env = {}, cwd} = options;
		const line = `stty rows ${rows} cols ${columns} ${stty} && exec ${[command, ...args].map(shellQuote).join(' ')}`;
		const startedAt = performance.now();
		const child = spawn('script', ['-qfec', line, '/dev/null'], {env: {...terminalEnvironment(), ...env}, cwd, stdio: ['pipe', 'pipe', 'pipe']});
		return new PtySession(child, startedAt);
	}

	readonly frames = new FrameWatch(() => this.describe());
	/** Output without escape codes, kept until the first frame (for programs that print rather than draw). */
	plainOutput = '';
	readonly exited: Promise<number>;
	private readonly reader = new FrameReader();
	private readonly received: Buffer[] = [];
	private carry = '';
	private readonly rawWaiters = new Set<Waiter>();
	private readonly textWaiters = new Set<Waiter>();
	private stderr = '';
	private exitCode: number | undefined;

	private constructor(private readonly child: ChildProcessWithoutNullStreams, readonly startedAt: number) {
		child.stdout.on('data', (chunk: Buffer) => {
			this.received.push(chunk);
			this.receive(performance.now(), chunk.toString('utf8'));
		});
		child.stderr.on('data', (chunk: Buffer) => {
			this.stderr += chunk.toString('utf8');
		});
		this.exited = new Promise(resolve => {
			child.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal === null ? 1 : 128);
				const reason = `the program exited (${this.exitCode})`;
				this.frames.abandon(reason);
				for (const waiter of [...this.rawWaiters, ...this.textWaiters]) {
					waiter.reject(new Error(`${reason}\n${this.describe()}`));
				}

				resolve(this.exitCode);
			});
		});
	}

	/** The pid of `script`'s child: the program itself (the shell exec'd it). */
	programPid(): number {
		const pid = this.child.pid;
		const program = pid === undefined ? undefined : childPidsOf(pid)[0];
		if (program === undefined) {
			throw new Error(`the program under script has no process (script pid ${pid}): ${this.stderr}`);
		}

		return program;
	}

	/** Every byte the program wrote to the terminal so far, escape codes and all, as the pty passed them on. */
	output(): Buffer {
		return Buffer.concat(this.received);
	}

	/** Types bytes into the terminal; returns when they were handed to script. */
	press(bytes: string | Buffer): number {
		const at = performance.now();
		this.child.stdin.write(bytes);
		return at;
	}

	/** The first finished frame, after `after`, that `check` accepts. */
	async frame(what: string, check: (text: string) => boolean, options: {after?: number; timeoutMs?: number} = {}): Promise<Frame> {
		return this.frames.next(what, check, options);
	}

	/** When `marker` (raw, escape codes and all) first arrives after `after`. */
	async raw(what: string, marker: string, {after = 0, timeoutMs = 20_000} = {}): Promise<number> {
		return this.wait(what, this.rawWaiters, ({at, text}) => at > after && text.includes(marker), timeoutMs);
	}

	/** When the plain output as a whole first satisfies `check` (for programs that print lines). */
	async text(what: string, check: (text: string) => boolean, timeoutMs = 20_000): Promise<number> {
		if (check(this.plainOutput)) {
			return performance.now();
		}

		return this.wait(what, this.textWaiters, ({text}) => check(text), timeoutMs);
	}

	/** Ends the program (SIGTERM, then SIGKILL) and script with it. */
	async stop(): Promise<void> {
		if (this.exitCode !== undefined) {
			return;
		}

		let program: number | undefined;
		try {
			program = this.programPid();
		} catch {
			program = undefined;
		}

		if (program !== undefined) {
			signalQuietly(program, 'SIGTERM');
		}

		this.child.kill('SIGTERM');
		const timer = setTimeout(() => {
			if (program !== undefined) {
				signalQuietly(program, 'SIGKILL');
			}

			this.child.kill('SIGKILL');
		}, 3000);
		await this.exited;
		clearTimeout(timer);
	}

	/** What the terminal showed last, for error messages. */
	describe(): string {
		return `--- last frame ---\n${this.frames.lastFrame?.text ?? stripVTControlCharacters(this.plainOutput.slice(-2000))}\n--- stderr ---\n${this.stderr.slice(-2000)}`;
	}

	private receive(at: number, chunk: string): void {
		const withCarry = this.carry + chunk;
		this.carry = withCarry.slice(-carryChars);
		settle(this.rawWaiters, {at, text: withCarry});
		if (this.frames.frameCount === 0) {
			this.plainOutput += stripVTControlCharacters(chunk);
			settle(this.textWaiters, {at, text: this.plainOutput});
		}

		for (const frame of this.reader.feed(at, chunk)) {
			this.frames.add(frame);
		}
	}

	private async wait(what: string, waiters: Set<Waiter>, check: (printed: Printed) => boolean, timeoutMs: number): Promise<number> {
		if (this.exitCode !== undefined) {
			throw new Error(`the program had exited (${this.exitCode}) before ${what}\n${this.describe()}`);
		}

		return new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => {
				waiters.delete(waiter);
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.describe()}`));
			}, timeoutMs);
			const waiter: Waiter = {
				check,
				resolve: at => {
					clearTimeout(timer);
					resolve(at);
				},
				reject: error => {
					clearTimeout(timer);
					reject(error);
				},
			};
			waiters.add(waiter);
		});
	}
}

function settle(waiters: Set<Waiter>, printed: Printed): void {
	for (const waiter of waiters) {
		if (waiter.check(printed)) {
			waiters.delete(waiter);
			waiter.resolve(printed.at);
		}
	}
}

/**
 * The caller's environment without etcdctl's variables (a stray ETCDCTL_ENDPOINTS must not redirect a
 * run). CI markers stay: etcdeck draws with them set (source/load-dashboard-view.ts).
 */
export function terminalEnvironment(): Record<string, string> {
	const kept = Object.entries(process.env).filter(([name]) => !name.startsWith('ETCDCTL_'));
	// The etcd line's directory first: the etcdctl measured beside etcdeck is the cluster's own version.
	return {...Object.fromEntries(kept) as Record<string, string>, PATH: pathWithEtcdBinDir(), TERM: 'xterm-256color', ETCDCTL_API: '3'};
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// Already gone.
	}
}
