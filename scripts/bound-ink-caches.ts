import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

/**
 * Ink 6.8 (the last Ink for Node 20) caches every string it ever measured or wrapped, for good
 * (vadimdemedes/ink#986; Ink 8 bounds them but needs Node 22). A dashboard tailing a log draws new
 * strings all day, so those caches grew by about 14 MiB a minute. This bounds both: when one holds
 * `cacheLimit` entries it starts again. 2,000 holds every string of several frames (a frame has a few
 * hundred) while log lines pass through; at 10,000 the caches took a minute and ten megabytes to
 * fill, which the memory test saw as growth. Applied to the installed bundle by the build and to
 * node_modules after `npm ci` or `npm install` (package.json's "dependencies" script), so the tests
 * run what ships.
 */
export const cacheLimit = 2000;
/**
 * Ink's frame builder (output.js) tokenizes every line of every frame into styled characters, with
 * caches that live for one frame only: the idle dashboard's unchanged lines were tokenized again each
 * second (a tenth of its CPU in a profile). Its caches are kept from frame to frame instead, started
 * again past this many lines (a line's styled characters take about 50 bytes a character).
 */
export const styledLineLimit = 400;
const marker = '/* etcdeck: cache bounded */';

interface CachePatch {
	file: 'measure-text.js' | 'wrap-text.js' | 'output.js';
	replacements: ReadonlyArray<[string, string]>;
}

export const inkCachePatches: readonly CachePatch[] = [
	{
		file: 'measure-text.js',
		replacements: [['    cache.set(text, dimensions);', `    ${marker} if (cache.size >= ${cacheLimit}) cache.clear();\n    cache.set(text, dimensions);`]],
	},
	{
		file: 'wrap-text.js',
		replacements: [
			['const cache = {};', `${marker} let cache = {};\nlet cacheSize = 0;`],
			['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${cacheLimit}) { cache = {}; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`],
		],
	},
	{
		file: 'output.js',
		replacements: [
			['export default class Output {', `${marker}
// Kept from frame to frame, and bounded.
let sharedCaches = new OutputCaches();
function sharedOutputCaches() {
    if (sharedCaches.styledChars.size > ${styledLineLimit} || sharedCaches.widths.size + sharedCaches.blockWidths.size > ${cacheLimit}) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
export default class Output {`],
			['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
		],
	},
];

/** The file's source with its cache bounded; throws when Ink's code is not what this patch knows. */
export function boundCache(file: CachePatch['file'], source: string): string {
	if (source.includes(marker)) {
		// Bounded before, perhaps at another limit: the limit is brought up to date.
		return source.replace(/(cache\.size >= )\d+/, `$1${cacheLimit}`).replace(/(\+\+cacheSize > )\d+/, `$1${cacheLimit}`)
			.replace(/(styledChars\.size > )\d+/, `$1${styledLineLimit}`).replace(/(blockWidths\.size > )\d+/, `$1${cacheLimit}`);
	}

	let result = source;
	for (const [from, to] of inkCachePatches.find(patch => patch.file === file)!.replacements) {
		if (!result.includes(from)) {
			throw new Error(`ink/build/${file} is not the Ink 6.8 code this patch bounds (no "${from.trim()}"): check the cache there and update scripts/bound-ink-caches.ts`);
		}

		result = result.replace(from, to);
	}

	return result;
}

/** Ink's build directory, as node resolves it from this checkout. */
export function inkBuildDir(): string {
	return path.dirname(createRequire(import.meta.url).resolve('ink'));
}

/** Bounds the caches in node_modules/ink itself (idempotent). */
export function boundInkCachesInPlace(): string[] {
	return inkCachePatches.map(({file}) => {
		const target = path.join(inkBuildDir(), file);
		writeFileSync(target, boundCache(file, readFileSync(target, 'utf8')));
		return target;
	});
}
