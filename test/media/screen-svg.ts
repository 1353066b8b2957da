import type {Cell, CellStyle} from './ansi-cells.ts';
import {colourHex, mix, type TerminalTheme} from './terminal-theme.ts';

/** The monospace font the pictures are drawn in, and its metrics in font units (DejaVu Sans Mono's). */
export const screenFont = {
	family: 'DejaVu Sans Mono',
	unitsPerEm: 2048,
	advance: 1233,
	ascent: 1901,
	descent: 483,
};

export interface SvgOptions {
	theme: TerminalTheme;
	fontSize: number;
	/** Space around the character grid, in pixels. */
	padding: number;
}

/** A cell's colours and attributes once the theme, inverse and dim are resolved. */
interface Painted {
	foreground: string;
	/** Undefined: the screen's own background shows. */
	background: string | undefined;
	bold: boolean;
	italic: boolean;
	underline: boolean;
	strikethrough: boolean;
}

function paint(style: CellStyle, theme: TerminalTheme): Painted {
	const foreground = style.foreground === undefined ? theme.foreground : colourHex(style.foreground, theme);
	const background = style.background === undefined ? undefined : colourHex(style.background, theme);
	const [front, back] = style.inverse ? [background ?? theme.background, foreground] : [foreground, background];
	return {
		foreground: style.dim ? mix(front, back ?? theme.background, theme.dimShare) : front,
		background: back,
		bold: style.bold,
		italic: style.italic,
		underline: style.underline,
		strikethrough: style.strikethrough,
	};
}

/**
 * The screen as an SVG picture: one rectangle per run of background colour, one text element per
 * run of same-styled characters with every character placed on its cell, so a glyph taken from a
 * fallback font cannot shift the columns after it.
 */
export function screenSvg(screen: Cell[][], {theme, fontSize, padding}: SvgOptions): string {
	const cellWidth = (fontSize * screenFont.advance) / screenFont.unitsPerEm;
	// The font's full height, so box-drawing and block characters join from one line to the next.
	const cellHeight = (fontSize * (screenFont.ascent + screenFont.descent)) / screenFont.unitsPerEm;
	const baseline = (fontSize * screenFont.ascent) / screenFont.unitsPerEm;
	const columns = screen[0]?.length ?? 0;
	const width = Math.ceil((columns * cellWidth) + (2 * padding));
	const height = Math.ceil((screen.length * cellHeight) + (2 * padding));
	const at = (value: number) => Number(value.toFixed(2));
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<rect width="${width}" height="${height}" rx="8" fill="${theme.background}"/>`,
		`<g font-family="${screenFont.family}" font-size="${fontSize}" xml:space="preserve">`,
	];
	for (const [rowIndex, row] of screen.entries()) {
		const top = padding + (rowIndex * cellHeight);
		const painted = row.map(cell => paint(cell.style, theme));
		for (const run of runs(painted, (a, b) => a.background === b.background)) {
			if (run.value.background !== undefined) {
				parts.push(`<rect x="${at(padding + (run.start * cellWidth))}" y="${at(top)}" width="${at(run.length * cellWidth)}" height="${at(cellHeight)}" fill="${run.value.background}"/>`);
			}
		}

		for (const run of runs(painted, sameInk)) {
			const cells = row.slice(run.start, run.start + run.length);
			const left = padding + (run.start * cellWidth);
			const {foreground, bold, italic, underline, strikethrough} = run.value;
			if (cells.some(cell => cell.text.trim() !== '')) {
				const xs = cells.map((_, index) => at(left + (index * cellWidth))).join(' ');
				const weight = bold ? ' font-weight="bold"' : '';
				const slant = italic ? ' font-style="italic"' : '';
				parts.push(`<text x="${xs}" y="${at(top + baseline)}" fill="${foreground}"${weight}${slant}>${escapeXml(cells.map(cell => cell.text).join(''))}</text>`);
			}

			const lines = [underline ? top + baseline + (fontSize * 0.12) : undefined, strikethrough ? top + (baseline * 0.68) : undefined];
			for (const y of lines.filter(value => value !== undefined)) {
				parts.push(`<rect x="${at(left)}" y="${at(y)}" width="${at(run.length * cellWidth)}" height="${at(Math.max(1, fontSize / 14))}" fill="${foreground}"/>`);
			}
		}
	}

	parts.push('</g>', '</svg>', '');
	return parts.join('\n');
}

function sameInk(a: Painted, b: Painted): boolean {
	return a.foreground === b.foreground && a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strikethrough === b.strikethrough;
}

interface Run<T> {
	start: number;
	length: number;
	value: T;
}

/** Consecutive stretches of `items` that `same` puts together, each with its first item. */
function runs<T>(items: T[], same: (a: T, b: T) => boolean): Array<Run<T>> {
	const found: Array<Run<T>> = [];
	for (const [index, item] of items.entries()) {
		const current = found.at(-1);
		if (current !== undefined && same(current.value, item)) {
			current.length++;
		} else {
			found.push({start: index, length: 1, value: item});
		}
	}

	return found;
}

function escapeXml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
