import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster, type LocalClusterAuth} from '../../source/demo/local-cluster.ts';
import {safeText} from '../../source/model/shared/safe-text.ts';
import {moveLeaderTo} from '../support/cluster.ts';
import {etcdLineVersion} from '../support/etcd-line.ts';
import {runCli, type CliResult} from '../support/run-cli.ts';

/**
 * Contexts against real etcd: a config file naming four real clusters' worth of contexts — eqiad (https
 * with client certificates, authentication on, a learner, a voter whose name holds escape sequences,
 * read-only) twice (as root and as a least-privilege user), codfw (three voters, one of them killed),
 * lab (a cluster that was stopped) and void (a port that accepts connections and never answers). What
 * `etcdeck contexts`, `status --context` and `status --all-contexts` print, and every config mistake
 * refused before anything connects.
 */
const hostileVoter = 'conf1001\u001B]0;PWN\u0007\u001B[41m';
let eqiad: LocalCluster;
let codfw: LocalCluster;
let lab: LocalCluster;
let auth: LocalClusterAuth;
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
let scratch: string;
let config: string;
let passwordFile: string;
const readerVariable = 'ETCDECK_TEST_READER_PASSWORD';

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-contexts-'));
	[eqiad, codfw, lab] = await LocalCluster.startAll([
		{voters: 1, learners: 1, voterNames: [hostileVoter], tls: {clientCertAuth: true}},
		{voters: 3},
		{voters: 1},
	]) as [LocalCluster, LocalCluster, LocalCluster];
	auth = await eqiad.enableAuth();
	// A follower, and not the seed: the two left keep their leader, so codfw is degraded, not between elections.
	await moveLeaderTo(codfw, codfw.members[0]!);
	await codfw.kill(codfw.members[2]!.name);
	await lab.stop();
	// Accepts and never answers: a firewall that drops, a host half up.
	silent = net.createServer(socket => {
		silentSockets.add(socket);
		socket.on('close', () => silentSockets.delete(socket));
	});
	await new Promise<void>(resolve => {
		silent.listen(0, '127.0.0.1', resolve);
	});
	passwordFile = path.join(scratch, 'eqiad-root.password');
	writeFileSync(passwordFile, `${auth.root.password}\n`, {mode: 0o600});
	const tls = eqiad.tls!;
	config = path.join(scratch, 'config.yaml');
	writeFileSync(config, `current-context: eqiad
contexts:
  - name: eqiad
    endpoints: [${eqiad.voterEndpoints[0]!}]
    cacert: ${tls.ca.certFile}
    cert: ${tls.client.certFile}
    key: ${tls.client.keyFile}
    user: root
    password-file: ${passwordFile}
    read-only: true
  - name: eqiad-reader
    endpoints: ${eqiad.voterEndpoints[0]!}
    cacert: ${tls.ca.certFile}
    cert: ${tls.client.certFile}
    key: ${tls.client.keyFile}
    user: ${auth.limited.username}
    password-env: ${readerVariable}
  - name: codfw
    endpoints: [${codfw.members[0]!.clientUrl}]
    timeout: 1500
  - name: lab
    endpoints: [${lab.members[0]!.clientUrl}]
    timeout: 1000
  - name: void
    endpoints: [http://127.0.0.1:${(silent.address() as net.AddressInfo).port}]
    timeout: 1000
`);
}, {timeout: 120_000});

after(async () => {
	for (const socket of silentSockets) {
		socket.destroy();
	}

	await new Promise(resolve => {
		silent?.close(resolve);
	});
	await Promise.all([eqiad?.stop(), codfw?.stop(), lab?.stop()]);
	rmSync(scratch, {recursive: true, force: true});
});

const env = () => ({[readerVariable]: auth.limited.password});

function assertNoSecret(result: CliResult): void {
	for (const secret of [auth.root.password, auth.limited.password]) {
		assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `a password is shown:\n${result.stdout}${result.stderr}`);
	}
}

