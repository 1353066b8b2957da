import {test} from 'node:test';
import assert from 'node:assert/strict';
import {wrapWords} from '../../source/ui/shared/wrap-words.ts';

void test('words go on one line while they fit, then on the next', () => {
	assert.deepEqual(wrapWords('can only promote a learner member', 16), ['can only promote', 'a learner member']);
	assert.deepEqual(wrapWords('short', 16), ['short']);
	assert.deepEqual(wrapWords('', 16), []);
});

void test('a word longer than a line is cut across lines, and runs of spaces fold', () => {
	assert.deepEqual(wrapWords('at http://127.0.0.1:2379/very/long  now', 10), ['at', 'http://127', '.0.0.1:237', '9/very/lon', 'g now']);
	assert.ok(wrapWords('x'.repeat(25), 10).every(line => line.length <= 10));
});
