import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {inkBuildDir} from '../../scripts/bound-ink-caches.ts';
import {framesInPlace} from '../../scripts/ink-frames-in-place.ts';
import {FrameReader} from '../bench/frame-reader.ts';

const clearScreen = '\u001B[2J';

/** What each step of the child's fake terminal received (CI unset: Ink would keep every frame back). */
function frameWrites(): Record<string, string> {
	const env = {...process.env};
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	const script = path.resolve(import.meta.dirname, '../support/ink-frame-writes.tsx');
	return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], {encoding: 'utf8', env})) as Record<string, string>;
}

void test('a full-screen frame that changes one line writes only that line, in place; one that changes nothing writes nothing; a resize redraws all', () => {
	const steps = frameWrites();
	assert.ok(steps['first']!.includes('alpha'), 'the first frame is drawn');
	// The second full-height frame is the last one Ink draws whole (the first came through its line log).
	assert.ok(steps['second']!.includes(clearScreen));
	const oneLine = steps['oneLine']!;
	assert.ok(!oneLine.includes(clearScreen), `no clearing of the screen for one line: ${JSON.stringify(oneLine)}`);
	assert.ok(oneLine.includes('\u001B[4;1Hclock 3\u001B[K'), `the 4th row rewritten in place: ${JSON.stringify(oneLine)}`);
	assert.ok(!oneLine.includes('alpha') && !oneLine.includes('gamma'), 'the unchanged rows are not written');
	assert.equal(steps['same'], '', 'an unchanged frame writes nothing');
	assert.ok(steps['resized']!.includes(clearScreen) && steps['resized']!.includes('alpha'), 'after a resize the whole screen is drawn again');
});

void test('node_modules\' Ink carries the patch; a changed Ink is refused by name; applying it twice changes nothing', () => {
	const source = readFileSync(path.join(inkBuildDir(), 'ink.js'), 'utf8');
	assert.ok(source.includes('etcdeck: frames in place'), 'ink.js is not patched: run npm run dependencies');
	assert.equal(framesInPlace(source), source);
	assert.throws(() => framesInPlace('export default class Ink {}'), /not the Ink 6\.8 code this patch knows/);
});

void test('the benchmark\'s frame reader keeps the screen: a frame of changed lines updates those rows of the last whole one', () => {
	const steps = frameWrites();
	const reader = new FrameReader();
	const texts = ['first', 'second', 'oneLine', 'resized'].map(step => reader.feed(0, steps[step]!).at(-1)?.text);
	assert.equal(texts[2], 'alpha\nbeta\ngamma\nclock 3');
	assert.equal(texts[3], 'alpha\nbeta\ngamma\nclock 4');
});
