import type {Key} from 'ink';

/** The named keys etcdeck binds, as its terminal decoder reports them. */
export type NamedKey = 'tab' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'escape' | 'return' | 'backspace' | 'delete';

/** One key: a printable input, or one of the named keys. */
export interface KeyChord {
	input?: string;
	named?: NamedKey;
	shift?: boolean;
	ctrl?: boolean;
}

/** Whether a key press is this chord: every binding of the keymap matches keys this way. */
export function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
	if (Boolean(chord.ctrl) !== key.ctrl) {
		return false;
	}

	if (chord.named !== undefined) {
		return key[chord.named] && Boolean(chord.shift) === key.shift;
	}

	return chord.input === input;
}

/** Help's names for the named keys. DEL, which the decoder calls delete, is what Backspace sends on most terminals. */
const namedLabels: Record<NamedKey, string> = {
	tab: 'Tab',
	upArrow: '↑',
	downArrow: '↓',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	escape: 'Esc',
	return: 'Enter',
	backspace: 'Backspace',
	delete: 'Backspace',
};

/** A chord as help writes it: "Enter", "Shift-Tab", "Ctrl-C", "g". */
export function chordLabel(chord: KeyChord): string {
	const name = chord.named === undefined ? (chord.ctrl ? (chord.input ?? '').toUpperCase() : chord.input ?? '') : namedLabels[chord.named];
	return `${chord.ctrl ? 'Ctrl-' : ''}${chord.shift && chord.named !== undefined ? 'Shift-' : ''}${name}`;
}

/** A binding's chords as help writes them: "↑ k", "Esc a q" (each name once). */
export function chordsLabel(chords: readonly KeyChord[]): string {
	return [...new Set(chords.map(chord => chordLabel(chord)))].join(' ');
}
