import {test} from 'node:test';
import assert from 'node:assert/strict';
import {freePorts} from '../../source/backup/free-ports.ts';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {runCli, type CliResult} from '../support/run-cli.ts';

/**
 * `etcdeck member` on a cluster with TLS (client certificates demanded) and authentication: root may
 * change membership, a least-privilege user may not, a hostile name is refused, and no password shows.
 */
const cluster = startClusterForFile({voters: 3, tls: {clientCertAuth: true}});

async function member(etcd: LocalCluster, user: {username: string; password: string}, ...args: string[]): Promise<CliResult> {
	const tls = etcd.tls!;
	const result = await runCli(['member', ...args, `--endpoints=${etcd.voterEndpoints.join(',')}`, '--timeout=3000', `--cacert=${tls.ca.certFile}`, `--cert=${tls.client.certFile}`, `--key=${tls.client.keyFile}`, `--user=${user.username}`], {ETCDCTL_PASSWORD: user.password});
	assert.ok(!result.stdout.includes(user.password) && !result.stderr.includes(user.password), 'the password appears nowhere');
	return result;
}

void test('TLS + auth: root adds a learner (settings with the cluster\'s https), lists it unstarted, and removes it; etcdctl agrees', async () => {
	const etcd = cluster();
	const auth = await etcd.enableAuth();
	const [peer] = await freePorts(1);
	const peerUrl = `http://127.0.0.1:${peer!}`;
	const added = await waitFor('member add as root', async () => {
		const result = await member(etcd, auth.root, 'add', 'tls-new', peerUrl, '--yes');
		return result.code === 1 && /unhealthy cluster/.test(result.stderr) ? undefined : result;
	}, {timeoutMs: 30_000, intervalMs: 500});
	assert.equal(added.code, 0, added.stderr);
	assert.match(added.stdout, /^ETCD_ADVERTISE_CLIENT_URLS="https:\/\/127\.0\.0\.1:2379"$/m);
	const initialCluster = /^ETCD_INITIAL_CLUSTER="([^"]*)"$/m.exec(added.stdout)?.[1]?.split(',').sort();
	assert.deepEqual(initialCluster, [...etcd.members.map(each => `${each.name}=${each.peerUrl}`), `tls-new=${peerUrl}`].sort());

	const listed = await member(etcd, auth.root, 'list');
	assert.equal(listed.code, 0, listed.stderr);
	const row = listed.stdout.split('\n').find(line => line.includes(peerUrl));
	assert.match(row ?? '', /unstarted: added, waiting for its etcd to join; nothing listens on/);
	const id = (await etcd.etcdctl(['member', 'list'])).split('\n').find(line => line.includes(peerUrl))!.split(',')[0]!;

	const removed = await member(etcd, auth.root, 'remove', id, '--yes');
	assert.equal(removed.code, 0, removed.stderr);
	assert.ok(!(await etcd.etcdctl(['member', 'list'])).includes(peerUrl), 'etcdctl no longer lists it');
});

void test('TLS + auth: a user without the root role is refused — before asking where etcd says so in Status (3.5), by etcd otherwise — and nothing changes', async () => {
	const etcd = cluster();
	const auth = await etcd.enableAuth();
	const before = await etcd.etcdctl(['member', 'list']);
	const refused = await member(etcd, auth.limited, 'add', 'sneaky', 'http://127.0.0.1:1', '--yes');
	if (refused.code === 2) {
		assert.match(refused.stderr, /Cannot add sneaky: needs the root role, which this user lacks/);
	} else {
		assert.equal(refused.code, 1, refused.stderr);
		assert.match(refused.stderr, /sneaky not added: .*permission denied.*\(sent to https:\/\/127\.0\.0\.1:\d+\)/);
	}

	assert.equal(await etcd.etcdctl(['member', 'list']), before);
});

void test('a hostile name (terminal escapes) is refused before asking, and no raw control character reaches the output', async () => {
	const etcd = cluster();
	const auth = await etcd.enableAuth();
	const refused = await member(etcd, auth.root, 'add', 'evil\u001B[2J\u001B]0;owned\u0007', 'http://127.0.0.1:1', '--yes');
	assert.equal(refused.code, 2);
	assert.match(refused.stderr, /has control characters/);
	// eslint-disable-next-line no-control-regex
	assert.doesNotMatch(refused.stderr + refused.stdout, /[\u0000-\u0008\u000B-\u001F\u007F]/);
});
