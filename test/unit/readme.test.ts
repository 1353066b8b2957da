import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {generatedSections, sectionOf} from '../support/readme-sections.ts';
import {etcdeckBin} from '../support/run-cli.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

for (const [name, generate] of Object.entries(generatedSections)) {
	void test(`README's ${name} section is what the source says (npm run readme rewrites it)`, () => {
		assert.equal(sectionOf(readme, name), generate());
	});
}

void test('README quick start: the demo and the test command', () => {
	assert.match(readme, /npm ci && npm run demo/);
	assert.match(readme, /^npm test +#/m);
});

void test('the README\'s help section is exactly what etcdeck --help prints', () => {
	const printed = execFileSync(process.execPath, [etcdeckBin, '--help'], {encoding: 'utf8'});
	const section = sectionOf(readme, 'help')!.replace(/^```\n/, '').replace(/\n```$/, '');
	assert.equal(printed.replace(/^\n+/, '').trimEnd(), section);
});
