import {mustEscape} from '../../model/shared/safe-text.ts';
import {type KeyPress, named, text} from './key-press.ts';
import {controlKey, csi, ss3} from './key-sequences.ts';

export {describeKeyPress, type KeyPress} from './key-press.ts';

const escape = '\u001B';
/** C1 controls that open a control string (DCS, SOS, OSC, PM, APC): everything up to its end is ignored. */
const c1StringOpeners = new Set(['\u0090', '\u0098', '\u009D', '\u009E', '\u009F']);
/** After ESC: the 7-bit forms of the same. */
const stringOpeners = new Set(['P', 'X', ']', '^', '_']);

/**
 * Turns what the terminal sends into key presses. Ink hands over its input in pieces (text, or one
 * escape sequence); any byte sequence at all becomes a key the dashboard binds, text for a field
 * (control characters dropped), or nothing: an escape sequence that is no key (pasted colour codes
 * `ESC[31m`, mouse or focus reports, a title `ESC]0;…BEL`) is ignored whole, a CR is Enter wherever it
 * stands in a chunk, and Esc followed by a key in one read is Esc, then that key.
 *
 * A control string (OSC, DCS, …) can outlast the piece it starts in: Ink cuts the input at every ESC, so
 * `ESC]0;title BEL` arrives as `ESC]` and then `0;title BEL`. The decoder keeps ignoring until the string
 * ends (BEL or ST), but only within one read of the terminal: {@link endOfRead} forgets an unterminated
 * string, so a stray introducer cannot swallow the keys typed after it.
 */
export class TerminalInputDecoder {
	private inControlString = false;

	decode(data: string): KeyPress[] {
		const chars = [...data];
		const presses: KeyPress[] = [];
		let run = '';
		const endRun = () => {
			if (run !== '') {
				presses.push(text(run));
				run = '';
			}
		};

		let index = 0;
		while (index < chars.length) {
			const char = chars[index]!;
			if (this.inControlString) {
				index = this.skipControlString(chars, index);
				continue;
			}

			if (char === escape || char === '\u009B' || char === '\u008F' || c1StringOpeners.has(char)) {
				endRun();
				index = this.sequence(chars, index, presses);
				continue;
			}

			const control = controlKey(char);
			if (control !== undefined) {
				endRun();
				if (control !== 'ignored') {
					presses.push(control);
				}
			} else if (!mustEscape(char.codePointAt(0)!)) {
				run += char;
			}

			index++;
		}

		endRun();
		return presses;
	}

	/** The terminal read is over: an unterminated control string ends with it. */
	endOfRead(): void {
		this.inControlString = false;
	}

	/** Reads the sequence starting at `start` (ESC or a C1 introducer) and returns the index after it. */
	private sequence(chars: readonly string[], start: number, presses: KeyPress[]): number {
		const char = chars[start]!;
		if (char === '\u009B') {
			return csi(chars, start + 1, presses);
		}

		if (char === '\u008F') {
			return ss3(chars, start + 1, presses);
		}

		if (char !== escape) {
			this.inControlString = true;
			return start + 1;
		}

		const next = chars[start + 1];
		if (next === undefined) {
			presses.push(named('escape'));
			return start + 1;
		}

		if (next === '[') {
			return csi(chars, start + 2, presses);
		}

		if (next === 'O') {
			return ss3(chars, start + 2, presses);
		}

		if (stringOpeners.has(next)) {
			this.inControlString = true;
			return start + 2;
		}

		if (next === '\\') {
			// ST on its own: the end of a control string begun in an earlier read.
			return start + 2;
		}

		// Esc and a key in one read (Alt+key to Ink): etcdeck binds no Alt keys, so it is Esc, then the key.
		presses.push(named('escape'));
		return start + 1;
	}

	private skipControlString(chars: readonly string[], start: number): number {
		for (let index = start; index < chars.length; index++) {
			const char = chars[index]!;
			if (char === '\u0007' || char === '\u009C') {
				this.inControlString = false;
				return index + 1;
			}

			if (char === escape) {
				this.inControlString = false;
				return chars[index + 1] === '\\' ? index + 2 : index;
			}
		}

		return chars.length;
	}
}
