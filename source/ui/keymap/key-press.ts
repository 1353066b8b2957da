import type {Key} from 'ink';

/** One key press, as the app's keymaps read keys: Ink's (input, key) pair. */
export interface KeyPress {
	input: string;
	key: Key;
}

export const noKey: Key = {
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

export type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

export function named(name: NamedKey, modifiers: {shift?: boolean; ctrl?: boolean; meta?: boolean} = {}): KeyPress {
	return {input: '', key: {...noKey, [name]: true, shift: modifiers.shift ?? false, ctrl: modifiers.ctrl ?? false, meta: modifiers.meta ?? false}};
}

export function text(input: string): KeyPress {
	// As Ink has it: a single capital letter is that letter with Shift.
	return {input, key: {...noKey, shift: /^[A-Z]$/.test(input)}};
}

export function ctrl(letter: string): KeyPress {
	return {input: letter, key: {...noKey, ctrl: true}};
}

/** CSI and SS3 final characters of the keys the dashboard binds (xterm, VT220, rxvt). */
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
