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

/**
 * Esc and a key typed right after it can reach etcdeck in one read (a loaded machine, a slow SSH
 * link), and Ink reads the pair as Alt with that key. etcdeck binds no Alt keys, so such a press is
 * taken apart again: Esc, then the key. Undefined for anything else.
 */
export function escapeThenKey(input: string, key: Key): [escape: Key, then: Key] | undefined {
	if (!key.meta || key.escape || key.ctrl || [...input].length !== 1) {
		return undefined;
	}

	return [{...key, escape: true}, {...key, meta: false}];
}
