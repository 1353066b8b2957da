import type {KeyChord, NamedKey} from './key-chord.ts';

/** What a terminal sends for each named key, as the decoder (terminal-keys.ts) reads it back. */
const namedBytes: Record<NamedKey, string> = {
	tab: '\t',
	upArrow: '\u001B[A',
	downArrow: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	escape: '\u001B',
	return: '\r',
	backspace: '\b',
	delete: '\u007F',
};

/**
 * The bytes a terminal sends for a chord: the component tests write them to stdin, the end-to-end tests
 * type them into tmux, the benchmark into a pty. Decoding them gives the chord back (a unit test holds
 * that for every binding), so a test presses exactly the key the keymap names.
 */
export function chordBytes(chord: KeyChord): string {
	if (chord.named !== undefined) {
		return chord.named === 'tab' && chord.shift ? '\u001B[Z' : namedBytes[chord.named];
	}

	const input = chord.input ?? '';
	// Ctrl-letter arrives as its control character: Ctrl-C is \u0003.
	return chord.ctrl ? String.fromCodePoint(input.toUpperCase().codePointAt(0)! - 64) : input;
}
