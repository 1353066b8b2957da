import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import type {MemberInfo} from '../../source/cluster/cluster-reading.ts';
import {waitFor} from '../../source/demo/wait-for.ts';
import type {MetricsRound} from '../../source/metrics/etcd-metrics.ts';
import {MetricsService} from '../../source/metrics/metrics-service.ts';
import {advanceHealth} from '../../source/model/health/health.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdLineVersion} from '../support/etcd-line.ts';

const cluster = startClusterForFile({voters: 3});
const timeoutMs = 1000;

/** The member list as the dashboard has it: from a real ClusterService refresh. */
async function memberList(): Promise<MemberInfo[]> {
	const service = new ClusterService({endpoints: cluster().endpoints, timeoutMs});
	try {
		const snapshot = await service.refresh();
		assert.equal(snapshot.members.length, 3, snapshot.memberListError);
		return snapshot.members;
	} finally {
		service.close();
	}
}

function metricsService(members: MemberInfo[], metricsUrls?: string[]): MetricsService {
	return new MetricsService({endpoints: cluster().endpoints, timeoutMs}, {members: () => members, ...(metricsUrls === undefined ? {} : {metricsUrls})});
}

const byName = (round: MetricsRound, members: MemberInfo[], name: string) => round.scrapes.find(scrape => scrape.memberId === members.find(member => member.name === name)?.id);

test('every member\'s /metrics parses: its own ID, a leader, the disk histograms and the quota', async () => {
	const members = await memberList();
	const round = await metricsService(members).refresh();
	assert.equal(round.scrapes.length, 3);
	for (const member of members) {
		const scrape = round.scrapes.find(candidate => candidate.url === `${member.clientUrls[0]!}/metrics`);
		assert.ok(scrape !== undefined, `${member.name} scraped`);
		assert.equal(scrape.error, undefined, `${member.name}: ${scrape.error}`);
		const metrics = scrape.metrics!;
		assert.equal(metrics.memberId, member.id, 'etcd_server_id names the member the member list names');
		assert.equal(scrape.memberId, member.id);
		assert.equal(metrics.hasLeader, true, `${member.name} has_leader`);
		assert.equal(metrics.version, etcdLineVersion(), 'etcd_server_version is what etcd --version prints');
		assert.ok(metrics.walFsync !== undefined && metrics.walFsync.count > 0, 'the WAL has been fsynced since start');
		assert.equal(metrics.walFsync.buckets.at(-1)!.count, metrics.walFsync.count);
		assert.ok(metrics.backendCommit !== undefined);
		assert.equal(metrics.quotaBytes, 2 * 1024 ** 3);
		assert.ok((metrics.dbSizeBytes ?? 0) > 0);
		assert.ok((metrics.leaderChangesSeen ?? 0) >= 1);
		assert.ok((metrics.openFds ?? 0) > 0 && (metrics.maxFds ?? 0) > (metrics.openFds ?? 0));
	}

	assert.equal(round.scrapes.filter(scrape => scrape.metrics?.isLeader).length, 1, 'exactly one member says it leads');
	const health = advanceHealth(undefined, round);
	assert.deepEqual(health.members.map(member => member.name).sort(), ['m1', 'm2', 'm3']);
	assert.deepEqual(health.warnings, []);
});

test('after writes, every member\'s fsync count grows, and the interval between scrapes holds those fsyncs', async () => {
	const members = await memberList();
	const service = metricsService(members);
	const before = await service.refresh();
	await cluster().putKeys(Array.from({length: 300}, (_, index) => [`/metrics-test/${index}`, `value ${index}`] as const));
	// Followers fsync what the leader sent them a moment after the leader's answer: wait for all three.
	const after = await waitFor('every member to have fsynced the writes', async () => {
		const round = await service.refresh();
		const grew = members.every(member => (byName(round, members, member.name)?.metrics?.walFsync?.count ?? 0) > (byName(before, members, member.name)?.metrics?.walFsync?.count ?? 0));
		return grew ? round : undefined;
	}, {timeoutMs: 10_000});
	const health = advanceHealth(advanceHealth(undefined, before), after);
	for (const member of health.members) {
		assert.equal(member.error, undefined);
		assert.ok(member.intervalMs !== undefined && member.intervalMs > 0);
		assert.ok((member.walFsync?.count ?? 0) > 0, `${member.name} fsynced in the interval`);
		assert.ok(member.walFsync?.p99 !== undefined && member.walFsync.p99 > 0, `${member.name} has an fsync p99`);
		assert.ok((member.proposalsCommitted ?? 0) >= 3, `${member.name} committed the 3 transactions`);
	}
});

test('a killed member shows its error while the others still parse', async () => {
	const members = await memberList();
	const service = metricsService(members);
	const round0 = await service.refresh();
	// A follower, so the survivors keep their leader and nothing but the dead member is to report.
	const victim = members.find(member => (byName(round0, members, member.name)?.metrics?.isLeader) === false)!.name;
	const survivors = members.map(member => member.name).filter(name => name !== victim);
	try {
		await cluster().kill(victim);
		const round = await service.refresh();
		const dead = byName(round, members, victim)!;
		assert.equal(dead.metrics, undefined);
		assert.equal(dead.error, 'connection refused: is etcd running and listening on this address?');
		assert.equal(dead.url, `${cluster().member(victim).clientUrl}/metrics`);
		for (const name of survivors) {
			assert.equal(byName(round, members, name)?.metrics?.hasLeader, true, `${name} still parses and has a leader`);
		}

		const health = advanceHealth(undefined, round);
		const killed = health.members.find(member => member.name === victim)!;
		assert.equal(killed.error, dead.error);
		assert.deepEqual(health.warnings, [{
			severity: 'warning',
			text: `${victim}: no metrics: ${dead.error} (${dead.url})`,
			member: victim,
			source: 'metrics',
			advice: 'is the member up, and is /metrics on its client URL (or --listen-metrics-urls)?',
		}]);
	} finally {
		await cluster().ensureRunning(victim);
	}
});

test('a hung member (SIGSTOP) costs one --timeout and says so; the others answer', async () => {
	const members = await memberList();
	const service = metricsService(members);
	try {
		cluster().signal('m2', 'SIGSTOP');
		const round = await service.refresh();
		assert.equal(byName(round, members, 'm2')?.error, `no answer within ${timeoutMs} ms (--timeout)`);
		assert.equal(round.scrapes.filter(scrape => scrape.metrics !== undefined).length, 2);
	} finally {
		cluster().signal('m2', 'SIGCONT');
	}
});

test('--metrics-urls: the member is learnt from the metrics; a URL that serves no metrics says so', async () => {
	const members = await memberList();
	const m1 = members.find(member => member.name === 'm1')!;
	const round = await metricsService(members, [m1.clientUrls[0]!, `${m1.clientUrls[0]!}/no-metrics-here`]).refresh();
	assert.equal(round.scrapes.length, 2);
	const [good, missing] = round.scrapes as [typeof round.scrapes[0], typeof round.scrapes[0]];
	assert.equal(good.url, `${m1.clientUrls[0]!}/metrics`);
	assert.equal(good.memberId, m1.id);
	assert.equal(missing.metrics, undefined);
	assert.equal(missing.error, 'HTTP 404 Not Found: no metrics here; with --listen-metrics-urls pass those URLs as --metrics-urls');
	const health = advanceHealth(undefined, round);
	assert.equal(health.members.find(member => member.url === good.url)?.name, 'm1');
	assert.equal(health.members.find(member => member.url === missing.url)?.name, missing.url, 'a URL whose member is unknown is named by the URL');
});
