import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import type {ConnectionSettings, AuthSettings} from '../../source/config/settings.ts';
import {fetchEtcdMetrics} from '../../source/metrics/fetch-etcd-metrics.ts';
import {metricsUrl} from '../../source/metrics/metrics-targets.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {statusExitCode} from '../../source/model/cluster/cluster-summary.ts';
import {hex, parseEtcdJson, type EtcdctlMemberList} from '../support/etcd-json.ts';
import {startAuthClusterForFile} from '../support/cluster.ts';
import {runCli} from '../support/run-cli.ts';

/** etcd forgets a simple token unused for this long (--auth-token-ttl), so the test can see one expire. */
const tokenTtlSeconds = 3;

/**
 * 3 voters and a learner, TLS with client certificates, authentication on, as the runbooks' clusters
 * run: a root user and one that may only read /limited/.
 */
const cluster = startAuthClusterForFile({voters: 3, learners: 1, tls: {clientCertAuth: true}, etcdArgs: [`--auth-token-ttl=${tokenTtlSeconds}`]}, [['/limited/schema/a', '1'], ['/limited/schema/b', '2'], ['/elsewhere/x', 'x']]);

function settingsFor(user: AuthSettings): ConnectionSettings {
	const {tls} = cluster();
	assert.ok(tls);
	return {
		endpoints: [cluster().voterEndpoints[0]!],
		timeoutMs: 3000,
		auth: {username: user.username, password: user.password},
		tls: {ca: readFileSync(tls.ca.certFile), cert: readFileSync(tls.client.certFile), key: readFileSync(tls.client.keyFile)},
	};
}

const root = () => cluster().auth!.root;
const limited = () => cluster().auth!.limited;

function tlsArgs(): string[] {
	const {tls} = cluster();
	assert.ok(tls);
	return ['--cacert', tls.ca.certFile, '--cert', tls.client.certFile, '--key', tls.client.keyFile];
}

