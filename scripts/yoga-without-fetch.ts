import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

/**
 * yoga-layout 3.2 (Ink's layout engine) carries its WebAssembly as a base64 data: URL, and its
 * Emscripten loader hands that URL to fetch() whenever fetch exists. In Node that loads undici, the
 * whole HTTP client, to decode a string: about 70 ms of every start on a 2-core VM, before the first
 * frame (npm run bench, section 2), and its memory for good. The loader already decodes data: URLs
 * itself when fetch is missing; this makes it do so when the URL is one. etcdeck's own HTTP goes
 * through node:http. Applied to the installed bundle by the build and to node_modules after `npm ci`,
 * like the bounded Ink caches.
 */
const from = 'function ya(){return w||"function"!=typeof fetch?';
const to = 'function ya(){return w||ua(H)||"function"!=typeof fetch?';

/** yoga's loader with the data: URL decoded in place; throws when the code is not what this patch knows. */
export function yogaWithoutFetch(source: string): string {
	if (source.includes(to)) {
		return source;
	}

	if (!source.includes(from)) {
		throw new Error('yoga-layout\'s wasm loader is not the 3.2 code this patch knows (no "function ya(){return w||…fetch"): check how it loads its wasm and update scripts/yoga-without-fetch.ts');
	}

	return source.replace(from, to);
}

/** The loader's file, as node resolves it from Ink. */
export function yogaLoaderFile(): string {
	const fromInk = createRequire(createRequire(import.meta.url).resolve('ink'));
	return path.join(path.dirname(fromInk.resolve('yoga-layout')), '../binaries/yoga-wasm-base64-esm.js');
}

/** Patches node_modules' yoga-layout itself (idempotent). */
export function yogaWithoutFetchInPlace(): string {
	const file = yogaLoaderFile();
	writeFileSync(file, yogaWithoutFetch(readFileSync(file, 'utf8')));
	return file;
}
