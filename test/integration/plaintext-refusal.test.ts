import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import type {ConnectionSettings} from '../../source/config/settings.ts';
import {freePorts} from '../../source/backup/free-ports.ts';
import {LocalCluster, type LocalClusterAuth, type LocalMember} from '../../source/demo/local-cluster.ts';
import {MetricsService} from '../../source/metrics/metrics-service.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {memberRows} from '../../source/model/cluster/member-rows.ts';
import {runCli} from '../support/run-cli.ts';
import {startRecordingListener, type RecordingListener} from '../support/recording-listener.ts';

/**
 * A member that advertises an http:// client URL in a cluster reached over https with a password. The
 * URL is a listener of this test's that records every byte it gets and passes them on to the member's
 * own plain http port, so a client that followed the URL would get as far as sending the password (as
 * etcdeck did before). etcdeck must never connect there, say why on that member's row, and work with
 * the rest.
 */
let etcd: LocalCluster;
let auth: LocalClusterAuth;
let sneaky: LocalMember;
let listener: RecordingListener;
let scratch: string;

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-plaintext-refusal-'));
	const [plainPort] = await freePorts(1);
	listener = await startRecordingListener({forwardTo: plainPort});
	etcd = await LocalCluster.start({voters: 1, tls: {}});
	// Added before auth is on: a learner refuses to authenticate a client itself.
	sneaky = await etcd.addLearner('sneaky', {advertiseClientUrl: listener.url, alsoListenOn: `http://127.0.0.1:${plainPort}`});
	auth = await etcd.enableAuth();
}, {timeout: 120_000});

after(async () => {
	await etcd?.stop();
	await listener?.close();
	rmSync(scratch, {recursive: true, force: true});
});

const refusal = () => `advertises ${listener.url} while the cluster was reached over TLS: not connecting, credentials would travel in the clear`;

function settings(): ConnectionSettings {
	return {endpoints: [etcd.voterEndpoints[0]!], auth: auth.root, tls: {ca: readFileSync(etcd.tls!.ca.certFile)}, timeoutMs: 2000};
}

function assertListenerUntouched(): void {
	assert.equal(listener.received().includes(auth.root.password), false, 'the password reached the plaintext listener');
	assert.equal(listener.connections(), 0, `etcdeck connected to the plaintext URL (${listener.received().length} bytes)`);
}

test('the member advertises the listener\'s http:// URL, and etcd says so in its member list', async () => {
	// Asked of the voter: with authentication on, a learner refuses to log a client in.
	const list = await etcd.etcdctl(['member', 'list'], {endpoints: etcd.voterEndpoints});
	assert.ok(list.includes(`sneaky, ${sneaky.peerUrl}, ${listener.url}, true`), list);
});

test('the cluster service never connects there: the member\'s row says why; the voter answers, alarms and the member list too', async () => {
	const service = new ClusterService(settings());
	try {
		const snapshot = await service.refresh();
		const again = await service.refresh();
		for (const taken of [snapshot, again]) {
			const probe = taken.probes.find(candidate => candidate.endpoint === listener.url);
			assert.equal(probe?.error, refusal());
			assert.equal(taken.memberListError, undefined);
			assert.equal(taken.alarmsError, undefined);
			assert.ok(taken.probes.some(candidate => candidate.status !== undefined && candidate.endpoint === etcd.voterEndpoints[0]));
		}

		const row = memberRows(summarize(again, {quotaBytes: 2 * 1024 ** 3})).find(candidate => candidate.cells.name === 'sneaky');
		assert.equal(row?.detail, `sneaky: unreachable: ${refusal()}`);
		assert.equal(row?.tone, 'error');
	} finally {
		service.close();
	}

	assertListenerUntouched();
});

test('nor do the /metrics scrapes of the member\'s own URL, nor a watch: the voter\'s metrics come as usual', async () => {
	const service = new ClusterService(settings());
	const snapshot = await service.refresh();
	service.close();
	const round = await new MetricsService(settings(), {members: () => snapshot.members}).refresh();
	assert.equal(round.scrapes.find(scrape => scrape.url.startsWith(listener.url))?.error, refusal());
	assert.ok(round.scrapes.some(scrape => scrape.metrics !== undefined), JSON.stringify(round.scrapes.map(scrape => scrape.error)));

	// A seed given as http:// beside an https:// one is refused as well, in its own words.
	const keys = new KeyBrowserService({...settings(), endpoints: [listener.url, etcd.voterEndpoints[0]!]});
	try {
		const count = await keys.count(Buffer.from('/'));
		assert.ok(count.ok, JSON.stringify(count));
		const troubles: Array<string | undefined> = [];
		const stop = keys.watch(Buffer.from('/x'), undefined, undefined, {onChange: () => undefined, onTrouble: trouble => troubles.push(trouble)});
		stop();
		assert.ok(!troubles.some(trouble => trouble?.startsWith('watch not started') === true), troubles.join('\n'));
	} finally {
		keys.close();
	}

	assertListenerUntouched();
});

test('etcdeck status: the member\'s row says why, the password is sent nowhere but over TLS; a snapshot streams from the voter', async () => {
	const env = {ETCDCTL_USER: auth.root.username, ETCDCTL_PASSWORD: auth.root.password};
	const args = ['--endpoints', etcd.voterEndpoints[0]!, '--cacert', etcd.tls!.ca.certFile];
	const status = await runCli(['status', ...args], env);
	assert.ok(status.stdout.includes(refusal()), status.stdout);
	assert.equal(status.code, 1, 'a learner unreachable degrades, the cluster serves');

	const json = await runCli(['status', '--json', ...args], env);
	const report = JSON.parse(json.stdout) as {members: Array<{name: string; error: string | null}>};
	assert.equal(report.members.find(member => member.name === 'sneaky')?.error, refusal());

	const saved = await runCli(['snapshot', 'save', scratch, ...args], env);
	assert.equal(saved.code, 0, saved.stderr);
	assert.equal(readdirSync(scratch).filter(file => file.endsWith('.db')).length, 1);
	for (const output of [status.stdout, status.stderr, json.stdout, saved.stdout, saved.stderr]) {
		assert.ok(!output.includes(auth.root.password));
	}

	assertListenerUntouched();
});
