import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const forFile = path.resolve(import.meta.dirname, '../support/for-file.ts');

/** Runs a test file of its own in a node process; resolves with its exit code and output. */
async function runTestFile(source: string): Promise<{code: number; output: string}> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-for-file-'));
	const file = path.join(dir, 'start.test.ts');
	writeFileSync(file, source);
	try {
		return await new Promise(resolve => {
			// Not as a subtest of this run: node:test would skip a file run from inside a test file.
			const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_TEST_CONTEXT'));
			execFile(process.execPath, ['--import', 'tsx', file], {env, timeout: 30_000}, (error, stdout, stderr) => {
				resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr});
			});
		});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

void test('a start that outlives its before hook\'s timeout is stopped by after once it comes up', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-for-file-marks-'));
	const marks = path.join(dir, 'marks');
	writeFileSync(marks, '');
	try {
		// The start takes 1.5 s, the hook allows 200 ms: the hook fails, after runs while the start goes on.
		const {code, output} = await runTestFile([
			`import {appendFileSync} from 'node:fs';`,
			`import {test} from 'node:test';`,
			`import {startForFile} from ${JSON.stringify(forFile)};`,
			`const mark = (text) => appendFileSync(${JSON.stringify(marks)}, text + '\\n');`,
			`const thing = startForFile('slow thing', async () => { await new Promise(resolve => setTimeout(resolve, 1500)); mark('started'); return 'thing'; }, async started => { mark('stopped ' + started); }, 200);`,
			`test('uses it', () => { thing(); });`,
		].join('\n'));
		assert.notEqual(code, 0, output);
		assert.deepEqual(readFileSync(marks, 'utf8').trim().split('\n'), ['started', 'stopped thing'], output);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

void test('a start that throws leaves after nothing to stop, and the file still ends', async () => {
	const {code, output} = await runTestFile([
		`import {test} from 'node:test';`,
		`import {startForFile} from ${JSON.stringify(forFile)};`,
		`const thing = startForFile('broken thing', async () => { throw new Error('cannot start'); }, async () => { throw new Error('stop must not run'); });`,
		`test('uses it', () => { thing(); });`,
	].join('\n'));
	assert.notEqual(code, 0);
	assert.match(output, /cannot start/);
	assert.doesNotMatch(output, /stop must not run/);
});
