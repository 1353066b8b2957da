import {setTimeout as delay} from 'node:timers/promises';
import {formatCount} from '../../source/model/shared/format.ts';
import {keysKeymap, type KeysCommand} from '../../source/ui/keys/keys-keymap.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import type {Frame} from './frame-reader.ts';

/** A screen showing the Keys pane: a real terminal with etcdeck, or Ink rendering into memory. */
export interface BrowseScreen {
	press: (bytes: string) => number;
	frame: (what: string, check: (text: string) => boolean, options?: {after?: number; timeoutMs?: number}) => Promise<Frame>;
	rssBytes: () => number;
}

/** The prefix browsed and what its first page starts with. */
export interface BrowsedPrefix {
	/** The row the prefix has one level up, e.g. "bench/". */
	row: string;
	/** The first key's name within the prefix, e.g. "k0000000". */
	firstKey: string;
	keyCount: number;
}

export interface BrowseRun {
	/** From Enter on the prefix's row to the frame with its first page. */
	firstPageMs: number;
	/** Just before this Enter. */
	rssBeforeEnter: number;
	rssAtFirstPage: number;
	/** Once the level's key count is on screen too. */
	rssSettled: number;
}

export interface BrowseResult {
	/** With the level above shown and counted, before the first Enter. */
	rssBefore: number;
	runs: BrowseRun[];
	/** Back at the level above after the last run. */
	rssAfter: number;
}

/** What a terminal sends for the Keys pane's first key of `command`. */
export function keysKey(command: KeysCommand): string {
	const binding = keysKeymap.find(candidate => candidate.command === command);
	if (binding === undefined) {
		throw new Error(`no key is bound to ${command} in the Keys pane`);
	}

	return chordBytes(binding.chords[0]!);
}

/**
 * On a screen showing the level above the prefix: Enter on the prefix's row, time to the frame with
 * its first page; back up; again. RSS is read before each Enter, at the first page and once the
 * level's count is shown, and before and after all the runs.
 */
export async function browseIntoPrefix(screen: BrowseScreen, prefix: BrowsedPrefix, runs: number): Promise<BrowseResult> {
	const counted = `${formatCount(prefix.keyCount)} keys`;
	const rowCounted = new RegExp(`${escapeRegExp(prefix.row)}\\s+${escapeRegExp(counted)}`);
	await screen.frame(`the ${prefix.row} row with its count`, text => rowCounted.test(text) && !text.includes(prefix.firstKey), {timeoutMs: 60_000});
	await delay(300);
	const rssBefore = screen.rssBytes();
	const results: BrowseRun[] = [];
	for (let run = 0; run < runs; run++) {
		const rssBeforeEnter = screen.rssBytes();
		const pressed = screen.press(keysKey('keys-enter'));
		const page = await screen.frame(`the first page of ${prefix.row}`, text => text.includes(prefix.firstKey), {after: pressed});
		const rssAtFirstPage = screen.rssBytes();
		await screen.frame(`the count of ${prefix.row}`, text => text.includes(prefix.firstKey) && text.includes(counted), {timeoutMs: 60_000});
		await delay(200);
		results.push({firstPageMs: page.at - pressed, rssBeforeEnter, rssAtFirstPage, rssSettled: screen.rssBytes()});
		const back = screen.press(keysKey('keys-up'));
		await screen.frame(`the level above ${prefix.row} again`, text => rowCounted.test(text) && !text.includes(prefix.firstKey), {after: back, timeoutMs: 60_000});
		await delay(200);
	}

	return {rssBefore, runs: results, rssAfter: screen.rssBytes()};
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}
