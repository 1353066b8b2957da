import type {MemberInfo} from '../cluster/cluster-reading.ts';
import type {LogSettings} from './log-settings.ts';
import {TailRun, type LogBatch, type LogListener, type LogOrigin, type LogSourceOptions} from './log-source.ts';

/** One tail to run, as the model plans them from the member list (model/logs/log-template.ts). */
export interface PlannedTail {
	/** Stable for the life of the dashboard: the member's ID, `journal`, `command`. */
	key: string;
	member: string | undefined;
	/** sh -c COMMAND; undefined: journalctl as the log flags say. */
	command: string | undefined;
}

export interface ClusterLogSourceOptions extends LogSourceOptions {
	/** Which tails the members need; called again whenever the member list changes. */
	plan: (members: readonly MemberInfo[]) => PlannedTail[];
}

interface Running {
	run: TailRun;
	origin: LogOrigin;
	pending: string[];
	skipped: number;
}

/** How long a tail's lines wait before they join the next delivery of every tail's. */
const tailBatchMs = 20;

/**
 * A tail per member (a --log-command template, e.g. `ssh {host} journalctl -u etcd -f -o json`), or
 * the journal: each its own process group, ended by stop() or when etcdeck exits. Members that join
 * later get their tail when setMembers() hears of them; a tail whose command changes (a member that
 * started and published its name) is started again. A tail that fails reports it under its own origin
 * and the others go on. Lines of every tail are delivered together at most every `batchMs`, and no
 * tail holds more than the pane keeps (--log-lines) between two deliveries: a flood beyond that is
 * skipped and counted, so it cannot hold up the others or the keyboard.
 */
export class ClusterLogSource {
	private readonly running = new Map<string, Running>();
	private members: readonly MemberInfo[] = [];
	private listener: LogListener | undefined;
	private timer: NodeJS.Timeout | undefined;
	private readonly batchMs: number;

	constructor(private readonly settings: LogSettings, private readonly options: ClusterLogSourceOptions) {
		this.batchMs = options.batchMs ?? 100;
	}

	start(listener: LogListener): void {
		this.stop();
		this.listener = listener;
		this.apply();
	}

	/** The member list as the latest reading has it. */
	setMembers(members: readonly MemberInfo[]): void {
		this.members = members;
		if (this.listener !== undefined) {
			this.apply();
		}
	}

	stop(): void {
		this.listener = undefined;
		clearTimeout(this.timer);
		this.timer = undefined;
		for (const tail of this.running.values()) {
			tail.run.stop();
		}

		this.running.clear();
	}

	/** The tails running now, by key: what tests and the pane's status ask. */
	runningTails(): Array<{key: string; member: string | undefined; command: string | undefined}> {
		return [...this.running.entries()].map(([key, tail]) => ({key, member: tail.origin.member, command: tail.run.command}));
	}

	private apply(): void {
		for (const plan of this.options.plan(this.members)) {
			const current = this.running.get(plan.key);
			if (current !== undefined && current.run.command === plan.command) {
				current.origin.member = plan.member ?? current.origin.member;
				continue;
			}

			// A member's tail stays while etcdeck runs, even once it is removed: its last lines
			// ("the member has been permanently removed") are what the operator looks for.
			current?.run.stop();
			this.begin(plan);
		}
	}

	private begin(plan: PlannedTail): void {
		const origin: LogOrigin = {key: plan.key, member: plan.member};
		const tail: Running = {origin, pending: [], skipped: 0, run: undefined as unknown as TailRun};
		tail.run = new TailRun(this.settings, plan.command, {...this.options, batchMs: tailBatchMs}, {
			lines: lines => {
				this.take(tail, lines);
			},
			status: status => {
				if (this.running.get(plan.key) === tail) {
					this.listener?.onStatus(status, {...tail.origin});
				}
			},
		});
		this.running.set(plan.key, tail);
		tail.run.start();
	}

	private take(tail: Running, lines: string[]): void {
		if (this.running.get(tail.origin.key) !== tail) {
			return;
		}

		// A flood can hand over more lines than a spread may pass as arguments: keep only what the budget can hold.
		const kept = lines.length > this.settings.lines ? lines.slice(lines.length - this.settings.lines) : lines;
		tail.skipped += lines.length - kept.length;
		for (const line of kept) {
			tail.pending.push(line);
		}

		const over = tail.pending.length - this.settings.lines;
		if (over > 0) {
			tail.pending.splice(0, over);
			tail.skipped += over;
		}

		this.timer ??= setTimeout(() => {
			this.flush();
		}, this.batchMs);
	}

	private flush(): void {
		this.timer = undefined;
		const listener = this.listener;
		if (listener === undefined) {
			return;
		}

		const batches: LogBatch[] = [];
		for (const tail of this.running.values()) {
			if (tail.pending.length > 0 || tail.skipped > 0) {
				batches.push({origin: {...tail.origin}, lines: tail.pending, skipped: tail.skipped});
				tail.pending = [];
				tail.skipped = 0;
			}
		}

		if (listener.onBatches === undefined) {
			for (const batch of batches) {
				listener.onLines(batch.lines, batch.origin);
			}
		} else if (batches.length > 0) {
			listener.onBatches(batches);
		}
	}
}
