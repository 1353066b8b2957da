import {chmodSync, mkdirSync, readFileSync, renameSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import path from 'node:path';
import {readFile, writeFile} from 'node:fs/promises';
import {build, type Metafile, type Plugin} from 'esbuild';
import {boundCache} from './bound-ink-caches.ts';
import {framesInPlace} from './ink-frames-in-place.ts';
import {withPrebuiltProtos} from './etcd3-proto-json.ts';
import {yogaWithoutFetch} from './yoga-without-fetch.ts';

const repository = path.resolve(import.meta.dirname, '..');

/**
 * Ink loads its React DevTools bridge (devtools.js: react-devtools-core, and ws with its optional
 * native helpers for a window polyfill) only when DEV=true. The command is not a React development
 * session: the bridge is left out, so the bundle needs no package at run time.
 */
const withoutDevtools: Plugin = {
	name: 'without-react-devtools',
	setup(builder) {
		builder.onResolve({filter: /^\.\/devtools\.js$/}, arguments_ => (/[\\/]ink[\\/]build[\\/]/.test(arguments_.importer) ? {path: 'ink-devtools', namespace: 'stub'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: '', loader: 'js'}));
	},
};

/** Ink's unbounded string caches, bounded in the bundle (see bound-ink-caches.ts). */
const withBoundedInkCaches: Plugin = {
	name: 'bounded-ink-caches',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text|output)\.js$/}, async arguments_ => {
			const file = path.basename(arguments_.path) as 'measure-text.js' | 'wrap-text.js' | 'output.js';
			return {contents: boundCache(file, await readFile(arguments_.path, 'utf8')), loader: 'js'};
		});
	},
};

/** yoga's wasm decoded from its data: URL without fetch (see yoga-without-fetch.ts). */
const withYogaWithoutFetch: Plugin = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async arguments_ => ({contents: yogaWithoutFetch(await readFile(arguments_.path, 'utf8')), loader: 'js'}));
	},
};

/** Ink's full-screen frames written in place, only the lines that changed (see ink-frames-in-place.ts). */
const withInkFramesInPlace: Plugin = {
	name: 'ink-frames-in-place',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]ink\.js$/}, async arguments_ => ({contents: framesInPlace(await readFile(arguments_.path, 'utf8')), loader: 'js'}));
	},
};

/** etcd3, bundled with gRPC and protobufjs, with its API prebuilt (see etcd3-proto-json.ts). */
const withEtcdProtosPrebuilt: Plugin = {
	name: 'etcd3-protos-prebuilt',
	setup(builder) {
		builder.onLoad({filter: /[\\/]etcd3[\\/]lib[\\/]connection-pool\.js$/}, async arguments_ => ({contents: withPrebuiltProtos(await readFile(arguments_.path, 'utf8')), loader: 'js'}));
	},
};

/**
 * V8 grows its young generation to 16 MB a semi-space (32 MB resident) during start-up and keeps it,
 * though the idle dashboard's young objects die within a scavenge: 2 MB a semi-space keeps etcdeck
 * about 25 MB smaller at the same CPU (npm run bench, section 4).
 */
export const nodeOptionsForTheCommand = ['--max-semi-space-size=2'];

/** The installed command's two files, side by side in dist/bin/ (the package's "bin" is the launcher). */
export const commandFiles = {launcher: 'etcdeck.cjs', bundle: 'etcdeck.mjs'} as const;

/** Where `npm run build` (and so `npm pack`) puts the command: what package.json's "bin" and "files" name. */
export const commandDirectory = path.join(repository, 'dist/bin');

/** The oldest Node.js the command runs on, from package.json's engines.node (which must read ">=MAJOR[.MINOR[.PATCH]]"). */
export function nodeNeeded(engines = (JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8')) as {engines?: {node?: string}}).engines?.node): string {
	const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines?.trim() ?? '');
	if (match === null) {
		throw new Error(`package.json's engines.node is ${JSON.stringify(engines)}: the launcher understands only ">=MAJOR[.MINOR[.PATCH]]"`);
	}

	return match[1]!;
}

