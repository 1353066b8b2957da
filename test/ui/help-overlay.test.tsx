import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {availablePanes} from '../../source/ui/app-state.ts';
import {HelpOverlay} from '../../source/ui/HelpOverlay.tsx';
import {keymap, type KeyBinding} from '../../source/ui/keymap.ts';
import {cells, linesOf} from '../support/render.tsx';

function helpLines(width: number): string[] {
	const {lastFrame, unmount} = render(<HelpOverlay width={width} />);
	try {
		return linesOf(lastFrame());
	} finally {
		unmount();
	}
}

/** A line of the box's inside, without its border and padding. */
const inside = (line: string) => line.replace(/^│ /, '').replace(/ *│$/, '');

function lineOf(lines: string[], binding: KeyBinding): string | undefined {
	return lines.map(inside).find(line => line.startsWith(`${binding.keys} `) && line.includes(binding.description));
}

const isUnbuiltPane = (binding: KeyBinding) => binding.action.type === 'show-pane' && !availablePanes.includes(binding.action.pane);

void test('every binding of the keymap has a line with its keys, then its description', () => {
	for (const width of [80, 100]) {
		const lines = helpLines(width);
		for (const binding of keymap) {
			const line = lineOf(lines, binding);
			assert.ok(line !== undefined, `no line for "${binding.keys}" (${binding.description}) at width ${width}:\n${lines.join('\n')}`);
			assert.equal(line.slice(binding.keys.length).trimStart().slice(0, binding.description.length), binding.description, line);
		}
	}
});

void test('bindings are listed in keymap order, under a title per scope', () => {
	const lines = helpLines(100).map(inside);
	const positions = keymap.map(binding => lines.findIndex(line => line.startsWith(`${binding.keys} `) && line.includes(binding.description)));
	assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
	const everywhere = lines.indexOf('Everywhere');
	const inHelp = lines.indexOf('In this help');
	assert.ok(everywhere >= 0 && inHelp > everywhere, lines.join('\n'));
	for (const [index, binding] of keymap.entries()) {
		const position = positions[index]!;
		assert.ok(binding.scope === 'global' ? position > everywhere && position < inHelp : position > inHelp, `${binding.keys} under the wrong title`);
	}
});

void test('keys of panes not in this build are marked, the others are not', () => {
	const lines = helpLines(100);
	for (const binding of keymap) {
		assert.equal(lineOf(lines, binding)!.endsWith('(not built yet)'), isUnbuiltPane(binding), binding.description);
	}
});

void test('the overlay is a box exactly as wide as it is told', () => {
	for (const width of [80, 100]) {
		const lines = helpLines(width);
		assert.match(lines[0]!, /^╭─+╮$/);
		assert.match(lines.at(-1)!, /^╰─+╯$/);
		assert.match(lines[1]!, /^│ etcdeck keys +│$/);
		for (const line of lines) {
			assert.equal(cells(line), width, line);
		}
	}
});
