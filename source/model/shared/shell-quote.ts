import {needsEscaping} from './safe-text.ts';

/**
 * POSIX shell quoting for the commands etcdeck prints to be run: a word of only safe characters as it
 * is, anything else in single quotes (a quote inside as '\''), so a member name or path is one word
 * whatever it holds. Text with control characters is refused before it gets here (see restore-plan).
 */
export function shellQuote(word: string): string {
	if (/^[\w@%+=:,./-]+$/.test(word)) {
		return word;
	}

	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/** A command line of quoted words. */
export function shellCommand(words: readonly string[]): string {
	return words.map(word => shellQuote(word)).join(' ');
}

/** `--flag=value` with only the value quoted, as it reads best: `--name='etcd 1'`. */
export function shellFlag(flag: string, value: string): string {
	return `${flag}=${shellQuote(value)}`;
}

/**
 * Whether text holds a character a terminal or a shell script must not get raw: C0, DEL, C1, a line
 * or paragraph separator, a bidirectional control (which makes a line read other than it runs) or an
 * invisible character; the sanitizer's own test (safe-text.ts).
 */
export function hasControlCharacters(text: string): boolean {
	return needsEscaping(text);
}
