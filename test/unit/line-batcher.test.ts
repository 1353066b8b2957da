import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LineBatcher} from '../../source/logs/line-batcher.ts';

function collect(intervalMs = 100): {batcher: LineBatcher; batches: string[][]} {
	const batches: string[][] = [];
	return {batcher: new LineBatcher(intervalMs, lines => batches.push(lines)), batches};
}

test('a burst of thousands of lines is one delivery per interval, not one per line', t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const {batcher, batches} = collect(100);
	for (let index = 1; index <= 5000; index++) {
		batcher.write(`line ${index}\n`);
	}

	assert.equal(batches.length, 0, 'nothing before the interval has passed');
	t.mock.timers.tick(99);
	assert.equal(batches.length, 0);
	t.mock.timers.tick(1);
	assert.equal(batches.length, 1);
	assert.equal(batches[0]!.length, 5000);
	assert.equal(batches[0]![4999], 'line 5000');
	for (let index = 5001; index <= 8000; index++) {
		batcher.write(`line ${index}\n`);
	}

	t.mock.timers.tick(100);
	assert.deepEqual(batches.map(batch => batch.length), [5000, 3000]);
});

test('a line waits at most one interval', t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const {batcher, batches} = collect(100);
	batcher.write('one\n');
	t.mock.timers.tick(100);
	assert.deepEqual(batches, [['one']]);
	t.mock.timers.tick(1000);
	assert.deepEqual(batches, [['one']], 'no empty deliveries while idle');
});

test('chunks cut mid-line are joined; CRLF and blank lines are handled; end() delivers a last line without newline', t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const {batcher, batches} = collect(100);
	batcher.write('{"MESSAGE":"hal');
	batcher.write('f"}\r\n\nnext\nunfinish');
	t.mock.timers.tick(100);
	assert.deepEqual(batches, [['{"MESSAGE":"half"}', 'next']]);
	batcher.write('ed');
	batcher.end();
	assert.deepEqual(batches, [['{"MESSAGE":"half"}', 'next'], ['unfinished']]);
});

test('close() drops what is pending and delivers nothing more', t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const {batcher, batches} = collect(100);
	batcher.write('a\n');
	batcher.close();
	batcher.write('b\n');
	batcher.end();
	t.mock.timers.tick(500);
	assert.deepEqual(batches, []);
});
