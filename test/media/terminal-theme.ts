import type {TerminalColour} from './ansi-cells.ts';

/** How the pictures colour a terminal: a dark screen with GitHub's dark terminal palette. */
export interface TerminalTheme {
	background: string;
	foreground: string;
	/** The 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan, white, then their bright forms. */
	ansi: readonly string[];
	/** How much of the foreground a dim cell keeps, the rest being background. */
	dimShare: number;
}

export const darkTheme: TerminalTheme = {
	background: '#0d1117',
	foreground: '#c9d1d9',
	ansi: [
		'#484f58', '#ff7b72', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#b1bac4',
		'#6e7681', '#ffa198', '#56d364', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#f0f6fc',
	],
	dimShare: 0.55,
};

const cubeLevels = [0, 95, 135, 175, 215, 255];

/** `#rrggbb` of a colour in the theme; the 256-colour cube and grey ramp are xterm's. */
export function colourHex(colour: TerminalColour, theme: TerminalTheme): string {
	if ('rgb' in colour) {
		return colour.rgb;
	}

	const {index} = colour;
	if (index < 16) {
		return theme.ansi[index]!;
	}

	if (index < 232) {
		const cube = index - 16;
		return hex([Math.floor(cube / 36), Math.floor(cube / 6) % 6, cube % 6].map(level => cubeLevels[level]!));
	}

	const grey = 8 + ((index - 232) * 10);
	return hex([grey, grey, grey]);
}

/** `share` of `from` and the rest of `to`, channel by channel. */
export function mix(from: string, to: string, share: number): string {
	const [a, b] = [channels(from), channels(to)];
	return hex(a.map((value, index) => Math.round((value * share) + (b[index]! * (1 - share)))));
}

function channels(colour: string): number[] {
	return [1, 3, 5].map(start => Number.parseInt(colour.slice(start, start + 2), 16));
}

function hex(values: number[]): string {
	return `#${values.map(value => value.toString(16).padStart(2, '0')).join('')}`;
}
