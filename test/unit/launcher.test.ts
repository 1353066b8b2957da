import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Linter} from 'eslint';
import {commandFiles, launcherSource, nodeNeeded, nodeOptionsForTheCommand} from '../../scripts/build-bundle.ts';
import {withTempDir} from '../support/temp-dir.ts';

/** What Node.js 0.10 to 4 parse: a launcher that only these accept reads on any Node. */
function es5SyntaxErrors(source: string): string[] {
	return new Linter().verify(source, {languageOptions: {ecmaVersion: 5, sourceType: 'script'}}).filter(message => message.fatal).map(message => `${message.line}:${message.column} ${message.message}`);
}

void test('the launcher is plain ES5, which every Node.js parses (the check would see const, arrows or import())', () => {
	assert.deepEqual(es5SyntaxErrors(launcherSource()), []);
	assert.notDeepEqual(es5SyntaxErrors('const x = 1;'), [], 'the check itself rejects ES2015');
	assert.notDeepEqual(es5SyntaxErrors('import("./etcdeck.mjs");'), [], 'the check itself rejects import()');
});

void test('the version the launcher asks for is package.json\'s engines.node; an engines it cannot read fails the build', () => {
	const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {engines: {node: string}}).engines.node;
	assert.equal(`>=${nodeNeeded()}`, engines.replaceAll(' ', ''));
	assert.equal(nodeNeeded('>=20.11'), '20.11');
	assert.throws(() => nodeNeeded('^20 || ^22'), /only ">=MAJOR\[\.MINOR\[\.PATCH\]\]"/);
});

interface LauncherRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a launcher as the kernel would (its #! line), with Node claiming to be `version`, and a stub bundle beside it. */
async function runLauncher(dir: string, needed: string, version: string, args: string[] = []): Promise<LauncherRun> {
	const launcher = path.join(dir, commandFiles.launcher);
	writeFileSync(launcher, launcherSource(needed));
	chmodSync(launcher, 0o755);
	writeFileSync(path.join(dir, commandFiles.bundle), 'process.stdout.write(`bundle ran: ${process.argv.slice(2).join(" ")} ${JSON.stringify(process.execArgv)}`);\n');
	const pretend = path.join(dir, 'pretend-version.cjs');
	writeFileSync(pretend, `Object.defineProperty(process.versions, 'node', {value: ${JSON.stringify(version)}});\n`);
	return new Promise(resolve => {
		execFile(launcher, args, {env: {...process.env, NODE_OPTIONS: `--require ${pretend}`}}, (error, stdout, stderr) => {
			resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr});
		});
	});
}

void test('an older Node.js gets one line naming the version needed and exit 2; a new enough one runs the bundle with the command\'s options', async () => {
	await withTempDir('etcdeck-launcher-', async dir => {
		// 20.2 is older than 20.11: the parts compare as numbers, not as text.
		for (const version of ['14.21.3', '19.9.0', '20.2.0', '20.11.0']) {
			const old = await runLauncher(dir, '20.11.1', version);
			assert.equal(old.code, 2, `Node ${version}`);
			assert.equal(old.stdout, '', `Node ${version} never reaches the bundle`);
			assert.match(old.stderr, new RegExp(`^etcdeck needs Node\\.js 20\\.11\\.1 or newer; this is Node\\.js ${version.replaceAll('.', String.raw`\.`)} \\(.+\\)\\n$`));
		}

		for (const version of ['20.11.1', '20.12.0', '21.0.0', '100.0.0']) {
			const current = await runLauncher(dir, '20.11.1', version, ['status', '--json']);
			assert.equal(current.code, 0, `Node ${version}: ${current.stderr}`);
			assert.equal(current.stdout, `bundle ran: status --json ${JSON.stringify(nodeOptionsForTheCommand)}`);
		}
	});
});
