/**
 * Text from outside (etcd's logs, member names) made safe for a terminal: every control character,
 * C0 and C1, is shown as `\xNN`, and a line separator or bidirectional control as `\u{NNNN}`,
 * instead of acting on the screen.
 */
export function printable(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028-\u202E\u2066-\u2069]/g, character => {
		const code = character.codePointAt(0)!;
		return code <= 0xFF ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
	});
}
