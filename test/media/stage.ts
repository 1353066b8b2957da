import {writeFileSync} from 'node:fs';
import path from 'node:path';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {panes, type CommandId, type KeyScope, type PaneId} from '../../source/ui/app/keymap.ts';
import type {KeyChord} from '../../source/ui/keymap/key-chord.ts';
import {chordFor, type TmuxTerminal} from '../support/tmux.ts';
import {parseCapture, screenText, type Cell} from './ansi-cells.ts';
import {svgToPng} from './rasterise.ts';
import {screenFont, screenSvg} from './screen-svg.ts';
import {darkTheme} from './terminal-theme.ts';

/** The terminal's fixed size: every picture is this many cells. */
export const screenSize = {columns: 100, rows: 30};

// A font size that makes a cell exactly 10 pixels wide: block characters side by side then meet on a
// pixel edge, with no seam between them.
const svgOptions = {theme: darkTheme, fontSize: (10 * screenFont.unitsPerEm) / screenFont.advance, padding: 16};
/** PNGs at twice the SVG's size stay sharp on high-density screens. */
const pngZoom = 2;

/** One look at the screen: its cells for the picture, its text to decide whether it is the one. */
export interface ScreenCapture {
	cells: Cell[][];
	text: string;
}

/**
 * What a scene works with: the running etcdeck in its terminal, the cluster under it, and `shoot`,
 * which pictures the screen as it is now.
 */
export class Stage {
	/** Paths written so far, for the closing list. */
	readonly written: string[] = [];

	/** `loggedMember`: the member whose log file the Logs pane tails. */
	constructor(readonly terminal: TmuxTerminal, readonly cluster: LocalCluster, readonly loggedMember: string, private readonly mediaDir: string) {}

	/** Presses the first key the keymap binds to `command` in `scope`. */
	async press(command: CommandId, scope: KeyScope = 'global'): Promise<void> {
		await this.terminal.press(chordFor(command, scope));
	}

	async pressChord(chord: KeyChord): Promise<void> {
		await this.terminal.press(chord);
	}

	async waitForScreen(what: string, check: (screen: string) => boolean, timeoutMs?: number): Promise<string> {
		return this.terminal.waitForScreen(what, check, timeoutMs);
	}

	/**
	 * Shows a pane and waits until its tab is the highlighted one: a key pressed before the dashboard
	 * has taken the last one may reach it in the same read, and Ink then matches neither.
	 */
	async showPane(pane: PaneId): Promise<void> {
		const tab = panes.find(candidate => candidate.id === pane)!;
		await this.press(pane);
		await waitFor(`the ${tab.title} pane`, async () => (highlightedTab((await this.capture()).cells) === `${tab.number} ${tab.title}` ? true : undefined), {timeoutMs: 15_000, intervalMs: 50});
	}

	/** Presses ↓ until the row marked › is `name`'s (rows are members in the same order on every member pane). */
	async selectMember(name: string): Promise<void> {
		for (let step = 0; step <= this.cluster.members.length; step++) {
			const screen = await this.terminal.screen();
			if (screen.split('\n').some(line => line.startsWith('› ') && line.includes(` ${name} `))) {
				return;
			}

			await this.press('select-next');
			await this.waitForScreen('the selection to move', next => next !== screen);
		}

		throw new Error(`could not select ${name}`);
	}

	/** The screen now, with its colours. */
	async capture(): Promise<ScreenCapture> {
		const cells = parseCapture(await this.terminal.colouredScreen(), screenSize.columns, screenSize.rows);
		return {cells, text: screenText(cells)};
	}

	/** Writes the screen, as it is now or as captured earlier, as `name`.svg and `name`.png in the media directory. */
	async shoot(name: string, capture?: ScreenCapture): Promise<void> {
		const screen = (capture ?? await this.capture()).cells;
		const svg = screenSvg(screen, svgOptions);
		const svgPath = path.join(this.mediaDir, `${name}.svg`);
		const pngPath = path.join(this.mediaDir, `${name}.png`);
		writeFileSync(svgPath, svg);
		writeFileSync(pngPath, svgToPng(svg, pngZoom));
		this.written.push(svgPath, pngPath);
	}
}

/** The text of the pane tab drawn in inverse ("3 Lag"), if the screen shows one. */
function highlightedTab(screen: Cell[][]): string | undefined {
	for (const row of screen) {
		const inverse = row.map(cell => (cell.style.inverse ? cell.text : '\n')).join('').split('\n').map(text => text.trim());
		const tab = inverse.find(text => /^\d \S+$/u.test(text));
		if (tab !== undefined) {
			return tab;
		}
	}

	return undefined;
}
