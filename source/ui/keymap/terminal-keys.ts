import type {Key} from 'ink';
import {mustEscape} from '../../model/shared/safe-text.ts';

/** One key press, as the app's keymaps read keys: Ink's (input, key) pair. */
export interface KeyPress {
	input: string;
	key: Key;
}

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
	eventType: 'press',
};

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

function named(name: NamedKey, modifiers: {shift?: boolean; ctrl?: boolean; meta?: boolean} = {}): KeyPress {
	return {input: '', key: {...noKey, [name]: true, shift: modifiers.shift ?? false, ctrl: modifiers.ctrl ?? false, meta: modifiers.meta ?? false}};
}

function text(input: string): KeyPress {
	// As Ink has it: a single capital letter is that letter with Shift.
	return {input, key: {...noKey, shift: /^[A-Z]$/.test(input)}};
}

function ctrl(letter: string): KeyPress {
	return {input: letter, key: {...noKey, ctrl: true}};
}

/** CSI and SS3 final characters of the keys the dashboard binds (xterm, VT220, rxvt). */
const finalKeys: Readonly<Record<string, NamedKey>> = {A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end'};
/** `CSI n ~` keys. */
const tildeKeys: Readonly<Record<string, NamedKey>> = {1: 'home', 7: 'home', 4: 'end', 8: 'end', 3: 'delete', 5: 'pageUp', 6: 'pageDown'};

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

/**
 * A CSI sequence from `start` (just after its introducer): parameters, intermediates, a final character.
 * Arrows, Home, End, PgUp, PgDn, Delete and Shift-Tab are keys; every other sequence is ignored. One cut
 * short (the end of the input, or a byte that cannot be in it) is dropped, and that byte read anew.
 */
function csi(chars: readonly string[], start: number, presses: KeyPress[]): number {
	let index = start;
	// The Linux console's and PuTTY's function keys: ESC [ [ A, ESC [ [ 5 ~ (none bound here).
	const legacy = chars[index] === '[';
	if (legacy) {
		index++;
	}

	let parameters = '';
	while (index < chars.length && /^[\u0030-\u003F]$/.test(chars[index]!)) {
		parameters += chars[index];
		index++;
	}

	let intermediates = '';
	while (index < chars.length && /^[\u0020-\u002F]$/.test(chars[index]!)) {
		intermediates += chars[index];
		index++;
	}

	const final = chars[index];
	if (final === undefined || !/^[\u0040-\u007E]$/.test(final)) {
		return index;
	}

	const press = intermediates === '' && !legacy ? csiKey(parameters, final) : undefined;
	if (press !== undefined) {
		presses.push(press);
	}

	return index + 1;
}

function csiKey(parameters: string, final: string): KeyPress | undefined {
	if (!/^[\d;]*$/.test(parameters)) {
		return undefined;
	}

	const [first = '', modifierText = ''] = parameters.split(';');
	const modifiers = modifierFlags(modifierText);
	if (modifiers === undefined) {
		return undefined;
	}

	if (final === 'Z' && parameters === '') {
		return named('tab', {shift: true});
	}

	if (final === '~') {
		const name = tildeKeys[first];
		return name === undefined ? undefined : named(name, modifiers);
	}

	const name = finalKeys[final];
	return name === undefined || (first !== '' && first !== '1') ? undefined : named(name, modifiers);
}

/** xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4); absent means none. */
function modifierFlags(text: string): {shift: boolean; meta: boolean; ctrl: boolean} | undefined {
	if (text === '') {
		return {shift: false, meta: false, ctrl: false};
	}

	const value = Number(text) - 1;
	if (!Number.isInteger(value) || value < 0 || value > 15) {
		return undefined;
	}

	return {shift: (value & 1) !== 0, meta: (value & 10) !== 0, ctrl: (value & 4) !== 0};
}

/** SS3 (`ESC O x`): the arrows, Home and End of application cursor mode; F1-F4 and the rest are ignored. */
function ss3(chars: readonly string[], start: number, presses: KeyPress[]): number {
	const final = chars[start];
	if (final === undefined || !/^[\u0040-\u007E]$/.test(final)) {
		return start;
	}

	const name = finalKeys[final];
	if (name !== undefined) {
		presses.push(named(name));
	}

	return start + 1;
}

/** The key a C0 control or DEL is, 'ignored' for one that is none, undefined for any other character. */
function controlKey(char: string): KeyPress | 'ignored' | undefined {
	const code = char.codePointAt(0)!;
	if (code >= 0x20 && code !== 0x7F) {
		return undefined;
	}

	switch (char) {
		case '\r': {
			return named('return');
		}

		case '\t': {
			return named('tab');
		}

		case '\b': {
			return named('backspace');
		}

		case '\u007F': {
			return named('delete');
		}

		case '\n': {
			// Ctrl-J, or a line end in pasted text: Enter is CR in a terminal's raw mode.
			return 'ignored';
		}

		default: {
			// Ctrl-A … Ctrl-Z (and Ctrl-@); the rest (Ctrl-\ ] ^ _) are not keys here.
			return code <= 0x1A ? ctrl(String.fromCodePoint(code + 0x60)) : 'ignored';
		}
	}
}

const keyNames: ReadonlyArray<[keyof Key, string]> = [
	['return', 'Enter'],
	['escape', 'Esc'],
	['tab', 'Tab'],
	['backspace', 'Backspace'],
	['delete', 'Delete'],
	['upArrow', '↑'],
	['downArrow', '↓'],
	['leftArrow', '←'],
	['rightArrow', '→'],
	['pageUp', 'PgUp'],
	['pageDown', 'PgDn'],
	['home', 'Home'],
	['end', 'End'],
];

/** A key press as help writes keys: "Enter", "Ctrl-U", "Shift-Tab", "x". */
export function describeKeyPress({input, key}: KeyPress): string {
	const keyName = keyNames.find(([flag]) => key[flag] === true)?.[1];
	const name = keyName ?? (key.ctrl ? input.toUpperCase() : [...input].length > 12 ? `${[...input].slice(0, 12).join('')}…` : input);
	// A capital letter carries Shift in itself.
	return `${key.ctrl ? 'Ctrl-' : ''}${key.meta ? 'Alt-' : ''}${key.shift && keyName !== undefined ? 'Shift-' : ''}${name}`;
}
