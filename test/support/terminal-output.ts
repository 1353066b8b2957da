/**
 * What may be in the bytes etcdeck writes to a terminal: text, and the escape sequences etcdeck (and Ink
 * for it) emits itself. Everything else is a sign that text from outside reached the terminal raw.
 */
/* eslint-disable no-control-regex -- these patterns are about the escape character */
const ownSequences: ReadonlyArray<[RegExp, string]> = [
	[/^\u001B\[[\d;]*m/, 'SGR (colours)'],
	[/^\u001B\[\d*[ABCDEFG]/, 'cursor movement'],
	[/^\u001B\[\d*(;\d*)?[Hf]/, 'cursor position'],
	[/^\u001B\[\d*[JK]/, 'erase'],
	[/^\u001B\[\?(25|1049|2026)[hl]/, 'cursor shown, alternate screen, synchronized update'],
];
/* eslint-enable no-control-regex */

/** Where a byte stream breaks the rule, described one finding each (with a little context); empty when clean. */
export function foreignControls(bytes: Buffer, {allowProgressLine = false, allowReplacementCharacter = false}: {allowProgressLine?: boolean; allowReplacementCharacter?: boolean} = {}): string[] {
	const text = bytes.toString('utf8');
	const findings: string[] = [];
	const around = (at: number) => JSON.stringify(text.slice(Math.max(0, at - 30), at + 30));
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		const code = char.codePointAt(0)!;
		if (char === '\u001B') {
			const rest = text.slice(index, index + 32);
			const own = ownSequences.find(([pattern]) => pattern.test(rest));
			if (own === undefined) {
				findings.push(`an escape sequence etcdeck does not emit at ${index}: ${around(index)}`);
				continue;
			}

			index += own[0].exec(rest)![0].length - 1;
			continue;
		}

		if (char === '\r') {
			// The pty writes every newline as CR LF; a progress line starts with CR and erase-line.
			const next = text.slice(index + 1, index + 4);
			if (!(next.startsWith('\n') || (allowProgressLine && next === '\u001B[K'))) {
				findings.push(`a carriage return inside a line at ${index}: ${around(index)}`);
			}

			continue;
		}

		if (char === '\n') {
			continue;
		}

		// U+FFFD is what a raw C1 byte (0x9B: CSI to an 8-bit terminal) decodes as; typed text may hold it too.
		if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(char) || (char === '\uFFFD' && !allowReplacementCharacter)) {
			findings.push(`U+${code.toString(16).padStart(4, '0')} at ${index}: ${around(index)}`);
		}
	}

	return findings;
}
