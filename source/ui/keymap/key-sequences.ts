import {type KeyPress, type NamedKey, ctrl, named} from './key-press.ts';

// The escape sequences and control characters a terminal sends, read as keys (or as nothing).

const finalKeys: Readonly<Record<string, NamedKey>> = {A: 'upArrow', B: 'downArrow', C: 'rightArrow', D: 'leftArrow', H: 'home', F: 'end'};
/** `CSI n ~` keys. */
const tildeKeys: Readonly<Record<string, NamedKey>> = {1: 'home', 7: 'home', 4: 'end', 8: 'end', 3: 'delete', 5: 'pageUp', 6: 'pageDown'};

/**
 * A CSI sequence from `start` (just after its introducer): parameters, intermediates, a final character.
 * Arrows, Home, End, PgUp, PgDn, Delete and Shift-Tab are keys; every other sequence is ignored. One cut
 * short (the end of the input, or a byte that cannot be in it) is dropped, and that byte read anew.
 */
export function csi(chars: readonly string[], start: number, presses: KeyPress[]): number {
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
export function ss3(chars: readonly string[], start: number, presses: KeyPress[]): number {
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
export function controlKey(char: string): KeyPress | 'ignored' | undefined {
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
