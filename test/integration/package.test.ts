import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startClusterForFile} from '../support/cluster.ts';
import {hex, parseEtcdJson, type EtcdctlMemberList} from '../support/etcd-json.ts';
import {launchEtcdeck} from '../support/etcdeck-in-terminal.ts';
import {chordFor, shellQuote, startTerminalForFile} from '../support/tmux.ts';
import {pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';

/**
 * etcdeck as a user gets it: `npm pack` (which builds it, "prepack"), installed offline into an empty
 * prefix, then moved elsewhere and run from there with its working directory outside the repository,
 * no NODE_PATH and nothing of the repository on PATH, while a preload records every module it
 * resolves: nothing may come from anywhere but Node and the installed package itself.
 */
const repository = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8')) as {name: string; version: string};
const cluster = startClusterForFile({voters: 3});
// CI=true as a CI job's shell has it (Ink would hold every frame back were it not hidden from Ink).
const terminal = startTerminalForFile({columns: 100, rows: 30, env: {CI: 'true'}});

interface Packed {
	filename: string;
	size: number;
	unpackedSize: number;
	files: Array<{path: string}>;
}

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

let scratch: string;
let packed: Packed;
let tarball: string;
let install: Run;
let installedBytes: number;
/** Where the installed prefix ends up: not where npm installed it. */
let prefix: string;
let command: string;
let resolutions: string;
let recorder: string;

/** The caller's environment without anything that points node or npm at the repository (or at a test runner). */
function outsideEnv(extra: Record<string, string> = {}): Record<string, string> {
	const kept = Object.entries(process.env).filter(([name]) => !/^(node_path|node_options|node_test_context|npm_|etcdctl_)/i.test(name));
	const pathOutside = pathWithEtcdBinDir().split(path.delimiter).filter(entry => entry !== '' && !isInside(path.resolve(entry), repository)).join(path.delimiter);
	return {...Object.fromEntries(kept) as Record<string, string>, PATH: pathOutside, ...extra};
}

function isInside(file: string, directory: string): boolean {
	const relative = path.relative(directory, file);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function run(file: string, args: readonly string[], options: {cwd: string; env: Record<string, string>}): Promise<Run> {
	return new Promise(resolve => {
		execFile(file, args, {...options, timeout: 120_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr});
		});
	});
}

function bytesUnder(directory: string): number {
	return readdirSync(directory, {withFileTypes: true}).reduce((total, entry) => {
		const file = path.join(directory, entry.name);
		return total + (entry.isDirectory() ? bytesUnder(file) : lstatSync(file).size);
	}, 0);
}

/** A preload (NODE_OPTIONS=--require) that writes one JSON line for every module resolved, by require (createRequire) or import. */
function resolutionRecorder(): string {
	const hooks = `import {appendFileSync} from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
	const result = await next(specifier, context);
	if (result.url === import.meta.url) {
		return result;
	}

	appendFileSync(log, JSON.stringify({kind: 'import', specifier, resolved: result.url}) + '\\n');
	return result;
}`;
	return `const Module = require('node:module');
const {appendFileSync} = require('node:fs');
const log = process.env.ETCDECK_RESOLUTIONS;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (specifier, ...rest) {
	let resolved = null;
	try {
		resolved = resolveFilename.call(this, specifier, ...rest);
		return resolved;
	} finally {
		appendFileSync(log, JSON.stringify({kind: 'require', specifier, resolved}) + '\\n');
	}
};
Module.register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), {data: {log}});
`;
}

interface Resolution {
	kind: 'require' | 'import';
	specifier: string;
	resolved: string | null;
}

function recorded(): Resolution[] {
	return readFileSync(resolutions, 'utf8').split('\n').filter(line => line !== '').map(line => JSON.parse(line) as Resolution);
}

/** Resolutions to anything but Node's own modules and the installed package's files (or that found nothing). */
function fromElsewhere(entries: readonly Resolution[]): Resolution[] {
	const packageDir = path.join(prefix, 'lib/node_modules', manifest.name);
	return entries.filter(({resolved}) => {
		if (resolved === null) {
			return true;
		}

		if (resolved.startsWith('node:') || isBuiltin(resolved)) {
			return false;
		}

		return !isInside(resolved.startsWith('file:') ? fileURLToPath(resolved) : resolved, packageDir) && !isInside(resolved, path.join(prefix, 'bin'));
	});
}

