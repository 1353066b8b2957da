import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {HelpOverlay, maxHelpOffset} from '../../source/ui/keymap/HelpOverlay.tsx';
import {commandTable, helpNotes, keymap} from '../../source/ui/app/keymap.ts';
import type {Binding} from '../../source/ui/keymap/binding.ts';
import {chordsLabel} from '../../source/ui/keymap/key-chord.ts';

const scopeTitles: Readonly<Record<string, string>> = commandTable.scopeTitles;
/** The bindings help lists: those with keys (a `:` command alone is the command line's). */
const keyed = keymap.filter(binding => binding.chords.length > 0);
import {cells, linesOf} from '../support/render.tsx';

const tall = 200;
const noneUnavailable = () => undefined;

function helpLines(width: number, height = tall, offset = 0, unavailableReason: (binding: Binding) => string | undefined = noneUnavailable): string[] {
	const {lastFrame, unmount} = render(<HelpOverlay table={commandTable} width={width} height={height} offset={offset} unavailableReason={unavailableReason} />);
	try {
		return linesOf(lastFrame());
	} finally {
		unmount();
	}
}

/** A line of the box's inside, without its border and padding. */
const inside = (line: string) => line.replace(/^│ /, '').replace(/ *│$/, '');

/** The bindings whose keys and description appear on one line, in any column. */
function bindingsShown(lines: string[]): Set<Binding> {
	return new Set(keyed.filter(binding => lines.some(line => line.includes(`${chordsLabel(binding.chords)} `) && line.includes(binding.description))));
}

void test('with room, one column lists every binding: its keys, then its description', () => {
	const lines = helpLines(100).map(inside);
	for (const binding of keyed) {
		const line = lines.find(candidate => candidate.startsWith(`${chordsLabel(binding.chords)} `) && candidate.includes(binding.description));
		assert.ok(line !== undefined, `no line for "${chordsLabel(binding.chords)}" (${binding.description}):\n${lines.join('\n')}`);
		assert.equal(line.slice(chordsLabel(binding.chords).length).trimStart().slice(0, binding.description.length), binding.description, line);
	}
});

void test('bindings are listed in keymap order, under a title per scope', () => {
	const lines = helpLines(100).map(inside);
	// Each binding's line is found after the previous binding's: two scopes may share keys and words.
	const positions: number[] = [];
	for (const binding of keyed) {
		const from = (positions.at(-1) ?? -1) + 1;
		const found = lines.slice(from).findIndex(line => line.startsWith(`${chordsLabel(binding.chords)} `) && line.includes(binding.description));
		assert.ok(found >= 0, `"${chordsLabel(binding.chords)}: ${binding.description}" not found after line ${from}:\n${lines.join('\n')}`);
		positions.push(from + found);
	}

	for (const [index, binding] of keyed.entries()) {
		const title = lines.lastIndexOf(scopeTitles[binding.scope]!, positions[index]);
		assert.ok(title >= 0, `${chordsLabel(binding.chords)} has no "${scopeTitles[binding.scope]}" title above it`);
		const otherTitles = Object.values(scopeTitles).filter(text => text !== scopeTitles[binding.scope]).map(text => lines.indexOf(text));
		assert.ok(otherTitles.every(other => other < title || other > positions[index]!), `${chordsLabel(binding.chords)} under the wrong title`);
	}
});

void test('at 80x24 every binding can be seen, in two columns and by scrolling, never cut off', () => {
	// In the app at 80x24, help gets the whole screen but the status line and the one line Ink keeps free.
	const width = 80;
	const height = 22;
	const seen = new Set<Binding>();
	for (let offset = 0; offset <= maxHelpOffset(commandTable, width, height); offset++) {
		const lines = helpLines(width, height, offset);
		assert.equal(lines.length, height);
		for (const line of lines) {
			assert.equal(cells(line), width, line);
		}

		for (const binding of bindingsShown(lines)) {
			seen.add(binding);
		}
	}

	assert.deepEqual(keyed.filter(binding => !seen.has(binding)).map(binding => binding.description), []);
});

