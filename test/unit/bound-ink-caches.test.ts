import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {boundCache, cacheLimit, inkBuildDir, inkCachePatches} from '../../scripts/bound-ink-caches.ts';

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