/** Runs the installed command from outside the repository, with the resolution recorder preloaded. */
async function runInstalled(args: readonly string[]): Promise<Run> {
	return run(command, args, {cwd: scratch, env: outsideEnv({NODE_OPTIONS: `--require ${recorder}`, ETCDECK_RESOLUTIONS: resolutions})});
}

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-package-'));
	const cache = path.join(scratch, 'npm-cache');
	// npm pack runs "prepack" (npm run build) and prints the build's lines before its JSON.
	const pack = await run('npm', ['pack', '--json', '--pack-destination', scratch], {cwd: repository, env: {...process.env} as Record<string, string>});
	assert.equal(pack.code, 0, pack.stderr);
	packed = (JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as Packed[])[0]!;
	tarball = path.join(scratch, packed.filename);
	const installedAt = path.join(scratch, 'installed-here');
	// --offline: whatever the package needs must be in the tarball (its cache starts empty).
	install = await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--cache', cache, '--prefix', installedAt, tarball], {cwd: scratch, env: outsideEnv()});
	assert.equal(install.code, 0, install.stderr);
	installedBytes = bytesUnder(installedAt);
	prefix = path.join(scratch, 'moved', 'prefix');
	mkdirSync(path.dirname(prefix));
	renameSync(installedAt, prefix);
	command = path.join(prefix, 'bin', 'etcdeck');
	resolutions = path.join(scratch, 'resolutions.jsonl');
	recorder = path.join(scratch, 'record-resolutions.cjs');
	writeFileSync(recorder, resolutionRecorder());
}, {timeout: 240_000});

after(() => {
	if (scratch !== undefined) {
		rmSync(scratch, {recursive: true, force: true});
	}
});

void test('npm pack holds the launcher, the bundle, README, LICENSE and package.json; no dependencies and no install scripts', t => {
	assert.deepEqual(packed.files.map(file => file.path).sort(), ['LICENSE', 'README.md', 'dist/bin/etcdeck.cjs', 'dist/bin/etcdeck.mjs', 'package.json']);
	const installedManifest = JSON.parse(readFileSync(path.join(prefix, 'lib/node_modules', manifest.name, 'package.json'), 'utf8')) as {dependencies?: object; optionalDependencies?: object; peerDependencies?: object; scripts?: Record<string, string>; bin?: Record<string, string>};
	assert.deepEqual(installedManifest.dependencies ?? {}, {});
	assert.deepEqual(installedManifest.optionalDependencies ?? {}, {});
	assert.deepEqual(installedManifest.peerDependencies ?? {}, {});
	for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
		assert.equal(installedManifest.scripts?.[script], undefined, `no "${script}" script`);
	}

	assert.deepEqual(installedManifest.bin, {etcdeck: 'dist/bin/etcdeck.cjs'});
	t.diagnostic(`npm pack: ${packed.filename}, ${packed.files.length} files, ${packed.size} B packed, ${packed.unpackedSize} B unpacked`);
});

void test('npm install -g of the tarball works offline into an empty prefix, under 5 MB, without npm\'s install-scripts warning', t => {
	assert.doesNotMatch(install.stderr, /install.scripts|allowScripts/i, install.stderr);
	assert.match(install.stdout, /added 1 package/, install.stdout);
	assert.ok(installedBytes < 5 * 1024 * 1024, `installed ${installedBytes} B`);
	t.diagnostic(`installed prefix: ${installedBytes} B`);
	for (const file of ['dist/bin/etcdeck.cjs', 'dist/bin/etcdeck.mjs']) {
		assert.ok(!readFileSync(path.join(prefix, 'lib/node_modules', manifest.name, file), 'utf8').includes(repository), `${file} names no path of the repository`);
	}
});

void test('npx runs etcdeck from the tarball', async () => {
	const npx = await run('npx', ['--yes', '--offline', '--cache', path.join(scratch, 'npx-cache'), '--package', tarball, 'etcdeck', '--version'], {cwd: scratch, env: outsideEnv()});
	assert.equal(npx.code, 0, npx.stderr);
	assert.equal(npx.stdout.trim(), manifest.version);
});

