import type {ChildProcess} from 'node:child_process';
import {endProcessGroup, runProbe, spawnReader, type ProbeResult} from './child-processes.ts';
import {journalctlArgs, type JournalSelection} from './journalctl-args.ts';
import {LineBatcher} from './line-batcher.ts';
import {defaultLogUnits, journalBacklogLines, type LogSettings} from './log-settings.ts';
import {classifyJournalctlStderr, logStatus, stderrSummary, type LogSourceStatus, type TailDescription} from './log-status.ts';

/** Which tail lines or a state came from, when there are several: a member's, or the journal. */
export interface LogOrigin {
	key: string;
	/** The member the tail is for. */
	member?: string | undefined;
}

/** One tail's lines of one delivery. */
export interface LogBatch {
	origin: LogOrigin;
	lines: string[];
	/** Lines the tail dropped before this delivery: more came than the pane keeps. */
	skipped: number;
}

/** Where the lines and the state of the tail go. None is called after stop(). */
export interface LogListener {
	onLines: (lines: string[], origin?: LogOrigin) => void;
	onStatus: (status: LogSourceStatus, origin?: LogOrigin) => void;
	/** Several tails' lines at once, so they cost one render; without it, onLines for each. */
	onBatches?: (batches: LogBatch[]) => void;
}

export interface LogSourceOptions {
	/** Longest a line waits before delivery, and shortest time between two deliveries. */
	batchMs?: number;
	/** The environment of journalctl or the log command (PATH decides which journalctl); credentials are taken out of it. */
	env?: NodeJS.ProcessEnv;
	/** What no child may see in its environment (the password in use). */
	secrets?: readonly string[];
	/** Deadline of each look into the journal before following it. */
	probeTimeoutMs?: number;
}

const stderrKeptChars = 8192;

/**
 * Tails etcd's log: `journalctl -u UNIT -f -o json` (after looking which unit has entries and whether
 * the journal can be read at all), or a --log-command. Delivers raw lines in batches and reports every
 * state the operator must act on. stop() ends the process and everything it started; start() again
 * begins afresh.
 */
export class LogSource {
	private current: TailRun | undefined;

	constructor(private readonly settings: LogSettings, private readonly options: LogSourceOptions = {}) {}

	start(listener: LogListener): void {
		this.current?.stop();
		this.current = new TailRun(this.settings, this.settings.logCommand, this.options, {
			lines(lines) {
				listener.onLines(lines);
			},
			status(status) {
				listener.onStatus(status);
			},
		});
		this.current.start();
	}

	stop(): void {
		this.current?.stop();
		this.current = undefined;
	}
}

/** Where one tail's lines and states go. */
export interface TailSink {
	lines: (lines: string[]) => void;
	status: (status: LogSourceStatus) => void;
}

/**
 * One start-to-stop of a tail: `command` run with sh -c, or (undefined) journalctl as the log flags
 * say. Once stopped it reports nothing more.
 */
export class TailRun {
	private readonly tail: TailDescription;
	private readonly env: NodeJS.ProcessEnv;
	private readonly secrets: readonly string[];
	private readonly batchMs: number;
	private readonly probeTimeoutMs: number;
	private child: ChildProcess | undefined;
	private batcher: LineBatcher | undefined;
	private cancelProbe: (() => void) | undefined;
	private status: LogSourceStatus | undefined;
	private stopped = false;

	constructor(private readonly settings: LogSettings, readonly command: string | undefined, options: LogSourceOptions, private readonly sink: TailSink) {
		this.tail = command === undefined
			? {units: settings.units, journalDir: settings.journalDir, journalFile: settings.journalFile}
			: {command, units: []};
		this.env = options.env ?? process.env;
		this.secrets = options.secrets ?? [];
		this.batchMs = options.batchMs ?? 100;
		this.probeTimeoutMs = options.probeTimeoutMs ?? 15_000;
	}

	start(): void {
		this.report(logStatus.starting(this.tail));
		if (this.command === undefined) {
			void this.startJournal();
		} else {
			this.follow('/bin/sh', ['-c', this.command]);
		}
	}

	stop(): void {
		this.stopped = true;
		this.cancelProbe?.();
		this.batcher?.close();
		if (this.child !== undefined) {
			endProcessGroup(this.child);
		}
	}

