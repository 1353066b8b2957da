import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli} from '../support/run-cli.ts';

/** Values that a timer or the key browser cannot take are refused by the CLI before it connects anywhere. */
const endpoint = ['--endpoints', 'http://127.0.0.1:1'];

void test('--timeout 1e12 (past a Node timer: it fired after 1 ms, "no endpoint answers") and --refresh above an hour are refused with the range', async () => {
	for (const [flag, value] of [['--timeout', '1e12'], ['--refresh', '3600001'], ['--timeout', '2147483648']] as const) {
		for (const command of [['status'], [], ['snapshot', 'save', '/nonexistent-dir']]) {
			const result = await runCli([...command, ...endpoint, flag, value]);
			assert.equal(result.code, 2, `${command.join(' ')} ${flag} ${value}: ${result.stderr}`);
			assert.equal(result.stderr, `etcdeck: ${flag} must be a whole number of milliseconds from 100 to 3600000 (one hour), got ${Number(value)}\n`);
			assert.equal(result.stdout, '');
		}
	}
});

void test('--prefix with a bad \\x escape is refused with its position', async () => {
	const result = await runCli([...endpoint, '--prefix', String.raw`/main/\xZZ`]);
	assert.equal(result.code, 2);
	assert.equal(result.stderr, String.raw`etcdeck: --prefix: bad escape "\xZZ" at position 7: \x takes two hex digits (\x2f is "/"); write \\ for a backslash` + '\n');
});