const escaped = (text: string) => text.replaceAll(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const lineOf = (stdout: string, name: string) => stdout.split('\n').find(line => line.startsWith(`${name}: `) || line.startsWith(`${name} (read-only): `));

interface FleetJson {
	exitCode: number;
	contexts: Array<{name: string; readOnly: boolean; health: string; exitCode: number | null; leader: string | null; voters: number; healthyVoters: number; quorum: number; learners: number; versions: string[]; lastAnswerAt: string | null; worstWarning: {severity: string; text: string} | null}>;
}

test('status --all-contexts: a line per cluster as each is, the dead ones unreachable, and the worst exit code', {timeout: 60_000}, async () => {
	const result = await runCli(['status', '--all-contexts', '--config', config], env());
	assertNoSecret(result);
	assert.equal(result.code, 2, result.stdout + result.stderr);
	const version = etcdLineVersion();
	const leader = escaped(safeText(hostileVoter));
	assert.match(lineOf(result.stdout, 'eqiad') ?? '', new RegExp(`^eqiad \\(read-only\\): healthy; leader ${leader}; voters 1/1 healthy, quorum 1; learners 1; largest DB [^;]+ on \\S+; etcd ${escaped(version)}; last answer \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`));
	assert.match(lineOf(result.stdout, 'codfw') ?? '', /^codfw: degraded; leader m\d; voters 2\/3 healthy, quorum 2; learners 0; .*; last answer [\dT:.-]+Z; CRITICAL: /);
	assert.match(lineOf(result.stdout, 'lab') ?? '', /^lab: unreachable; last answer never; CRITICAL: no endpoint answers: connection refused/);
	assert.match(lineOf(result.stdout, 'void') ?? '', /^void: unreachable; last answer never; CRITICAL: /);
	assert.ok(lineOf(result.stdout, 'eqiad-reader') !== undefined, result.stdout);
	assert.match(result.stdout, /\n5 contexts: 2 unreachable, 1 degraded, 2 healthy\n$|\n5 contexts: 2 unreachable, 1 degraded, 1 healthy, /);
	assert.ok(!result.stdout.includes('\u001B') && !result.stdout.includes('\u0007'), 'the member name is escaped');
});

test('status --all-contexts --json: every context with its figures; the reader sees its cluster too', {timeout: 60_000}, async () => {
	const result = await runCli(['status', '--all-contexts', '--json', '--config', config], env());
	assertNoSecret(result);
	assert.equal(result.code, 2, result.stderr);
	const report = JSON.parse(result.stdout) as FleetJson;
	assert.equal(report.exitCode, 2);
	assert.deepEqual(report.contexts.map(context => context.name), ['eqiad', 'eqiad-reader', 'codfw', 'lab', 'void'], 'the config file\'s order');
	const byName = new Map(report.contexts.map(context => [context.name, context]));
	const root = byName.get('eqiad')!;
	assert.deepEqual([root.health, root.exitCode, root.readOnly, root.leader, root.voters, root.healthyVoters, root.quorum, root.learners], ['healthy', 0, true, hostileVoter, 1, 1, 1, 1]);
	assert.deepEqual(root.versions, [etcdLineVersion()]);
	assert.ok(root.lastAnswerAt !== null && Math.abs(Date.parse(root.lastAnswerAt) - Date.now()) < 120_000);
	const degraded = byName.get('codfw')!;
	assert.deepEqual([degraded.health, degraded.exitCode, degraded.voters, degraded.healthyVoters, degraded.quorum], ['degraded', 1, 3, 2, 2]);
	for (const name of ['lab', 'void']) {
		const dead = byName.get(name)!;
		assert.deepEqual([dead.health, dead.exitCode, dead.lastAnswerAt, dead.worstWarning?.severity], ['unreachable', 2, null, 'critical'], name);
	}

	// The least-privilege user may list members; whether etcd lets it read Status depends on the line.
	const reader = byName.get('eqiad-reader')!;
	assert.notEqual(reader.health, 'unreachable', JSON.stringify(reader));
	assert.equal(reader.voters, 1);
	assert.equal(reader.learners, 1);
});

test('etcdeck contexts lists every context, the current one marked, where passwords come from but never a password', async () => {
	const result = await runCli(['contexts', '--config', config], env());
	assertNoSecret(result);
	assert.equal(result.code, 0, result.stderr);
	assert.match(result.stdout, /\| \* +\| eqiad +\| https:\/\/127\.0\.0\.1:\d+ +\| root +\| \S+eqiad-root\.password +\| cacert, client cert \| yes +\|/);
	assert.match(result.stdout, new RegExp(`\\| +\\| eqiad-reader +\\| https://127\\.0\\.0\\.1:\\d+ +\\| limited +\\| \\$${readerVariable} +\\|`));
	assert.match(result.stdout, /\| +\| void +\| http:\/\/127\.0\.0\.1:\d+ +\| +\| +\| +\| no +\|/);
	const json = JSON.parse((await runCli(['contexts', '--json', '--config', config])).stdout) as {currentContext: string; contexts: Array<{name: string; password: unknown}>};
	assert.equal(json.currentContext, 'eqiad');
	assert.deepEqual(json.contexts.find(context => context.name === 'eqiad-reader')?.password, {env: readerVariable});
});

test('status without a context is the current context; --context names another; flags override its fields; ETCDCTL_* do not leak into it', {timeout: 60_000}, async () => {
	const current = await runCli(['status', '--config', config], env());
	assertNoSecret(current);
	assert.equal(current.code, 0, current.stdout + current.stderr);
	assert.match(current.stdout, /: healthy; leader .*; voters 1\/1 healthy, quorum 1, tolerates 0 failures; learners 1/);

	const other = await runCli(['status', '--context', 'codfw', '--config', config], {ETCDCTL_ENDPOINTS: lab.members[0]!.clientUrl, ETCDCTL_USER: 'nobody:nothing'});
	assert.equal(other.code, 1, other.stdout + other.stderr);
	assert.match(other.stdout, /: degraded; leader m\d; voters 2\/3 healthy, quorum 2/);

	const overridden = await runCli(['status', '--context', 'lab', '--endpoints', codfw.members[1]!.clientUrl, '--config', config]);
	assert.equal(overridden.code, 1, overridden.stdout + overridden.stderr);
	assert.match(overridden.stdout, /voters 2\/3 healthy/);

	const missing = await runCli(['status', '--context', 'esams', '--config', config]);
	assert.equal(missing.code, 2);
	assert.match(missing.stderr, new RegExp(`^etcdeck: --context esams: ${escaped(config)} has no context of that name \\(it has eqiad, eqiad-reader, codfw, lab, void\\)`));
});

test('config mistakes are refused with file, line and field before anything connects, for status, the fleet and the dashboard', {timeout: 60_000}, async () => {
	const write = (name: string, text: string) => {
		const file = path.join(scratch, name);
		writeFileSync(file, text);
		return file;
	};

	const readable = path.join(scratch, 'readable.password');
	writeFileSync(readable, 'secret-in-a-readable-file\n');
	chmodSync(readable, 0o644);
	const cases: Array<[string, RegExp]> = [
		[write('bad-yaml.yaml', 'current-context: a\ncontexts:\n  - name: a\n    endpoints: [http://127.0.0.1:2379\n'), /bad-yaml\.yaml:\d+: not valid YAML/],
		[write('unknown.yaml', 'current-context: a\ncontexts:\n  - name: a\n    endpoints: http://127.0.0.1:2379\n    endpoint: http://127.0.0.1:2379\n'), /unknown\.yaml:5: context "a" endpoint: unknown field/],
		[write('plain-password.yaml', 'current-context: a\ncontexts:\n  - name: a\n    endpoints: http://127.0.0.1:2379\n    user: root\n    password: hunter2-plain\n'), /plain-password\.yaml:6: context "a" password: a password is never written in the config file/],
		[write('readable.yaml', `current-context: a\ncontexts:\n  - name: a\n    endpoints: ${codfw.members[0]!.clientUrl}\n    user: root\n    password-file: ${readable}\n`), /readable\.yaml:6: context "a" password-file: .*readable\.password has mode 0644, so others may read the password; allow only its owner: chmod 600/],
	];
	for (const [file, message] of cases) {
		for (const args of [['status'], ['status', '--all-contexts'], [], ['--fleet'], ['contexts']]) {
			const result = await runCli([...args, '--config', file]);
			const label = `${args.join(' ') || 'the dashboard'} with ${path.basename(file)}`;
			if (args[0] === 'contexts' && path.basename(file) === 'readable.yaml') {
				// Listing reads no password file: the file is only opened to connect.
				assert.equal(result.code, 0, label);
				continue;
			}

			assert.equal(result.code, 2, `${label}: ${result.stdout}${result.stderr}`);
			assert.match(result.stderr, message, label);
			assert.equal(result.stdout, '', `${label}: nothing is reported, nothing connected`);
			assert.ok(!result.stderr.includes('hunter2-plain') && !result.stderr.includes('secret-in-a-readable-file'), label);
		}
	}

	const absent = await runCli(['status', '--config', path.join(scratch, 'absent.yaml')]);
	assert.equal(absent.code, 2);
	assert.match(absent.stderr, /--config \S+absent\.yaml: does not exist/);
	const noVariable = await runCli(['status', '--context', 'eqiad-reader', '--config', config]);
	assert.equal(noVariable.code, 2);
	assert.match(noVariable.stderr, new RegExp(`config\\.yaml:17: context "eqiad-reader" password-env: the variable ${readerVariable} is not set`));
	const withEndpoints = await runCli(['status', '--all-contexts', '--endpoints', codfw.members[0]!.clientUrl, '--config', config], env());
	assert.equal(withEndpoints.code, 2);
	assert.match(withEndpoints.stderr, /--endpoints does not go with status --all-contexts: every context names its own cluster/);
});