void test('when not everything fits, the last line says how much more there is and how to scroll', () => {
	const height = 8;
	assert.ok(maxHelpOffset(commandTable, 80, height) > 0);
	assert.match(inside(helpLines(80, height, 0).at(-2)!), /^↓ \d+ more {2}↑↓ scroll {2}Esc close/);
	assert.match(inside(helpLines(80, height, 1).at(-2)!), /^↑ 1 more {2}↓ \d+ more/);
	assert.equal(inside(helpLines(100).at(-2)!), 'Esc close');
});

void test('a binding that does nothing in this run says why', () => {
	const first = keyed[0]!;
	const lines = helpLines(100, tall, 0, binding => (binding === first ? 'not built yet' : undefined));
	for (const binding of keyed) {
		const line = lines.map(inside).find(candidate => candidate.startsWith(`${chordsLabel(binding.chords)} `) && candidate.includes(binding.description))!;
		assert.equal(line.includes(`${binding.description} (not built yet)`), binding === first, line);
	}
});

void test('a binding with a `:` name shows it, with its arguments, after its description', () => {
	const lines = helpLines(100).map(inside);
	const named = keymap.filter(binding => binding.name !== undefined);
	assert.ok(named.length >= 10, 'the panes, promote, move-leader, snapshot and q have names');
	for (const binding of named) {
		const args = (binding.args ?? []).map(arg => (arg.optional === true ? ` [${arg.name}]` : ` ${arg.name}`)).join('');
		const line = lines.find(candidate => candidate.startsWith(`${chordsLabel(binding.chords)} `) && candidate.includes(binding.description));
		assert.ok(line?.includes(`${binding.description}  :${binding.name}${args}`), `${binding.name}: ${line}`);
	}
});

void test('the overlay is a box exactly as wide and as tall as it is told', () => {
	for (const [width, height] of [[80, 22], [100, 40]] as const) {
		const lines = helpLines(width, height);
		assert.equal(lines.length, height);
		assert.match(lines[0]!, /^╭─+╮$/);
		assert.match(lines.at(-1)!, /^╰─+╯$/);
		assert.match(lines[1]!, /^│ etcdeck keys +│$/);
		for (const line of lines) {
			assert.equal(cells(line), width, line);
		}
	}
});

void test('the notes say how health percentiles are made and what the Keys pane reads without quorum, in full', () => {
	const text = helpLines(100).map(inside).join(' ').replace(/\s+/g, ' ');
	for (const note of helpNotes) {
		assert.ok(text.includes(note), `"${note}" missing from:\n${text}`);
	}

	assert.ok(helpNotes.some(note => note.includes('bucket deltas between scrapes')));
	assert.ok(helpNotes.some(note => note.includes('without quorum')));
});

void test('at 80x24 every column starts with its group\'s heading, a continued group\'s again with "(cont.)", scrolled or not', () => {
	const width = 80;
	const height = 22;
	const headings = new Set([...Object.values(scopeTitles), 'Notes']);
	const full = [...headings].flatMap(heading => [heading, `${heading} (cont.)`]);
	// A narrow column cuts a long heading with "…".
	const isHeading = (text: string) => full.includes(text) || (text.endsWith('…') && full.some(heading => heading.startsWith(text.slice(0, -1))));
	let continued = 0;
	for (let offset = 0; offset <= maxHelpOffset(commandTable, width, height); offset++) {
		// The box's border, the title, then the first row of each column side by side.
		const columnsTop = inside(helpLines(width, height, offset)[2]!).split(/ {3,}/);
		assert.equal(columnsTop.length, 2, `two columns at offset ${offset}: ${columnsTop.join(' | ')}`);
		for (const top of columnsTop) {
			assert.ok(isHeading(top), `offset ${offset}: a column starts with "${top}", not a heading`);
			continued += /\(cont\.\)$|\(con…$/.test(top) ? 1 : 0;
		}
	}

	assert.ok(continued > 0, 'some group goes on in the next column');
});
