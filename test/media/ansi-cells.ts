/** A colour as the terminal was told it: one of the 256 indexed colours, or a 24-bit `#rrggbb`. */
export type TerminalColour = {index: number} | {rgb: string};

/** The attributes of one cell; undefined colours are the terminal's defaults. */
export interface CellStyle {
	foreground: TerminalColour | undefined;
	background: TerminalColour | undefined;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
	strikethrough: boolean;
}

export interface Cell {
	text: string;
	style: CellStyle;
}

export const plainStyle: CellStyle = {foreground: undefined, background: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false, strikethrough: false};

// SGR sequences carry the style; OSC strings (hyperlinks, titles) and other escapes draw nothing.
// eslint-disable-next-line no-control-regex -- escape characters are what this matches
const escapePattern = /\u001B\[([\d;:]*)m|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B\[[\d;?]*[A-Za-z]|\u001B./gu;

/**
 * The screen `tmux capture-pane -e -p` printed, as `rows` lines of `columns` cells. tmux writes only
 * style changes, and a style carries over from one line to the next; the cells after a line's last
 * character are blank in the default style.
 */
export function parseCapture(capture: string, columns: number, rows: number): Cell[][] {
	let style = plainStyle;
	const lines = capture.split('\n').slice(0, rows);
	const screen: Cell[][] = [];
	for (const line of lines) {
		const cells: Cell[] = [];
		let last = 0;
		for (const match of line.matchAll(escapePattern)) {
			pushText(cells, line.slice(last, match.index), style);
			if (match[1] !== undefined) {
				style = applySgr(style, match[1]);
			}

			last = match.index + match[0].length;
		}

		pushText(cells, line.slice(last), style);
		screen.push(padded(cells, columns));
	}

	while (screen.length < rows) {
		screen.push(padded([], columns));
	}

	return screen;
}

/** The characters of a parsed screen, one line a row, as `tmux capture-pane -p` prints them. */
export function screenText(screen: Cell[][]): string {
	return screen.map(row => row.map(cell => cell.text).join('').trimEnd()).join('\n');
}

function pushText(cells: Cell[], text: string, style: CellStyle): void {
	for (const character of text) {
		cells.push({text: character, style});
	}
}

function padded(cells: Cell[], columns: number): Cell[] {
	const row = cells.slice(0, columns);
	while (row.length < columns) {
		row.push({text: ' ', style: plainStyle});
	}

	return row;
}

/** The style after one SGR sequence's parameters (`1;36`, `38;5;208`, `48;2;10;20;30`, empty for reset). */
export function applySgr(style: CellStyle, parameters: string): CellStyle {
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/u).map(Number);
	let next = style;
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 38 || code === 48) {
			const {colour, used} = extendedColour(codes, index + 1);
			next = code === 38 ? {...next, foreground: colour} : {...next, background: colour};
			index += used;
			continue;
		}

		next = applyCode(next, code);
	}

	return next;
}

function extendedColour(codes: number[], start: number): {colour: TerminalColour | undefined; used: number} {
	if (codes[start] === 5) {
		return {colour: {index: codes[start + 1] ?? 0}, used: 2};
	}

	if (codes[start] === 2) {
		const hex = codes.slice(start + 1, start + 4).map(value => Math.min(255, value).toString(16).padStart(2, '0')).join('');
		return {colour: {rgb: `#${hex.padEnd(6, '0')}`}, used: 4};
	}

	return {colour: undefined, used: 0};
}

function applyCode(style: CellStyle, code: number): CellStyle {
	if (code >= 30 && code <= 37) {
		return {...style, foreground: {index: code - 30}};
	}

	if (code >= 90 && code <= 97) {
		return {...style, foreground: {index: code - 90 + 8}};
	}

	if (code >= 40 && code <= 47) {
		return {...style, background: {index: code - 40}};
	}

	if (code >= 100 && code <= 107) {
		return {...style, background: {index: code - 100 + 8}};
	}

	switch (code) {
		case 0: {
			return plainStyle;
		}

		case 1: {
			return {...style, bold: true};
		}

		case 2: {
			return {...style, dim: true};
		}

		case 3: {
			return {...style, italic: true};
		}

		case 4: {
			return {...style, underline: true};
		}

		case 7: {
			return {...style, inverse: true};
		}

		case 9: {
			return {...style, strikethrough: true};
		}

		case 22: {
			return {...style, bold: false, dim: false};
		}

		case 23: {
			return {...style, italic: false};
		}

		case 24: {
			return {...style, underline: false};
		}

		case 27: {
			return {...style, inverse: false};
		}

		case 29: {
			return {...style, strikethrough: false};
		}

		case 39: {
			return {...style, foreground: undefined};
		}

		case 49: {
			return {...style, background: undefined};
		}

		default: {
			return style;
		}
	}
}
