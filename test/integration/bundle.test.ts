import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {buildCommand, nodeOptionsForTheCommand} from '../../scripts/build-bundle.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {hex, parseEtcdJson, type EtcdctlMemberList} from '../support/etcd-json.ts';

const run = promisify(execFile);
const cluster = startClusterForFile({voters: 3});

void test('the installed command (the prebuilt bundle) reports the same cluster as etcdctl, with its version', {timeout: 120_000}, async () => {
	// What package.json's "bin" points at (the launcher beside the bundle), built as npm pack and npm publish build it.
	const installed = await buildCommand();
	const etcd = cluster();
	const {stdout} = await run(installed, ['status', '--endpoints', etcd.endpoints[0]!]);
	for (const member of etcd.members) {
		assert.ok(stdout.includes(member.name), `${member.name} in:\n${stdout}`);
	}

	assert.match(stdout, /: healthy; leader m\d/);
	// etcd's 64-bit IDs through the bundled gRPC and protobufjs, digit for digit.
	const {stdout: json} = await run(installed, ['status', '--json', '--endpoints', etcd.endpoints[0]!]);
	const members = parseEtcdJson<EtcdctlMemberList>(await etcd.etcdctl(['member', 'list', '-w', 'json'], {endpoints: etcd.voterEndpoints}));
	assert.deepEqual((JSON.parse(json) as {members: Array<{id: string}>}).members.map(member => member.id).sort(), members.members.map(member => hex(member.ID)).sort());
	const version = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {version: string}).version;
	assert.equal((await run(installed, ['--version'])).stdout.trim(), version);

	// npm links the command into node_modules/.bin: through a link, node still gets the command's options.
	const linkDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-bin-'));
	try {
		const link = path.join(linkDir, 'etcdeck');
		symlinkSync(installed, link);
		const printOptions = `--import=data:text/javascript,${encodeURIComponent('process.stderr.write(JSON.stringify(process.execArgv))')}`;
		const {stdout: linked, stderr} = await run(link, ['--version'], {env: {...process.env, NODE_OPTIONS: printOptions}});
		assert.equal(linked.trim(), version);
		assert.deepEqual(JSON.parse(stderr) as string[], nodeOptionsForTheCommand);
	} finally {
		rmSync(linkDir, {recursive: true, force: true});
	}
});
