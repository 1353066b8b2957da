import {existsSync} from 'node:fs';
import {Resvg} from '@resvg/resvg-js';
import {screenFont} from './screen-svg.ts';

const fontDir = '/usr/share/fonts/truetype/dejavu';
// Debian's fonts-dejavu-core: the monospace font the SVG names, and DejaVu Sans for glyphs it lacks.
const fontFiles = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(file => `${fontDir}/${file}`);

/** Throws saying what to install when the fonts the pictures are drawn in are missing. */
export function checkFonts(): void {
	const missing = fontFiles.filter(file => !existsSync(file));
	if (missing.length > 0) {
		throw new Error(`fonts missing: ${missing.join(', ')} (Debian: apt-get install fonts-dejavu-core)`);
	}
}

/**
 * The SVG as a PNG at `zoom` times its size, drawn with the DejaVu files only (not whatever fonts
 * the machine has), so the pictures come out the same on every machine.
 */
export function svgToPng(svg: string, zoom: number): Buffer {
	const resvg = new Resvg(svg, {
		fitTo: {mode: 'zoom', value: zoom},
		font: {loadSystemFonts: false, fontFiles, defaultFontFamily: screenFont.family, monospaceFamily: screenFont.family},
	});
	return resvg.render().asPng();
}
