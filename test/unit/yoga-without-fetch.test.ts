import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {yogaLoaderFile, yogaWithoutFetch} from '../../scripts/yoga-without-fetch.ts';

void test('yoga\'s wasm loads with fetch unusable: node_modules is patched as npm ci leaves it (its "dependencies" script)', () => {
	// A child with a fetch that fails loudly: the loader must decode its data: URL itself.
	const script = `globalThis.fetch = () => { throw new Error('yoga called fetch'); };
const {default: Yoga} = await import(${JSON.stringify(pathToFileURL(yogaLoaderFile()).href.replace(/binaries\/yoga-wasm-base64-esm\.js$/, 'src/index.js'))});
const node = Yoga.Node.create(); node.setWidth(7); node.calculateLayout(); process.stdout.write(String(node.getComputedWidth()));`;
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
	assert.equal(out, '7');
});

void test('a loader that is no longer the code the patch knows says so; applying it twice changes nothing', () => {
	assert.throws(() => yogaWithoutFetch('function load(){return fetch(url)}'), /not the 3\.2 code this patch knows/);
	const once = yogaWithoutFetch(readFileSync(yogaLoaderFile(), 'utf8'));
	assert.equal(yogaWithoutFetch(once), once);
	assert.ok(once.includes('function ya(){return w||ua(H)||'));
});
