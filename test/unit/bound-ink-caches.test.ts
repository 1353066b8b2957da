import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {boundCache, cacheLimit, inkBuildDir, inkCachePatches, styledLineLimit} from '../../scripts/bound-ink-caches.ts';

void test('Ink\'s string caches are bounded in node_modules, as npm ci leaves them (its "dependencies" script)', () => {
	for (const {file} of inkCachePatches) {
		const source = readFileSync(path.join(inkBuildDir(), file), 'utf8');
		assert.ok(source.includes('etcdeck: cache bounded') && source.includes(String(cacheLimit)), `${file} is not bounded: run npm run dependencies`);
	}
});

void test('a patch that no longer matches Ink\'s code says so instead of shipping unbounded caches', () => {
	assert.throws(() => boundCache('measure-text.js', 'const cache = new Map(); export default () => 1;'), /not the Ink 6.8 code this patch bounds/);
	const once = boundCache('wrap-text.js', readFileSync(path.join(inkBuildDir(), 'wrap-text.js'), 'utf8'));
	assert.equal(boundCache('wrap-text.js', once), once, 'applying it twice changes nothing');
});

void test('Ink\'s frame builder keeps its line caches from one frame to the next, and starts them again past the limit', async () => {
	interface Caches {
		styledChars: Map<string, unknown>;
	}
	const {default: Output} = await import(pathToFileURL(path.join(inkBuildDir(), 'output.js')).href) as {default: new (options: {width: number; height: number}) => {caches: Caches; write: (x: number, y: number, text: string, options: {transformers: unknown[]}) => void; get: () => {output: string}}};
	const first = new Output({width: 10, height: 1});
	first.write(0, 0, 'same line', {transformers: []});
	assert.equal(first.get().output, 'same line');
	const second = new Output({width: 10, height: 1});
	assert.equal(second.caches, first.caches, 'the next frame finds the line tokenized');
	for (let index = 0; index <= styledLineLimit; index++) {
		second.caches.styledChars.set(`line ${index}`, []);
	}

	assert.notEqual(new Output({width: 10, height: 1}).caches, first.caches, 'past the limit the caches start again');
});
