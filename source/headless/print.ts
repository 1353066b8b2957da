import {safeJson, safeLaidOutText, safeText} from '../model/shared/safe-text.ts';

/** stdout or stderr, or a test's stand-in. */
export interface OutputStream {
	write(text: string): unknown;
}

/**
 * The only way etcdeck writes text to stdout and stderr (the lint forbids a bare write): every line
 * passes the sanitizer, so a member name, URL, log line or etcd error in it can neither drive the
 * terminal nor start a line of its own. The newlines between lines are etcdeck's; a message of several
 * lines is given as several lines, never as one string with newlines in it.
 */
export function printLines(stream: OutputStream, lines: readonly string[]): void {
	stream.write(`${lines.map(line => safeText(line)).join('\n')}\n`);
}

/** Text etcdeck laid out in lines itself (a restore plan, a script): its newlines and tabs kept, all else sanitized. */
export function printLaidOut(stream: OutputStream, text: string): void {
	const shown = safeLaidOutText(text);
	stream.write(shown.endsWith('\n') ? shown : `${shown}\n`);
}

/** A value as indented JSON, escaped as JSON escapes (every unsafe character as \uNNNN). */
export function printJson(stream: OutputStream, value: unknown): void {
	stream.write(`${safeJson(value, 2)}\n`);
}

const carriageReturnAndClearLine = '\r\u001B[K';

/** A progress line drawn over the previous one (for a terminal only: it starts with CR and erase-line). */
export function printInPlace(stream: OutputStream, line: string): void {
	stream.write(`${carriageReturnAndClearLine}${safeText(line)}`);
}

/** Clears the progress line, leaving the cursor at its start. */
export function clearInPlace(stream: OutputStream): void {
	stream.write(carriageReturnAndClearLine);
}

/** The dashboard's own screen switches: into the alternate screen and home, and back with the cursor shown. */
export const screenControl = {
	enterAlternateScreen: '\u001B[?1049h\u001B[H',
	leaveAlternateScreen: '\u001B[?25h\u001B[?1049l',
} as const;

export function writeScreenControl(stream: OutputStream, control: keyof typeof screenControl): void {
	stream.write(screenControl[control]);
}
