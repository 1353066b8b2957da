import {safeText} from '../../model/shared/safe-text.ts';

/**
 * Breaks text into lines of at most `width` cells at spaces, cutting words longer than a line. Drawing
 * pre-broken lines tells a pane exactly how many lines a message takes, which Ink's own wrap does not.
 * The text is sanitized first: a newline or escape in it is drawn, and counted, escaped.
 */
export function wrapWords(given: string, width: number): string[] {
	const text = safeText(given);
	const size = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/ +/).filter(part => part !== '')) {
		let rest = word;
		while (rest.length > size) {
			if (line !== '') {
				lines.push(line);
				line = '';
			}

			lines.push(rest.slice(0, size));
			rest = rest.slice(size);
		}

		if (line === '') {
			line = rest;
		} else if (line.length + 1 + rest.length <= size) {
			line = `${line} ${rest}`;
		} else {
			lines.push(line);
			line = rest;
		}
	}

	return line === '' ? lines : [...lines, line];
}
