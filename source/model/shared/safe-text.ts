/**
 * The one sanitizer: every string from outside (etcd keys, values, member names and URLs, log lines and
 * their fields, etcd's error messages, file contents) passes through here before it reaches a terminal,
 * the dashboard and the text of `status` and `snapshot` alike. A character that could drive the terminal
 * or hide what is shown is written visibly escaped instead, so that what the operator reads is what the
 * data holds:
 *
 * - C0 controls (CR, BEL, ESC, …), DEL and C1 controls (category Cc): `\r`, `\n`, `\t`, else `\xNN`;
 * - format characters (Cf: bidirectional overrides and isolates U+202A–U+202E, U+2066–U+2069, zero-width
 *   characters U+200B–U+200F, U+FEFF, tag characters, …), the line and paragraph separators U+2028 and
 *   U+2029, and lone surrogates: `\uNNNN` (`\u{NNNNN}` above U+FFFF).
 *
 * The escapes are plain ASCII, so escaping is idempotent: text escaped twice reads as text escaped once.
 * A backslash is left as it is (text is shown, not read back); keys, which are typed back in the Keys
 * pane, use {@link escapeKey} in key-path.ts, which shows the same characters as the bytes they are.
 */

/** Every character that must not reach a terminal as it is. */
const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const unsafeAll = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const named: Readonly<Record<string, string>> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'};

/** Whether the character at this code point is escaped by {@link safeText}. */
export function mustEscape(codePoint: number): boolean {
	return unsafe.test(String.fromCodePoint(codePoint));
}

/** How {@link safeText} writes one unsafe character. */
export function escapeCharacter(character: string): string {
	const known = named[character];
	if (known !== undefined) {
		return known;
	}

	const codePoint = character.codePointAt(0)!;
	if (codePoint < 0x100) {
		return `\\x${codePoint.toString(16).padStart(2, '0')}`;
	}

	return codePoint > 0xFFFF ? `\\u{${codePoint.toString(16)}}` : `\\u${codePoint.toString(16).padStart(4, '0')}`;
}

/** Whether text holds a character {@link safeText} escapes (a shell script must not get it raw either). */
export function needsEscaping(text: string): boolean {
	return unsafe.test(text);
}

/** Outside text as one line a terminal shows literally: every unsafe character escaped, newlines and tabs too. */
export function safeText(text: string): string {
	return unsafe.test(text) ? text.replaceAll(unsafeAll, escapeCharacter) : text;
}

// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const sgrSequence = /\u001B\[[\d;]*m/g;

/**
 * Text of etcdeck's own that carries colour as SGR sequences (an asciichart plot): those sequences are
 * kept, and everything else passes {@link safeText}, so no other escape can come through with them.
 */
export function safeSgrText(text: string): string {
	let result = '';
	let at = 0;
	for (const match of text.matchAll(sgrSequence)) {
		result += safeText(text.slice(at, match.index)) + match[0];
		at = match.index + match[0].length;
	}

	return result + safeText(text.slice(at));
}

/**
 * Text that etcdeck lays out in lines itself (a restore plan, a shell script): its newlines and tabs
 * are its own and kept; every other unsafe character is escaped. Outside text in it must have passed
 * {@link safeText} already, or a newline in it would start a line of its own.
 */
export function safeLaidOutText(text: string): string {
	return text.split('\n').map(line => line.split('\t').map(part => safeText(part)).join('\t')).join('\n');
}

/**
 * Text typed or pasted into a field (a filter, a path, the Keys `/` line): the unsafe characters are
 * dropped rather than escaped, since they are not what the operator meant to type.
 */
export function typedText(text: string): string {
	return unsafe.test(text) ? text.replaceAll(unsafeAll, '') : text;
}

/**
 * JSON.stringify, with every unsafe character that JSON.stringify leaves raw (DEL, C1, format
 * characters, U+2028/U+2029) written as a `\uNNNN` escape: the same JSON value, safe on a terminal.
 * C0 controls JSON escapes itself; the newlines of the indentation are JSON's own.
 */
export function safeJson(value: unknown, indent?: number): string {
	const json = JSON.stringify(value, null, indent) ?? 'null';
	return json.replaceAll(unsafeAll, character => {
		if (character === '\n' && indent !== undefined) {
			return character;
		}

		let escaped = '';
		for (let index = 0; index < character.length; index++) {
			escaped += `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`;
		}

		return escaped;
	});
}
