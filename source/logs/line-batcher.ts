/**
 * Cuts a byte stream's text into lines and hands them on in batches, at most one batch every
 * `intervalMs`: a burst of thousands of lines a second becomes a few renders, not thousands, so the
 * keyboard stays responsive. A line waits at most `intervalMs` before it is delivered.
 */
export class LineBatcher {
	private partial = '';
	private pending: string[] = [];
	private timer: NodeJS.Timeout | undefined;
	private closed = false;

	constructor(
		private readonly intervalMs: number,
		private readonly deliver: (lines: string[]) => void,
	) {}

	/** Text as it arrives: a chunk may end in the middle of a line. */
	write(chunk: string): void {
		if (this.closed) {
			return;
		}

		const parts = (this.partial + chunk).split('\n');
		this.partial = parts.pop() ?? '';
		for (const part of parts) {
			const line = part.endsWith('\r') ? part.slice(0, -1) : part;
			if (line !== '') {
				this.pending.push(line);
			}
		}

		if (this.pending.length > 0 && this.timer === undefined) {
			this.timer = setTimeout(() => {
				this.flush();
			}, this.intervalMs);
		}
	}

	/** The stream ended: delivers what is pending, including a last line without a newline. */
	end(): void {
		if (this.partial !== '') {
			this.pending.push(this.partial);
			this.partial = '';
		}

		this.flush();
	}

	/** Drops what is pending and delivers nothing more. */
	close(): void {
		this.closed = true;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.pending = [];
		this.partial = '';
	}

	private flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.closed || this.pending.length === 0) {
			return;
		}

		const lines = this.pending;
		this.pending = [];
		this.deliver(lines);
	}
}