/** Every member as `etcdctl member list` names it, hex ID to name and learner flag. */
async function membersByEtcdctl(): Promise<Map<string, {name: string; isLearner: boolean}>> {
	const list = parseEtcdJson<EtcdctlMemberList>(await cluster().etcdctl(['member', 'list', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
	return new Map(list.members.map(member => [hex(member.ID), {name: member.name, isLearner: member.isLearner ?? false}]));
}

function assertEveryMemberHasFigures(reading: ClusterReading, members: Map<string, {isLearner: boolean}>): void {
	assert.equal(reading.memberListError, undefined);
	for (const [id, member] of members) {
		const probe = reading.probes.find(candidate => candidate.memberId === id);
		assert.ok(probe?.status, `${id} has figures: ${probe?.error ?? 'no probe'}`);
		assert.equal(probe.status.isLearner, member.isLearner, id);
		assert.ok(probe.status.raftIndex > 0, id);
	}
}

function leaderIndex(reading: ClusterReading): number {
	const leader = reading.probes.find(probe => probe.status !== undefined && probe.status.leaderId === probe.memberId);
	assert.ok(leader?.status, 'a member says it leads');
	return leader.status.raftIndex;
}

void test('root: every member\'s figures, the learner\'s included, on one token taken through a voter; refreshes add no raft entry', async () => {
	const members = await membersByEtcdctl();
	const service = new ClusterService(settingsFor(root()));
	try {
		const first = await service.refresh();
		assertEveryMemberHasFigures(first, members);
		assert.equal(service.session?.authentications, 1);
		const indexAfterStart = leaderIndex(first);
		let last = first;
		for (let refresh = 0; refresh < 8; refresh++) {
			last = await service.refresh();
			assertEveryMemberHasFigures(last, members);
		}

		assert.equal(service.session?.authentications, 1, 'the password was sent once, not at each refresh');
		assert.equal(leaderIndex(last), indexAfterStart, 'no refresh wrote to the raft log');
		const summary = summarize(last, {quotaBytes: undefined});
		assert.deepEqual(summary.warnings, []);
		assert.equal(summary.learners, 1);
		assert.equal(last.alarms?.length, 0);
	} finally {
		service.close();
	}
});

void test('a token that expires (--auth-token-ttl) or that a restarted member forgot is renewed: the figures stay, one Authenticate each time', {timeout: 90_000}, async () => {
	const members = await membersByEtcdctl();
	const settings = settingsFor(root());
	const follower = cluster().members.find(member => !member.isLearner && member.clientUrl !== cluster().voterEndpoints[0])!;
	const service = new ClusterService(settings);
	// Status and the member list check no token on etcd 3.4, a key read does on every version: the
	// key browsers (one on the seed, one on the follower that restarts) share the same session.
	const browsers = [new KeyBrowserService(settings), new KeyBrowserService({...settings, endpoints: [follower.clientUrl]})];
	const readKeys = async () => {
		for (const browser of browsers) {
			const read = await browser.count(Buffer.from('/limited/'));
			assert.deepEqual(read.ok ? read.value : read.error, 2);
		}
	};

	try {
		assertEveryMemberHasFigures(await service.refresh(), members);
		await readKeys();
		assert.equal(service.session?.authentications, 1);

		// Left unused for longer than the TTL, the simple token is forgotten by every member.
		await new Promise(resolve => {
			setTimeout(resolve, (tokenTtlSeconds + 1.5) * 1000);
		});
		assertEveryMemberHasFigures(await service.refresh(), members);
		await readKeys();
		assert.equal(service.session?.authentications, 2, 'one new token after the TTL');

		// A restarted member has lost its simple tokens; the others still know the current one. etcd 3.4
		// applies again at start-up the entries after its backend's last write (Authenticate writes none):
		// a put after the token, committed to the follower's backend, makes it forget the token as 3.5 does.
		const commits = async () => (await fetchEtcdMetrics(metricsUrl(follower.clientUrl), settings)).backendCommit?.count ?? 0;
		const committedBefore = await commits();
		await cluster().etcdctl(['put', '/elsewhere/after-the-token', 'x'], {endpoints: cluster().voterEndpoints});
		await waitFor(`${follower.name} to commit the put to its backend`, async () => ((await commits()) > committedBefore ? true : undefined), {timeoutMs: 10_000, intervalMs: 50});
		await cluster().kill(follower.name);
		await cluster().restart(follower.name);
		const after = await waitFor(`${follower.name}'s figures after its restart`, async () => {
			const reading = await service.refresh();
			return reading.probes.find(probe => probe.endpoint === follower.clientUrl)?.status === undefined ? undefined : reading;
		}, {timeoutMs: 20_000, intervalMs: 200});
		assertEveryMemberHasFigures(after, members);
		await readKeys();
		assert.equal(service.session?.authentications, 3, 'one new token for the restarted member');
		for (let refresh = 0; refresh < 4; refresh++) {
			assertEveryMemberHasFigures(await service.refresh(), members);
			await readKeys();
		}

		assert.equal(service.session?.authentications, 3);
	} finally {
		service.close();
		for (const browser of browsers) {
			browser.close();
		}
	}
});

void test('a user who may only read /limited/: every member and its figures (from /metrics where Status is refused), its keys, and a healthy status', async t => {
	const members = await membersByEtcdctl();
	const settings = settingsFor(limited());
	const service = new ClusterService(settings);
	const browser = new KeyBrowserService(settings);
	try {
		const reading = await service.refresh();
		assertEveryMemberHasFigures(reading, members);
		// etcd 3.5.30 refuses Status to such a user, 3.4 and 3.5.16 answer it: judged by what etcd said.
		const denied = reading.probes.filter(probe => probe.statusDenied !== undefined);
		t.diagnostic(`etcd ${reading.probes[0]?.status?.version ?? '?'} ${denied.length > 0 ? 'refused Status to the user: figures from /metrics' : 'answered Status'}`);
		assert.ok(denied.length === 0 || denied.length === members.size, `Status refused by some members only: ${denied.map(probe => probe.endpoint).join(', ')}`);
		for (const probe of reading.probes) {
			assert.equal(probe.status?.source, denied.length > 0 ? 'metrics' : 'status', probe.endpoint);
			assert.ok(probe.quotaBytes !== undefined && probe.quotaBytes > 0, `${probe.endpoint}: quota from /metrics`);
		}

		const summary = summarize(reading, {quotaBytes: undefined});
		assert.deepEqual(summary.warnings, []);
		assert.equal(summary.leader !== undefined && summary.healthyVoters === 3 && summary.learners === 1, true);
		assert.deepEqual(summary.notes, denied.length > 0 ? [`Status needs the root role on etcd ${/^\d+\.\d+/.exec(reading.probes[0]!.status!.version)![0]}: figures from /metrics (no raft term, alarms unknown)`] : []);
		assert.equal(statusExitCode(summary), 0);

		const own = await browser.page({prefix: Buffer.from('/limited/schema/'), filter: Buffer.alloc(0)}, Buffer.from('/'), {from: 'start'}, 50);
		assert.ok(own.ok, own.ok ? '' : own.error);
		assert.deepEqual(own.value.entries.map(entry => entry.bytes.toString()), ['/limited/schema/a', '/limited/schema/b']);
		const elsewhere = await browser.page({prefix: Buffer.from('/elsewhere/'), filter: Buffer.alloc(0)}, Buffer.from('/'), {from: 'start'}, 50);
		assert.equal(elsewhere.ok, false);
		assert.equal(service.session?.authentications, 1, 'the key browser shares the status polling\'s token');

		const status = await runCli(['status', '--endpoints', cluster().voterEndpoints[0]!, ...tlsArgs(), '--user', limited().username], {ETCDCTL_PASSWORD: limited().password});
		assert.equal(status.code, 0, status.stdout + status.stderr);
		for (const {name} of members.values()) {
			assert.match(status.stdout, new RegExp(`\\| +${name} +\\|`));
		}

		assert.equal(status.stdout.includes('NOTE: Status needs the root role'), denied.length > 0, status.stdout);
		assert.ok(!status.stdout.includes(limited().password) && !status.stderr.includes(limited().password));
	} finally {
		service.close();
		browser.close();
	}
});
