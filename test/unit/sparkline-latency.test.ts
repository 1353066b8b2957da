import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatLatency} from '../../source/model/shared/format.ts';
import {sparkline} from '../../source/model/health/sparkline.ts';

void test('latencies read in the unit an operator expects, never "1000ms"', () => {
	const cases: Array<[number, string]> = [
		[0.000_000_4, '0µs'],
		[0.000_516, '516µs'],
		[0.000_999_6, '1.0ms'],
		[0.002_952, '3.0ms'],
		[0.009_96, '10ms'],
		[0.614_4, '614ms'],
		[0.999_6, '1.00s'],
		[2.048, '2.05s'],
	];
	for (const [seconds, text] of cases) {
		assert.equal(formatLatency(seconds), text, `${seconds} s`);
	}
});

void test('a sparkline scales from zero to its peak (or a higher ceiling), shows gaps as spaces and keeps the last points', () => {
	assert.equal(sparkline([0, 1, 2, 4, 8], 5), '▁▂▃▅█');
	assert.equal(sparkline([1, undefined, 1], 3), '█ █');
	assert.equal(sparkline([1, 1], 2, 8), '▂▂');
	assert.equal(sparkline([0, 0], 2), '▁▁');
	assert.equal(sparkline([9, 9, 1, 2], 2), '▅█');
	assert.equal(sparkline([], 5), '');
});
