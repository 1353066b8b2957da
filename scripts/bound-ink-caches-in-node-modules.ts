// package.json's "dependencies" script: npm runs it in a checkout after npm ci or npm install changed
// node_modules (never for a user installing the package, never as an install script), so npm start,
// the demo and the tests run Ink with the bounded caches and frames in place, and yoga with the loader,
// the bundle ships.
import {boundInkCachesInPlace} from './bound-ink-caches.ts';
import {framesInPlaceInNodeModules} from './ink-frames-in-place.ts';
import {yogaWithoutFetchInPlace} from './yoga-without-fetch.ts';

for (const file of boundInkCachesInPlace()) {
	process.stdout.write(`bounded Ink's cache in ${file}\n`);
}

process.stdout.write(`yoga's wasm decoded without fetch in ${yogaWithoutFetchInPlace()}\n`);
process.stdout.write(`Ink's full-screen frames written in place in ${framesInPlaceInNodeModules()}\n`);
