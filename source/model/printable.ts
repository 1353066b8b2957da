/**
 * Text from outside (etcd's logs, member names) made safe for a terminal: every control character,
 * C0 and C1, is shown as `\xNN` instead of acting on the screen.
 */
export function printable(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, character => `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}