void test('the installed command, moved and run outside the repository: --version, --help and status as etcdctl sees the cluster, resolving nothing but Node and its own files', async () => {
	const etcd = cluster();
	// The recorder's control: a program that loads React from the repository is caught.
	const control = path.join(scratch, 'control.cjs');
	writeFileSync(control, `require('node:module').createRequire(${JSON.stringify(path.join(repository, 'package.json'))})('react');\n`);
	writeFileSync(resolutions, '');
	const controlRun = await run(process.execPath, [control], {cwd: scratch, env: outsideEnv({NODE_OPTIONS: `--require ${recorder}`, ETCDECK_RESOLUTIONS: resolutions})});
	assert.equal(controlRun.code, 0, controlRun.stderr);
	assert.ok(fromElsewhere(recorded()).some(entry => entry.specifier === 'react' && isInside(entry.resolved!, repository)), JSON.stringify(recorded()));

	writeFileSync(resolutions, '');
	const version = await runInstalled(['--version']);
	assert.equal(version.code, 0, version.stderr);
	assert.equal(version.stdout.trim(), manifest.version);

	const help = await runInstalled(['--help']);
	assert.equal(help.code, 0, help.stderr);
	assert.match(help.stdout, /\$ etcdeck \[options\]/);
	assert.match(help.stdout, /--endpoints/);

	const status = await runInstalled(['status', '--endpoints', etcd.endpoints[0]!]);
	assert.equal(status.code, 0, `${status.stdout}\n${status.stderr}`);
	for (const member of etcd.members) {
		assert.ok(status.stdout.includes(member.name), `${member.name} in:\n${status.stdout}`);
	}

	assert.match(status.stdout, /: healthy; leader m\d/);
	const json = await runInstalled(['status', '--json', '--endpoints', etcd.endpoints[0]!]);
	const members = parseEtcdJson<EtcdctlMemberList>(await etcd.etcdctl(['member', 'list', '-w', 'json'], {endpoints: etcd.voterEndpoints}));
	assert.deepEqual((JSON.parse(json.stdout) as {members: Array<{id: string}>}).members.map(member => member.id).sort(), members.members.map(member => hex(member.ID)).sort());

	const entries = recorded();
	assert.ok(entries.some(entry => entry.kind === 'import' && entry.resolved?.endsWith('/dist/bin/etcdeck.mjs')), `the recorder saw the bundle load:\n${JSON.stringify(entries.slice(0, 5))}`);
	assert.ok(entries.some(entry => entry.kind === 'require' && entry.specifier === 'http2'), 'the recorder saw gRPC require http2');
	assert.deepEqual(fromElsewhere(entries), []);
});

void test('the installed dashboard in a real terminal, outside the repository: every member, q restores the shell', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	writeFileSync(resolutions, '');
	const environment = outsideEnv({NODE_OPTIONS: `--require ${recorder}`, ETCDECK_RESOLUTIONS: resolutions});
	await screen.type(`cd ${shellQuote(scratch)} && unset NODE_PATH && export PATH=${shellQuote(environment['PATH']!)} NODE_OPTIONS=${shellQuote(environment['NODE_OPTIONS']!)} ETCDECK_RESOLUTIONS=${shellQuote(resolutions)}`);
	const etcdeck = await launchEtcdeck(screen, ['--endpoints', etcd.endpoints[0]!, '--refresh', '500'], scratch, {program: command});
	try {
		const names = etcd.members.map(member => member.name);
		await screen.waitForScreen('every member on the members pane', text => names.every(name => text.includes(` ${name} `)));
		assert.ok(await screen.onAlternateScreen(), 'the dashboard draws on the alternate screen');
		await screen.press(chordFor('quit'));
		assert.equal(await etcdeck.exitCode(), 0);
		assert.equal(await screen.onAlternateScreen(), false, 'the alternate screen is left');
	} finally {
		await etcdeck.stop();
	}

	const entries = recorded();
	assert.ok(entries.some(entry => entry.resolved?.endsWith('/dist/bin/etcdeck.mjs')), 'the recorder saw the bundle load');
	assert.deepEqual(fromElsewhere(entries), []);
});