	private async startJournal(): Promise<void> {
		const selection: JournalSelection = {journalDir: this.settings.journalDir, journalFile: this.settings.journalFile};
		const whole = await this.probe(journalctlArgs(selection, [], {follow: false, lines: 1}));
		if (whole === undefined) {
			return;
		}

		if (whole.spawnError !== undefined) {
			this.report(whole.spawnError.code === 'ENOENT' ? logStatus.journalctlMissing() : logStatus.failed(this.tail, whole.spawnError.message));
			return;
		}

		const sign = classifyJournalctlStderr(whole.stderr);
		const detail = stderrSummary(whole.stderr);
		if (whole.code !== 0) {
			this.report(sign === 'permission-denied' ? logStatus.permissionDenied(this.tail, detail) : sign === 'no-journal' ? logStatus.noJournal(this.tail, detail) : logStatus.exited(this.tail, whole.code, null, detail));
			return;
		}

		const journalEmpty = whole.stdout.trim() === '';
		const candidates = this.settings.units.length > 0 ? this.settings.units : defaultLogUnits;
		const withEntries: string[] = [];
		for (const unit of journalEmpty ? [] : candidates) {
			// One at a time: the answer for etcd decides nothing about dh-etcd, but two cores are shared.
			const probe = await this.probe(journalctlArgs(selection, [unit], {follow: false, lines: 1}));
			if (probe === undefined) {
				return;
			}

			if (probe.stdout.trim() !== '') {
				withEntries.push(unit);
			}
		}

		// A user outside the systemd-journal group sees only their own entries, and journalctl says so on stderr.
		if (withEntries.length === 0 && sign === 'permission-denied') {
			this.report(logStatus.permissionDenied(this.tail, detail));
			return;
		}

		const units = this.settings.units.length > 0 || withEntries.length === 0 ? candidates : withEntries;
		this.tail.units = units;
		this.report(journalEmpty ? logStatus.emptyJournal(this.tail) : withEntries.length === 0 ? logStatus.noEntries(this.tail) : logStatus.streaming(this.tail));
		this.follow('journalctl', journalctlArgs(selection, units, {follow: true, lines: Math.min(journalBacklogLines, this.settings.lines)}));
	}

	private async probe(args: string[]): Promise<ProbeResult | undefined> {
		if (this.stopped) {
			return undefined;
		}

		const {result, cancel} = runProbe('journalctl', args, this.env, this.probeTimeoutMs, this.secrets);
		this.cancelProbe = cancel;
		const outcome = await result;
		this.cancelProbe = undefined;
		return this.stopped ? undefined : outcome;
	}

	private follow(command: string, args: string[]): void {
		if (this.stopped) {
			return;
		}

		const isJournal = this.command === undefined;
		const batcher = new LineBatcher(this.batchMs, lines => {
			if (this.status?.state !== 'streaming') {
				this.report(logStatus.streaming(this.tail));
			}

			this.sink.lines(lines);
		});
		this.batcher = batcher;
		const child = spawnReader(command, args, this.env, this.secrets);
		this.child = child;
		let stderr = '';
		let ended = false;
		child.stdout?.setEncoding('utf8');
		child.stderr?.setEncoding('utf8');
		child.stdout?.on('data', (chunk: string) => {
			batcher.write(chunk);
		});
		child.stderr?.on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-stderrKeptChars);
		});
		child.once('error', error => {
			ended = true;
			if (!this.stopped) {
				const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
				this.report(missing && isJournal ? logStatus.journalctlMissing() : logStatus.failed(this.tail, error.message));
			}
		});
		child.once('close', (code, signal) => {
			if (ended || this.stopped) {
				return;
			}

			ended = true;
			batcher.end();
			const sign = isJournal ? classifyJournalctlStderr(stderr) : undefined;
			const detail = stderrSummary(stderr);
			this.report(sign === 'permission-denied' ? logStatus.permissionDenied(this.tail, detail) : sign === 'no-journal' ? logStatus.noJournal(this.tail, detail) : logStatus.exited(this.tail, code, signal, detail));
		});
	}

	private report(status: LogSourceStatus): void {
		if (this.stopped) {
			return;
		}

		this.status = status;
		this.sink.status(status);
	}
}