/**
 * The launcher npm links the command to. For the kernel it is a shell script that execs node with
 * the command's options on this very file (`env -S` would say that in one line but is missing from
 * busybox and older coreutils); for node, a #! line, a string followed by a comment, then plain ES5
 * in a CommonJS file, which any Node.js parses: an older Node than package.json's engines gets one
 * line naming the version needed (exit 2, as for anything refused before etcdeck starts) instead of
 * a SyntaxError from the bundle. `import()` is behind Function because Node before 12 cannot parse
 * it; the bundle's own errors stay Node's (an unhandled rejection: the stack, exit 1).
 */
export function launcherSource(needed = nodeNeeded()): string {
	const parts = needed.split('.').map(Number);
	const neededParts = [0, 1, 2].map(index => parts[index] ?? 0);
	return `#!/bin/sh
":" //# ; exec node ${nodeOptionsForTheCommand.join(' ')} "$0" "$@"
// etcdeck's launcher: checks the Node.js version in syntax any Node.js reads, then loads ${commandFiles.bundle} beside it.
var needed = ${JSON.stringify(neededParts)};
var running = process.versions.node.split('.');
for (var index = 0; index < needed.length; index++) {
	if (Number(running[index]) !== needed[index]) {
		if (Number(running[index]) < needed[index]) {
			process.stderr.write('etcdeck needs Node.js ${needed} or newer; this is Node.js ' + process.versions.node + ' (' + process.execPath + ')\\n');
			process.exit(2);
		}

		break;
	}
}

new Function('url', 'return import(url)')(require('url').pathToFileURL(require('path').join(__dirname, ${JSON.stringify(commandFiles.bundle)})).href);
`;
}

/** What the bundle may import at run time: Node's own modules only, so the package has no dependencies. */
function assertOnlyBuiltins(metafile: Metafile): void {
	const packages = Object.values(metafile.outputs).flatMap(output => output.imports).filter(entry => entry.external && !isBuiltin(entry.path)).map(entry => `${entry.path} (${entry.kind})`);
	if (packages.length > 0) {
		throw new Error(`the bundle would load ${[...new Set(packages)].join(', ')} from node_modules at run time, and the package has no dependencies: bundle it or stub it in scripts/build-bundle.ts`);
	}
}

/**
 * One ES module of etcdeck and its dependencies, etcd3 and gRPC included, minified, with React's
 * production build: the installed command, instead of compiling TypeScript with tsx at every start.
 * It imports nothing but Node's own modules (the build fails otherwise) and reads "../../package.json"
 * for its version, so it belongs at dist/bin/ in the package.
 */
export async function buildBundle(outfile: string): Promise<string> {
	mkdirSync(path.dirname(outfile), {recursive: true});
	const {metafile} = await build({
		entryPoints: [path.join(repository, 'source/cli.tsx')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		minify: true,
		metafile: true,
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [withoutDevtools, withBoundedInkCaches, withInkFramesInPlace, withEtcdProtosPrebuilt, withYogaWithoutFetch],
		// Bundled CommonJS code calls require(); an ES module has none of its own.
		banner: {js: 'import {createRequire as createRequireForBundle} from \'node:module\'; const require = createRequireForBundle(import.meta.url);'},
		logLevel: 'error',
	});
	assertOnlyBuiltins(metafile);
	return outfile;
}

/**
 * The installed command in `directory` (dist/bin/ by default, as npm run build makes it): the bundle
 * and its launcher (mode 755). Returns the launcher, which is what runs as `etcdeck`.
 */
export async function buildCommand(directory = commandDirectory): Promise<string> {
	// Built beside and renamed into place: a command already running from dist/bin/ (another test run,
	// another etcd line in CI) never reads a half-written bundle.
	const partial = `.partial-${process.pid}`;
	const bundle = path.join(directory, commandFiles.bundle);
	await buildBundle(bundle + partial);
	renameSync(bundle + partial, bundle);
	const launcher = path.join(directory, commandFiles.launcher);
	await writeFile(launcher + partial, launcherSource());
	chmodSync(launcher + partial, 0o755);
	renameSync(launcher + partial, launcher);
	return launcher;
}
