import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createEndpointClient} from '../../source/cluster/etcd-client.ts';
import {keyCountReader} from '../../source/cluster/key-counter.ts';
import {pathWithEtcdBinDir} from '../../source/demo/etcd-binaries.ts';
import {freePorts} from '../../source/backup/free-ports.ts';
import {LocalCluster, runEtcdctl} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {unescapeKey} from '../../source/model/shared/key-text.ts';
import {parseManifest, type SnapshotManifest} from '../../source/backup/manifest.ts';
import {deephavenKeys} from '../support/deephaven-keys.ts';
import {hex, parseEtcdJson, type EtcdctlEndpointStatus, type EtcdctlMemberList} from '../support/etcd-json.ts';
import {runCli} from '../support/run-cli.ts';
import {seedKeys} from '../support/seed-keys.ts';

const keyCount = 20_000;
let cluster: LocalCluster | undefined;
let dir: string;
let snapshot: string;
let manifest: SnapshotManifest;
const started: ChildProcess[] = [];

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-restore-plan-'));
	cluster = await LocalCluster.start({voters: 3});
	await seedKeys(cluster.endpoints[0]!, deephavenKeys(keyCount).entries);
	snapshot = path.join(dir, 'nightly.db');
	const saved = await runCli(['snapshot', 'save', snapshot, '--endpoints', cluster.endpoints.join(',')]);
	assert.equal(saved.code, 0, saved.stderr);
	manifest = parseManifest(readFileSync(`${snapshot}.manifest.json`, 'utf8'));
}, {timeout: 120_000});

after(async () => {
	await Promise.all(started.map(async child => {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
		}
	}));
	await cluster?.stop();
	rmSync(dir, {recursive: true, force: true});
});

/** Runs sh without blocking the event loop (the members' processes keep being served meanwhile). */
async function runScript(args: string[], env: Record<string, string>): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		execFile('sh', args, {cwd: dir, env, timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr});
		});
	});
}

/** The new members' names and free loopback ports: what --members and --client-urls say. */
async function newMembers(): Promise<Array<{name: string; peerUrl: string; clientUrl: string}>> {
	const ports = await freePorts(6);
	return ['m1', 'm2', 'm3'].map((name, index) => ({name, peerUrl: `http://127.0.0.1:${ports[index * 2]}`, clientUrl: `http://127.0.0.1:${ports[(index * 2) + 1]}`}));
}

