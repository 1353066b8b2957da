import {Etcd3} from 'etcd3';

export interface KeyWriterOptions {
	/** Keys are PREFIX0, PREFIX1, … */
	prefix?: string;
	/** Pause between two puts. */
	intervalMs?: number;
	/** Deadline of each put. */
	timeoutMs?: number;
	/** Values of this many bytes instead of the time of the put: enough traffic to fill a stream to a hung peer. */
	valueBytes?: number;
	auth?: {username: string; password: string};
}

/**
 * A client that keeps putting keys, one at a time, until stopped: the load of a live cluster while
 * a test breaks it. Puts that fail (a member down, quorum lost) are counted, not thrown; etcd3's own
 * retries and circuit breaker move the writes to members that answer.
 */
export class KeyWriter {
	static start(endpoints: readonly string[], options: KeyWriterOptions = {}): KeyWriter {
		const writer = new KeyWriter(endpoints, options);
		writer.loop = writer.run();
		return writer;
	}

	written = 0;
	failed = 0;
	private stopped = false;
	private loop: Promise<void> = Promise.resolve();
	private readonly client: Etcd3;

	private constructor(endpoints: readonly string[], private readonly options: KeyWriterOptions) {
		const timeoutMs = options.timeoutMs ?? 1000;
		this.client = new Etcd3({
			hosts: [...endpoints],
			dialTimeout: timeoutMs,
			defaultCallOptions: context => (context.isStream ? {} : {deadline: Date.now() + timeoutMs}),
			...(options.auth === undefined ? {} : {auth: options.auth}),
		});
	}

	async stop(): Promise<void> {
		this.stopped = true;
		await this.loop;
		this.client.close();
	}

	private async run(): Promise<void> {
		const prefix = this.options.prefix ?? '/writer/';
		while (!this.stopped) {
			try {
				const value = this.options.valueBytes === undefined ? String(Date.now()) : 'v'.repeat(this.options.valueBytes);
				await this.client.put(`${prefix}${this.written + this.failed}`).value(value);
				this.written += 1;
			} catch {
				this.failed += 1;
			}

			await new Promise(resolve => {
				setTimeout(resolve, this.options.intervalMs ?? 50);
			});
		}
	}
}
