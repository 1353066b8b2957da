import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import type {ReactElement} from 'react';
import {render, type Instance} from 'ink';
import {FrameReader, FrameWatch} from './frame-reader.ts';

/** A terminal's output side as Ink sees it: a TTY of a fixed size whose writes become frames. */
class TerminalOutput extends EventEmitter {
	readonly isTTY = true;

	constructor(readonly columns: number, readonly rows: number, private readonly onWrite: (chunk: string) => void) {
		super();
	}

	write(chunk: string | Uint8Array): boolean {
		this.onWrite(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		return true;
	}
}

/** A terminal's input side as Ink reads it (raw mode, 'readable' then read()). */
class TerminalInput extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;

	type(bytes: string): void {
		this.data = bytes;
		this.emit('readable');
		this.emit('data', bytes);
	}

	read(): string | null {
		const {data} = this;
		this.data = null;
		return data;
	}

	setEncoding(): void {
		// Input is text already.
	}

	setRawMode(): void {
		// Always raw.
	}

	resume(): void {
		// Nothing to start.
	}

	pause(): void {
		// Nothing to stop.
	}

	ref(): void {
		// Keeps nothing alive.
	}

	unref(): void {
		// Keeps nothing alive.
	}
}

/**
 * Ink rendering as it does in a real terminal (throttled frames, synchronized-output marks), into
 * memory: the Keys pane's component and hook can be timed from key press to frame before the pane is
 * part of the app. ink-testing-library renders in Ink's debug mode, which skips the frame throttle a
 * real terminal has, so it is not used here.
 */
export class VirtualTerminal {
	readonly frames: FrameWatch = new FrameWatch((): string => `--- last frame ---\n${this.frames.lastFrame?.text ?? '(none)'}`);
	private readonly reader = new FrameReader();
	private readonly input = new TerminalInput();
	private readonly output: TerminalOutput;
	private instance: Instance | undefined;

	constructor(columns: number, rows: number) {
		this.output = new TerminalOutput(columns, rows, chunk => {
			for (const frame of this.reader.feed(performance.now(), chunk)) {
				this.frames.add(frame);
			}
		});
	}

	show(tree: ReactElement): void {
		this.instance = render(tree, {
			stdout: this.output as unknown as NodeJS.WriteStream,
			stdin: this.input as unknown as NodeJS.ReadStream,
			stderr: this.output as unknown as NodeJS.WriteStream,
			exitOnCtrlC: false,
			patchConsole: false,
		});
	}

	/** Types bytes as the terminal would send them; returns when. */
	press(bytes: string): number {
		const at = performance.now();
		this.input.type(bytes);
		return at;
	}

	close(): void {
		this.instance?.unmount();
	}
}