test(`quorum lost for good: the sh plan's steps, run as they are, rebuild a healthy 3-voter cluster with every key of ${keyCount}`, {timeout: 300_000}, async () => {
	const oldClusterId = manifest.clusterId;
	assert.equal(manifest.cluster?.keyCounts?.totalKeys, keyCount);
	for (const member of cluster!.members) {
		await cluster!.kill(member.name);
	}

	const members = await newMembers();
	const planned = await runCli([
		'restore-plan', snapshot,
		'--format', 'sh',
		'--unit', 'none',
		'--members', members.map(member => `${member.name}=${member.peerUrl}`).join(','),
		'--client-urls', members.map(member => `${member.name}=${member.clientUrl}`).join(','),
		'--data-dir', path.join(dir, 'restored', '{token}', '{name}'),
		'--token', 'drill-rebuild-1',
		'--owner', `${process.getuid!()}:${process.getgid!()}`,
	]);
	assert.equal(planned.code, 0, planned.stderr);
	const script = path.join(dir, 'restore.sh');
	writeFileSync(script, planned.stdout);

	// On each "host": every step of that member, in order, ending with etcd started in the foreground.
	const env = {PATH: pathWithEtcdBinDir()};
	const logOf = (name: string) => path.join(dir, `${name}.log`);
	for (const member of members) {
		const log = openSync(logOf(member.name), 'a');
		started.push(spawn('sh', [script, 'restore', member.name], {cwd: dir, env, stdio: ['ignore', log, log]}));
		closeSync(log);
	}

	const check = await waitFor('sh restore.sh check to pass', async () => {
		for (const [index, child] of started.entries()) {
			if (child.exitCode !== null) {
				throw new Error(`member ${members[index]!.name}'s steps ended with ${child.exitCode}: ${readFileSync(logOf(members[index]!.name), 'utf8').slice(-2000)}`);
			}
		}

		const run = await runScript([script, 'check'], env);
		return run.code === 0 ? run : undefined;
	}, {timeoutMs: 120_000, intervalMs: 500});
	assert.match(check.stdout, /ok all keys: 20000 keys\n/);
	assert.match(check.stdout, /ok \/main\/config\/props\/: 300 keys\n/);
	assert.match(check.stdout, /etcdeck plan: every check passed\n$/);
	for (const member of members) {
		assert.match(readFileSync(logOf(member.name), 'utf8'), new RegExp(`== ${member.name}: stop\\n[^]*== ${member.name}: check-snapshot\\n== ${member.name}: move-aside\\n== ${member.name}: restore\\n[^]*== ${member.name}: owner\\n== ${member.name}: start\\n`));
	}

	// Seen without the script: three started voters of a new cluster, each member's own view agreeing.
	const endpoints = members.map(member => member.clientUrl);
	const list = parseEtcdJson<EtcdctlMemberList & {header: {cluster_id: string}}>(await runEtcdctl([`--endpoints=${endpoints[0]}`, 'member', 'list', '-w', 'json']));
	assert.deepEqual(list.members.map(member => [member.name, member.peerURLs, member.clientURLs, member.isLearner ?? false]).sort(), members.map(member => [member.name, [member.peerUrl], [member.clientUrl], false]));
	assert.notEqual(hex(list.header.cluster_id), oldClusterId, 'a restore makes a new cluster');
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await runEtcdctl([`--endpoints=${endpoints.join(',')}`, 'endpoint', 'status', '-w', 'json']));
	assert.equal(statuses.length, 3);
	assert.equal(new Set(statuses.map(status => status.Status.leader)).size, 1, 'one leader, as every member sees it');
	assert.equal(new Set(statuses.map(status => hex(status.Status.header.cluster_id))).size, 1);
	await runEtcdctl([`--endpoints=${endpoints.join(',')}`, 'put', '/main/after-restore', 'written'], {timeoutMs: 10_000});

	// Every recorded prefix, counted on the new cluster as of the snapshot's revision, and the total.
	const client = createEndpointClient(endpoints[1]!, {endpoints: [endpoints[1]!], timeoutMs: 10_000});
	try {
		const counts = manifest.cluster.keyCounts;
		const reader = keyCountReader(client, {revision: counts.revision, serializable: false, timeoutMs: 10_000});
		for (const entry of counts.prefixes) {
			assert.equal(await reader.count(unescapeKey(entry.prefix)), entry.keys, entry.prefix);
		}

		assert.equal(await reader.count(Buffer.alloc(0)), keyCount);
	} finally {
		client.close();
	}
});

