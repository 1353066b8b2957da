import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {demoScenarios} from '../../source/demo/scenarios.ts';

const runDemo = fileURLToPath(new URL('../../source/demo/run-demo.ts', import.meta.url));

/** `npm run demo -- ARGS` as a process; these cases are answered before any etcd starts. */
async function demo(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile(process.execPath, ['--import', 'tsx', runDemo, ...args], {timeout: 30_000}, (error, stdout, stderr) => {
			resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr});
		});
	});
}

void test('npm run demo -- --scenario NAME refuses an unknown name, listing the known ones, exit 2', async () => {
	const result = await demo(['--scenario', 'split-brain']);
	assert.deepEqual(result, {code: 2, stdout: '', stderr: `demo: no scenario "split-brain"; the scenarios: ${demoScenarios.map(scenario => scenario.name).join(', ')} (npm run demo -- --help)\n`});
});

void test('npm run demo -- --help lists every scenario with what it shows, exit 0', async () => {
	const result = await demo(['--help']);
	assert.equal(result.code, 0);
	for (const scenario of demoScenarios) {
		assert.match(result.stdout, new RegExp(`^ {2}${scenario.name} +${scenario.description.replaceAll(/[()%.,]/g, '\\$&')}$`, 'm'));
	}
});
