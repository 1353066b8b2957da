// npm run build (and npm ci, through "prepare"): dist/bin/, the command as installed.
import {boundInkCachesInPlace} from './bound-ink-caches.ts';
import {buildCommand} from './build-bundle.ts';

for (const file of boundInkCachesInPlace()) {
	process.stdout.write(`bounded Ink's cache in ${file}\n`);
}

process.stdout.write(`built ${await buildCommand()}\n`);
