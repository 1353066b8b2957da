// npm run build (and npm ci, through "prepare"): dist/bin/etcdeck.mjs, the command as installed.
import path from 'node:path';
import {boundInkCachesInPlace} from './bound-ink-caches.ts';
import {buildBundle} from './build-bundle.ts';

for (const file of boundInkCachesInPlace()) {
	process.stdout.write(`bounded Ink's cache in ${file}\n`);
}

const file = await buildBundle(path.resolve(import.meta.dirname, '../dist/bin/etcdeck.mjs'), {executable: true});
process.stdout.write(`built ${file}\n`);
