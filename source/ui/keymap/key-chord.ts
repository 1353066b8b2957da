import type {Key} from 'ink';

/** Ink's named keys that etcdeck binds. */
export type NamedKey = 'tab' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'escape' | 'return' | 'backspace' | 'delete';

/** One key as Ink reports it: a printable input, or one of Ink's named keys. */
export interface KeyChord {
	input?: string;
	named?: NamedKey;
	shift?: boolean;
	ctrl?: boolean;
}

/** Whether a key press is this chord: the app's keymap and the panes' own keymaps all match keys this way. */
export function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
	if (Boolean(chord.ctrl) !== key.ctrl) {
		return false;
	}

	if (chord.named !== undefined) {
		return key[chord.named] && Boolean(chord.shift) === key.shift;
	}

	return chord.input === input;
}
