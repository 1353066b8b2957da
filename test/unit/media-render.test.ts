import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseCapture, screenText} from '../media/ansi-cells.ts';
import {screenFont, screenSvg} from '../media/screen-svg.ts';
import {colourHex, darkTheme, mix} from '../media/terminal-theme.ts';

const esc = '\u001B';

void test('a tmux capture becomes a fixed grid; a style carries over to the next line until reset, as tmux writes it', () => {
	const capture = `${esc}[1m${esc}[36metcdeck${esc}[0m  leader ${esc}[1mm3\n${esc}[0mvoters 3 ${esc}[32mok\nstill\n`;
	const screen = parseCapture(capture, 12, 4);
	assert.equal(screen.length, 4);
	assert.ok(screen.every(row => row.length === 12));
	assert.equal(screenText(screen), 'etcdeck  lea\nvoters 3 ok\nstill\n');
	const [first, second, third] = screen;
	assert.deepEqual(third![0]!.style.foreground, {index: 2}, 'no reset: the green goes on');
	assert.deepEqual(first![0]!.style.foreground, {index: 6});
	assert.equal(first![0]!.style.bold, true);
	assert.equal(first![7]!.style.bold, false, 'reset after the name');
	assert.equal(second![0]!.style.bold, false, 'the bold of "m3" ends at the next line\'s reset');
	assert.equal(second![10]!.style.bold, false, 'padding is plain');
});

void test('256 colours, 24-bit colours, inverse, dim and their resets; hyperlinks and cursor moves draw nothing', () => {
	const capture = `${esc}[38;5;208ma${esc}[48;2;1;2;3mb${esc}[7;2mc${esc}[27;22;39;49md${esc}]8;;https://etcd.io${esc}\\e${esc}[2Kf`;
	const [row] = parseCapture(capture, 6, 1);
	assert.equal(row!.map(cell => cell.text).join(''), 'abcdef');
	assert.deepEqual(row![0]!.style.foreground, {index: 208});
	assert.deepEqual(row![1]!.style.background, {rgb: '#010203'});
	assert.equal(row![2]!.style.inverse, true);
	assert.equal(row![2]!.style.dim, true);
	const reset = row![3]!.style;
	assert.deepEqual([reset.inverse, reset.dim, reset.foreground, reset.background], [false, false, undefined, undefined]);
});

void test('the theme maps indexed colours: the 16 of the palette, xterm\'s cube and grey ramp', () => {
	assert.equal(colourHex({index: 1}, darkTheme), darkTheme.ansi[1]);
	assert.equal(colourHex({index: 196}, darkTheme), '#ff0000');
	assert.equal(colourHex({index: 232}, darkTheme), '#080808');
	assert.equal(colourHex({rgb: '#123456'}, darkTheme), '#123456');
	assert.equal(mix('#ffffff', '#000000', 0.5), '#808080');
});

void test('the SVG places every character on its cell, paints inverse cells with their foreground, dims, and escapes XML', () => {
	const capture = `${esc}[7m›${esc}[0m<a>${esc}[2m&`;
	const svg = screenSvg(parseCapture(capture, 6, 1), {theme: darkTheme, fontSize: 16, padding: 10});
	const cellWidth = (16 * screenFont.advance) / screenFont.unitsPerEm;
	assert.match(svg, new RegExp(`<rect x="10" y="10" width="${cellWidth.toFixed(2)}" [^>]*fill="${darkTheme.foreground}"/>`), 'the inverse cell\'s background is the foreground colour');
	assert.match(svg, new RegExp(`<text x="10" [^>]*fill="${darkTheme.background}">›</text>`), 'its character is drawn in the background colour');
	const xs = [1, 2, 3].map(column => Number((10 + (column * cellWidth)).toFixed(2))).join(' ');
	assert.ok(svg.includes(`<text x="${xs}" `), `one x per character: ${xs}`);
	assert.ok(svg.includes('>&lt;a&gt;</text>'));
	assert.ok(svg.includes(`fill="${mix(darkTheme.foreground, darkTheme.background, darkTheme.dimShare)}">&amp;</text>`), 'dim text is mixed towards the background');
});
