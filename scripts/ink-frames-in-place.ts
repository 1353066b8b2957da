import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {inkBuildDir} from './bound-ink-caches.ts';

/**
 * Ink 6.8 draws a frame as tall as the terminal (the dashboard's every frame) by clearing the whole
 * screen and writing every line again, on every React commit, even when the text is the same. So the
 * idle dashboard repainted the screen each second for a one-line change (the status line's clock),
 * a slow link showed it as flicker, and a reader of the screen between the clear and the last line
 * (a tmux capture in the tests) saw a screen drawn only to half. This keeps Ink's frame as it is and
 * changes only how it reaches the terminal: nothing when no line changed, otherwise each changed
 * line written in place (cursor to its row, the line, erase to its end). A frame of another size,
 * the first one, or one with <Static> output is drawn as Ink draws it. Applied to the installed
 * bundle by the build and to node_modules after `npm ci`, like the bounded caches.
 */
const marker = '/* etcdeck: frames in place */';

const helper = `${marker}
function etcdeckFrameInPlace(ink, output, outputHeight, hasStaticOutput) {
    const { columns, rows } = ink.options.stdout;
    const size = columns + 'x' + rows;
    const previousSize = ink.etcdeckFrameSize;
    ink.etcdeckFrameSize = size;
    if (hasStaticOutput || size !== previousSize || outputHeight !== rows || ink.lastOutputHeight !== rows || ink.lastOutput === '') {
        return undefined;
    }
    const before = ink.lastOutput.split('\\n');
    const after = output.split('\\n');
    let frame = '';
    for (let row = 0; row < rows; row++) {
        if (after[row] !== before[row]) {
            frame += '\\u001B[' + (row + 1) + ';1H' + (after[row] ?? '') + '\\u001B[K';
        }
    }
    // The cursor ends on the last row, where a full redraw leaves it.
    return frame === '' ? '' : frame + '\\u001B[' + rows + ';1H';
}
`;

const replacements: ReadonlyArray<[string, string]> = [
	['import { resolveFlags, } from \'./kitty-keyboard.js\';\n', `import { resolveFlags, } from './kitty-keyboard.js';\n${helper}`],
	[
		'        if (this.lastOutputHeight >= this.options.stdout.rows) {\n            const sync = shouldSynchronize(this.options.stdout);',
		'        if (this.lastOutputHeight >= this.options.stdout.rows) {\n            const inPlace = etcdeckFrameInPlace(this, output, outputHeight, hasStaticOutput);\n            if (inPlace === \'\') {\n                this.lastOutputToRender = outputToRender;\n                return;\n            }\n            const sync = shouldSynchronize(this.options.stdout);',
	],
	[
		'            this.options.stdout.write(ansiEscapes.clearTerminal + this.fullStaticOutput + output);',
		'            this.options.stdout.write(inPlace ?? (ansiEscapes.clearTerminal + this.fullStaticOutput + output));',
	],
];

/** ink.js with full-height frames written in place; throws when Ink's code is not what this patch knows. */
export function framesInPlace(source: string): string {
	if (source.includes(marker)) {
		return source;
	}

	let result = source;
	for (const [from, to] of replacements) {
		if (!result.includes(from)) {
			throw new Error(`ink/build/ink.js is not the Ink 6.8 code this patch knows (no "${from.trim().split('\n')[0]}"): check how it draws a full-screen frame and update scripts/ink-frames-in-place.ts`);
		}

		result = result.replace(from, to);
	}

	return result;
}

/** Patches node_modules/ink itself (idempotent). */
export function framesInPlaceInNodeModules(): string {
	const file = path.join(inkBuildDir(), 'ink.js');
	writeFileSync(file, framesInPlace(readFileSync(file, 'utf8')));
	return file;
}
