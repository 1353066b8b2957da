import {chmodSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {readFile, writeFile} from 'node:fs/promises';
import {build, type Plugin} from 'esbuild';
import {boundCache} from './bound-ink-caches.ts';
import {withPrebuiltProtos} from './etcd3-proto-json.ts';

const repository = path.resolve(import.meta.dirname, '..');

/** Ink imports react-devtools-core only when DEV=true; the package is not installed, so it is stubbed. */
const withoutDevtools: Plugin = {
	name: 'without-react-devtools',
	setup(builder) {
		builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

/** Ink's unbounded string caches, bounded in the bundle (see bound-ink-caches.ts). */
const withBoundedInkCaches: Plugin = {
	name: 'bounded-ink-caches',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/}, async arguments_ => {
			const file = path.basename(arguments_.path) as 'measure-text.js' | 'wrap-text.js';
			return {contents: boundCache(file, await readFile(arguments_.path, 'utf8')), loader: 'js'};
		});
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

/**
 * The installed command's first lines: a shell script for the kernel that execs node with those
 * options on this very file, and for node a #! line and a string followed by a comment. `env -S`
 * would say the same in one line but is missing from busybox and older coreutils.
 */
export function withLauncher(bundle: string): string {
	const body = bundle.startsWith('#!') ? bundle.slice(bundle.indexOf('\n') + 1) : bundle;
	return `#!/bin/sh\n":" //# ; exec node ${nodeOptionsForTheCommand.join(' ')} "$0" "$@"\n${body}`;
}

/**
 * One ES module of etcdeck and its dependencies, etcd3 and gRPC included, minified, with React's
 * production build: the installed command, instead of compiling TypeScript with tsx at every start.
 * It belongs at dist/bin/ in the package: it reads "../../package.json" for its version, and
 * protobufjs still requires its optional packages (long) from node_modules. `executable` makes it a
 * command (withLauncher's first lines, mode 755).
 */
export async function buildBundle(outfile: string, {executable = false} = {}): Promise<string> {
	mkdirSync(path.dirname(outfile), {recursive: true});
	await build({
		entryPoints: [path.join(repository, 'source/cli.tsx')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		minify: true,
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [withoutDevtools, withBoundedInkCaches, withEtcdProtosPrebuilt],
		// Bundled CommonJS code calls require(); an ES module has none of its own.
		banner: {js: 'import {createRequire as createRequireForBundle} from \'node:module\'; const require = createRequireForBundle(import.meta.url);'},
		logLevel: 'error',
	});
	if (executable) {
		await writeFile(outfile, withLauncher(await readFile(outfile, 'utf8')));
		chmodSync(outfile, 0o755);
	}

	return outfile;
}
