import {test} from 'node:test';
import assert from 'node:assert/strict';
import {leaderOf, startClusterForFile} from '../support/cluster.ts';
import {runCli} from '../support/run-cli.ts';
import {hex, parseEtcdJson, type EtcdctlMemberList} from '../support/etcd-json.ts';
import {parseTextTables} from '../support/etcdctl-table.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});

interface StatusReport {
	health: string;
	exitCode: number;
	leader: {id: string; name: string} | null;
	voters: number;
	learners: number;
	members: Array<{id: string; name: string; isLearner: boolean; error: string | null; endpointStatus: {raftIndex: number} | null}>;
}

test('status on a healthy cluster prints etcdctl-style tables and exits 0', async () => {
	const result = await runCli(['status', '--endpoints', cluster().endpoints[0]!]);
	assert.equal(result.code, 0, result.stderr);
	const members = parseEtcdJson<EtcdctlMemberList>(await cluster().etcdctl(['member', 'list', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
	for (const member of members.members) {
		assert.match(result.stdout, new RegExp(`\\| ${hex(member.ID)} +\\| started +\\| +${member.name} +\\|`));
	}

	assert.match(result.stdout, /\| ENDPOINT +\| ID +\| VERSION +\| DB SIZE/);
	assert.match(result.stdout, /: healthy; leader m\d; voters 3\/3 healthy, quorum 2, tolerates 1 failure; learners 1/);
});

test('status text is etcdctl\'s two tables: the same columns, the same member order and the same figures at the same moment', async () => {
	const voters = cluster().voterEndpoints;
	const etcdctlStatus = async () => parseTextTables(await cluster().etcdctl(['endpoint', 'status', '--cluster', '-w', 'table'], {endpoints: voters}))[0]!;
	const before = await etcdctlStatus();
	const result = await runCli(['status', '--endpoints', cluster().endpoints[0]!]);
	const after = await etcdctlStatus();
	assert.equal(result.code, 0, result.stderr);
	const [members, endpoints] = parseTextTables(result.stdout);
	const etcdctlMembers = parseTextTables(await cluster().etcdctl(['member', 'list', '-w', 'table'], {endpoints: voters}))[0]!;
	assert.deepEqual(members, etcdctlMembers, 'member list -w table, row for row');

	// etcdeck adds IN USE after DB SIZE; every other column is etcdctl's, in its order.
	const inUse = endpoints!.header.indexOf('IN USE');
	assert.ok(inUse > 0, endpoints!.header.join(' | '));
	const withoutInUse = (row: readonly string[]) => row.filter((_, index) => index !== inUse);
	assert.deepEqual(withoutInUse(endpoints!.header), before.header);
	assert.deepEqual(endpoints!.rows.map(row => row[0]), before.rows.map(row => row[0]), 'the members in etcdctl\'s order');
	const column = (name: string) => before.header.indexOf(name);
	for (const [index, ours] of endpoints!.rows.map(withoutInUse).entries()) {
		const [earlier, later] = [before.rows[index]!, after.rows[index]!];
		for (const name of ['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'ERRORS']) {
			const at = column(name);
			assert.ok(ours[at] === earlier[at] || ours[at] === later[at], `${name} of ${ours[0]}: ${ours[at]}, etcdctl ${earlier[at]} then ${later[at]}`);
		}

		for (const name of ['RAFT INDEX', 'RAFT APPLIED INDEX']) {
			const at = column(name);
			assert.ok(Number(earlier[at]) <= Number(ours[at]) && Number(ours[at]) <= Number(later[at]), `${name} of ${ours[0]}: ${ours[at]}, between etcdctl's ${earlier[at]} and ${later[at]}`);
		}
	}
});

test('status --json reads ETCDCTL_ENDPOINTS and reports exact hex IDs', async () => {
	const result = await runCli(['status', '--json'], {ETCDCTL_ENDPOINTS: cluster().endpoints.join(',')});
	assert.equal(result.code, 0, result.stderr);
	const report = JSON.parse(result.stdout) as StatusReport;
	assert.equal(report.health, 'healthy');
	assert.equal(report.voters, 3);
	assert.equal(report.learners, 1);
	const members = parseEtcdJson<EtcdctlMemberList>(await cluster().etcdctl(['member', 'list', '-w', 'json'], {endpoints: cluster().voterEndpoints}));
	assert.deepEqual(report.members.map(member => member.id).sort(), members.members.map(member => hex(member.ID)).sort());
	assert.ok(report.members.every(member => member.endpointStatus !== null && member.endpointStatus.raftIndex > 0));
});

test('status exits 1 with a member down and 2 with quorum lost', async () => {
	// A follower, not asked directly: killing the leader would report "no leader" (exit 2) until the election.
	const leader = await leaderOf(cluster());
	const [asked, ...others] = cluster().members.filter(member => !member.isLearner);
	const follower = others.find(member => member !== leader)!;
	const second = others.find(member => member !== follower)!;
	await cluster().kill(follower.name);
	try {
		const degraded = await runCli(['status', '--json', '--timeout', '1000', '--endpoints', asked!.clientUrl]);
		assert.equal(degraded.code, 1, degraded.stdout);
		const report = JSON.parse(degraded.stdout) as StatusReport;
		assert.equal(report.health, 'degraded');
		assert.notEqual(report.members.find(member => member.name === follower.name)?.error, null);

		await cluster().kill(second.name);
		const lost = await runCli(['status', '--timeout', '1000', '--endpoints', asked!.clientUrl]);
		assert.equal(lost.code, 2, lost.stdout);
		assert.match(lost.stdout, /CRITICAL: QUORUM LOST: 1 of 3 voters answer, 2 needed/);
	} finally {
		await cluster().ensureRunning(follower.name, second.name);
	}
});

test('nothing reachable: status exits 2 naming the endpoint, the dashboard refuses to start', async () => {
	const status = await runCli(['status', '--timeout', '500', '--endpoints', 'http://127.0.0.1:1']);
	assert.equal(status.code, 2);
	assert.match(status.stdout, /no endpoint answers/);
	const dashboard = await runCli(['--timeout', '500', '--endpoints', 'http://127.0.0.1:1']);
	assert.equal(dashboard.code, 2);
	assert.match(dashboard.stderr, /cannot reach the cluster:\n {2}http:\/\/127\.0\.0\.1:1: connection refused/);
});

test('bad input is refused before connecting, with the flag named', async () => {
	const cases: Array<[string[], RegExp]> = [
		[['--endpoints', 'ftp://127.0.0.1:2379'], /--endpoints: "ftp:\/\/127\.0\.0\.1:2379" uses ftp/],
		[['--endpoints', 'http://127.0.0.1'], /has no port/],
		[[], /no endpoints: pass --endpoints/],
		[['--endpoints', cluster().endpoints[0]!, '--cacert', '/nonexistent/ca.pem'], /--cacert: file \/nonexistent\/ca\.pem does not exist/],
		[['--endpoints', cluster().endpoints[0]!, '--refresh', 'soon'], /--refresh takes a number \(MS\), got "soon"/],
		[['--endpoints', cluster().endpoints[0]!, '--refresh', '50'], /--refresh must be a whole number/],
		[['--endpoints', cluster().endpoints[0]!, '--no-such-flag'], /unknown flag --no-such-flag; see etcdeck --help/],
		[['frobnicate', '--endpoints', cluster().endpoints[0]!], /unknown command "frobnicate"/],
	];
	for (const [args, message] of cases) {
		const result = await runCli(args);
		assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
		assert.match(result.stderr, message, args.join(' '));
	}
});