test('the plan refuses duplicate names or URLs and explains an even member count', {timeout: 60_000}, async () => {
	const members = await newMembers();
	const plan = async (...args: string[]) => runCli(['restore-plan', snapshot, '--data-dir', '/var/lib/etcd/{name}', ...args]);
	const list = (entries: Array<{name: string; peerUrl: string}>) => entries.map(member => `${member.name}=${member.peerUrl}`).join(',');
	const twice = await plan('--members', list([...members, {name: 'm2', peerUrl: 'http://127.0.0.1:1'}]));
	assert.equal(twice.code, 2);
	assert.match(twice.stderr, /^etcdeck: no restore plan:\n {2}member name m2 is given twice: every member needs its own name\n/);
	assert.equal(twice.stdout, '');
	const sameUrl = await plan('--members', list([...members, {name: 'm4', peerUrl: members[0]!.peerUrl}]));
	assert.equal(sameUrl.code, 2);
	assert.match(sameUrl.stderr, new RegExp(`peer URL ${members[0]!.peerUrl} is given for both m1 and m4`));
	const sameClient = await plan('--members', list(members), '--client-urls', `m1=${members[0]!.clientUrl},m2=${members[0]!.clientUrl}`);
	assert.equal(sameClient.code, 2);
	assert.match(sameClient.stderr, new RegExp(`client URL ${members[0]!.clientUrl} is given for both m1 and m2`));

	const even = await plan('--members', list([...members, {name: 'm4', peerUrl: 'http://127.0.0.1:2'}]), '--client-urls', members.map(member => `${member.name}=${member.clientUrl}`).join(','));
	assert.equal(even.code, 0, even.stderr);
	assert.match(even.stdout, /\n {2}warning: 4 members: quorum is 3 of 4, so the cluster tolerates 1 failure, no more than 3 members would \(quorum 2\), and every write waits for one more member\. An odd count is the rule/);
	assert.match(even.stdout, /\n {2}new cluster: 4 members \(quorum 3, tolerates 1 failure\)/);

	for (const [args, message] of [
		[['--members', 'm1'], /--members: "m1" is not NAME=URL/],
		[['--members', 'm1=http://10.0.0.1'], /the peer URL of m1: http:\/\/10\.0\.0\.1: etcd needs host:port/],
		[['--unit', 'docker'], /--unit must be dh-etcd, etcd, none, got "docker"/],
		[['--format', 'yaml'], /--format must be text or sh, got "yaml"/],
		[['--token', 'a/b'], /--token "a\/b": a cluster token here may hold letters, digits/],
		[['--keep', '3'], /--keep only applies to "etcdeck snapshot save"/],
	] as Array<[string[], RegExp]>) {
		const refused = await plan(...args);
		assert.equal(refused.code, 2, args.join(' '));
		assert.match(refused.stderr, message, args.join(' '));
	}

	const misplaced = await runCli(['snapshot', 'verify', snapshot, '--members', 'a=http://10.0.0.1:2380']);
	assert.equal(misplaced.code, 2);
	assert.equal(misplaced.stderr, 'etcdeck: --members only applies to "etcdeck restore-plan"\n');
});

test('the text plan from the manifest alone: its members, the restore tool of its etcd line, the counts; a damaged snapshot gets no plan', {timeout: 60_000}, async () => {
	const text = await runCli(['restore-plan', snapshot, '--unit', 'dh-etcd', '--data-dir', '/var/lib/etcd/dh/{token}/{name}', '--token', 'rebuilt-1']);
	assert.equal(text.code, 0, text.stderr);
	const version = manifest.cluster!.etcdVersion!;
	const tool = version.startsWith('3.4.') ? 'ETCDCTL_API=3 etcdctl' : 'etcdutl';
	const old = manifest.cluster!.members!;
	assert.match(text.stdout, new RegExp(`\\n {2}new cluster: 3 members \\(quorum 2, tolerates 1 failure\\), token rebuilt-1\\n`));
	for (const member of old) {
		assert.ok(text.stdout.includes(`On ${member.name} (peer ${member.peerUrls[0]}, client ${member.clientUrls[0]}), as root:`), member.name);
		assert.ok(text.stdout.includes(`${tool} snapshot restore ${snapshot} --name=${member.name} --initial-cluster=${old.map(each => `${each.name}=${each.peerUrls[0]}`).sort().join(',')} --initial-cluster-token=rebuilt-1 --initial-advertise-peer-urls=${member.peerUrls[0]} --data-dir=/var/lib/etcd/dh/rebuilt-1/${member.name}\n`), member.name);
	}

	assert.match(text.stdout, /\n {5}all keys\s+20,000\n/);
	assert.match(text.stdout, /\n {5}\/main\/config\/\s+340\n/);
	assert.match(text.stdout, /systemctl stop dh-etcd\n/);

	const damaged = path.join(dir, 'damaged.db');
	const bytes = readFileSync(snapshot);
	bytes[4096] = bytes[4096]! ^ 0xff;
	writeFileSync(damaged, bytes);
	const refused = await runCli(['restore-plan', damaged]);
	assert.equal(refused.code, 1);
	assert.equal(refused.stdout, '');
	assert.match(refused.stderr, new RegExp(`^etcdeck: no restore plan: ${damaged} does not verify:\\n {2}it is corrupt`));
});
