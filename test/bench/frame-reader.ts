import {stripVTControlCharacters} from 'node:util';

/** Ink brackets every frame it draws with "synchronized output" begin and end marks. */
const frameEnd = '\u001B[?2026l';
/** Far more than any frame Ink draws; a program that prints rather than draws never ends a frame. */
const maxPendingChars = 1024 * 1024;

/** A frame Ink finished drawing: when its last byte arrived, and its text without escape codes. */
export interface Frame {
	at: number;
	text: string;
}

/** A line written in place: cursor to its row, the line, erase to the end (scripts/ink-frames-in-place.ts). */
const escape = '\u001B';
const lineInPlace = new RegExp(`${escape}\\[(\\d+);1H(.*?)${escape}\\[K`, 'gs');
const rowPosition = new RegExp(`${escape}\\[\\d+;1H`);

/**
 * Cuts a terminal's output into Ink's frames and keeps the screen they draw: a frame is the whole
 * screen (the first ones, and after a resize) or the lines that changed, each written in place. A
 * frame's text is the screen after it. (Ink leaves the marks out in CI; etcdeck loads Ink with CI's
 * variables hidden.)
 */
export class FrameReader {
	private pending = '';
	private screen: string[] = [];

	/** The frames a chunk of output finished, stamped with the chunk's arrival. */
	feed(at: number, chunk: string): Frame[] {
		this.pending += chunk;
		const frames: Frame[] = [];
		let end = this.pending.indexOf(frameEnd);
		while (end !== -1) {
			frames.push({at, text: this.draw(this.pending.slice(0, end))});
			this.pending = this.pending.slice(end + frameEnd.length);
			end = this.pending.indexOf(frameEnd);
		}

		if (this.pending.length > maxPendingChars) {
			this.pending = this.pending.slice(-frameEnd.length);
		}

		return frames;
	}

	private draw(frame: string): string {
		if (frame.includes('\u001B[2J') || !rowPosition.test(frame)) {
			this.screen = stripVTControlCharacters(frame).split('\n');
		} else {
			for (const [, row, line] of frame.matchAll(lineInPlace)) {
				this.screen[Number(row) - 1] = stripVTControlCharacters(line!);
			}
		}

		return this.screen.join('\n');
	}
}

interface Waiter {
	check: (frame: Frame) => boolean;
	resolve: (frame: Frame) => void;
	reject: (error: Error) => void;
}

/** The latest frame, and promises of frames yet to come; what both kinds of terminal share. */
export class FrameWatch {
	frameCount = 0;
	lastFrame: Frame | undefined;
	private readonly waiters = new Set<Waiter>();

	constructor(private readonly describe: () => string) {}

	/** A frame has been drawn. */
	add(frame: Frame): void {
		this.frameCount++;
		this.lastFrame = frame;
		for (const waiter of this.waiters) {
			if (waiter.check(frame)) {
				this.waiters.delete(waiter);
				waiter.resolve(frame);
			}
		}
	}

	/** The first frame drawn after `after` that `check` accepts (the latest one if it already does). */
	async next(what: string, check: (text: string) => boolean, {after = 0, timeoutMs = 20_000} = {}): Promise<Frame> {
		if (this.lastFrame !== undefined && this.lastFrame.at > after && check(this.lastFrame.text)) {
			return this.lastFrame;
		}

		return new Promise<Frame>((resolve, reject) => {
			const waiter: Waiter = {
				check: frame => frame.at > after && check(frame.text),
				resolve: frame => {
					clearTimeout(timer);
					resolve(frame);
				},
				reject: error => {
					clearTimeout(timer);
					reject(error);
				},
			};
			const timer = setTimeout(() => {
				this.waiters.delete(waiter);
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.describe()}`));
			}, timeoutMs);
			this.waiters.add(waiter);
		});
	}

	/** Fails every wait at once, e.g. when the program exited. */
	abandon(reason: string): void {
		for (const waiter of this.waiters) {
			this.waiters.delete(waiter);
			waiter.reject(new Error(`${reason}\n${this.describe()}`));
		}
	}
}
