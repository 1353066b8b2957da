import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {ClusterAlarm, ClusterReading, EndpointProbe, EndpointStatus, MemberInfo} from '../../source/cluster/cluster-reading.ts';
import {summarize, type ClusterSummary} from '../../source/model/cluster/cluster-summary.ts';
import type {Warning} from '../../source/model/shared/warnings.ts';
import {findLeader, memberViews} from '../../source/model/cluster/member-view.ts';
import {nothingAnswers} from '../../source/model/cluster/reachability.ts';
import {endpointRows, memberRows} from '../../source/model/cluster/member-rows.ts';
import {statusExitCode} from '../../source/model/cluster/cluster-summary.ts';
import {readingOf} from '../support/reading-fixtures.ts';

const quotaBytes = 1_000_000_000;
const refused = 'connection refused: is etcd running and listening on this address?';

// Member IDs as etcdctl prints them; one is above 2^53, as real IDs usually are.
const ids = {a: '8e9e05c52164694d', b: 'f4cae113bfb16b34', c: '2b5d0a7b1a3c9e11', d: 'c1d2e3f405060708', e: '5a5a5a5a5a5a5a5a'};
type Name = keyof typeof ids;

function member(name: Name, options: Partial<MemberInfo> = {}): MemberInfo {
	const host = `10.0.0.${Object.keys(ids).indexOf(name) + 1}`;
	return {
		id: ids[name],
		name: `etcd-${name}`,
		peerUrls: [`http://${host}:2380`],
		clientUrls: [`http://${host}:2379`],
		isLearner: false,
		started: true,
		...options,
	};
}

function learner(name: Name, options: Partial<MemberInfo> = {}): MemberInfo {
	return member(name, {isLearner: true, ...options});
}

function status(leader: Name, options: Partial<EndpointStatus> = {}): EndpointStatus {
	return {
		source: 'status',
		version: '3.5.17',
		dbSizeBytes: 25_000,
		dbSizeInUseBytes: 20_000,
		leaderId: ids[leader],
		raftTerm: 2,
		raftIndex: 1000,
		raftAppliedIndex: 1000,
		isLearner: false,
		errors: [],
		...options,
	};
}

/** The probe of a member that answered its own status call. */
function up(of: MemberInfo, answer: EndpointStatus): EndpointProbe {
	return {endpoint: of.clientUrls[0]!, memberId: of.id, status: {...answer, isLearner: of.isLearner}, error: undefined, latencyMs: 3};
}

/** The probe of a member that did not answer; its ID comes from the member list, as the service does. */
function down(of: MemberInfo, error = refused): EndpointProbe {
	return {endpoint: of.clientUrls[0]!, memberId: of.id, status: undefined, error, latencyMs: 1};
}

function reading(members: MemberInfo[], probes: EndpointProbe[], extra: Partial<ClusterReading> = {}): ClusterReading {
	return readingOf(members, probes, {takenAt: 1_700_000_000_000, ...extra});
}

function summary(of: ClusterReading): ClusterSummary {
	return summarize(of, {quotaBytes});
}

const texts = (warnings: Warning[]) => warnings.map(warning => `${warning.severity}: ${warning.text}`);

/** A healthy 3 voter + 1 learner cluster led by a; the learner is `learnerLag` entries behind. */
function healthy(learnerLag = 3, extra: Partial<ClusterReading> = {}): ClusterReading {
	const members = [member('a'), member('b'), member('c'), learner('d')];
	return reading(
		members,
		[
			up(members[0]!, status('a')),
			up(members[1]!, status('a', {raftIndex: 999, raftAppliedIndex: 998})),
			up(members[2]!, status('a')),
			up(members[3]!, status('a', {raftIndex: 1000 - learnerLag, raftAppliedIndex: 1000 - learnerLag})),
		],
		extra,
	);
}

void describe('a healthy cluster of 3 voters and a learner', () => {
	const result = summary(healthy());

	void test('has a leader, quorum and no warnings', () => {
		assert.deepEqual(result.leader, {id: ids.a, name: 'etcd-a', raftIndex: 1000, raftAppliedIndex: 1000, raftTerm: 2});
		assert.equal(result.clusterId, 'cdf818194e3a8c32');
		assert.equal(result.voters, 3);
		assert.equal(result.learners, 1);
		assert.equal(result.healthyVoters, 3);
		assert.equal(result.quorum, 2);
		assert.equal(result.failuresTolerated, 1);
		assert.equal(result.spareVoters, 1);
		assert.equal(result.quorumLost, false);
		assert.deepEqual(result.warnings, []);
		assert.equal(result.severity, 'ok');
		assert.equal(statusExitCode(result), 0);
		assert.equal(nothingAnswers(healthy()), undefined);
	});

	void test('views list voters by name, then the learner, with leader and lag', () => {
		assert.deepEqual(
			result.views.map(view => [view.name, view.isLearner, view.isLeader, view.lagEntries, view.appliedLagEntries]),
			[
				['etcd-a', false, true, 0, 0],
				['etcd-b', false, false, 1, 2],
				['etcd-c', false, false, 0, 0],
				['etcd-d', true, false, 3, 3],
			],
		);
	});

	void test('views follow member-list order whatever order the members and probes arrive in', () => {
		const original = healthy();
		const shuffled = {...original, members: [...original.members].reverse(), probes: [...original.probes].reverse()};
		assert.deepEqual(memberViews(shuffled).map(view => view.name), ['etcd-a', 'etcd-b', 'etcd-c', 'etcd-d']);
	});

	void test('member and endpoint rows read like etcdctl', () => {
		const members = memberRows(result);
		assert.deepEqual(members[0], {
			id: ids.a,
			tone: 'normal',
			cells: {id: ids.a, status: 'started', name: 'etcd-a', role: 'leader', peerAddrs: 'http://10.0.0.1:2380', clientAddrs: 'http://10.0.0.1:2379', isLearner: 'false'},
		});
		assert.equal(members[3]!.cells.isLearner, 'true');
		assert.deepEqual(members.map(row => row.cells.role), ['leader', 'follower', 'follower', 'learner']);
		const endpoints = endpointRows(result);
		assert.deepEqual(endpoints[0], {
			id: ids.a,
			tone: 'normal',
			cells: {
				name: 'etcd-a',
				endpoint: 'http://10.0.0.1:2379',
				id: ids.a,
				version: '3.5.17',
				dbSize: '25 kB',
				dbSizeInUse: '20 kB',
				isLeader: 'true',
				isLearner: 'false',
				raftTerm: '2',
				raftIndex: '1000',
				raftAppliedIndex: '1000',
				errors: '',
			},
		});
		assert.deepEqual(endpoints.map(row => row.cells.isLeader), ['true', 'false', 'false', 'false']);
		assert.deepEqual(endpoints.map(row => row.cells.isLearner), ['false', 'false', 'false', 'true']);
	});
});

void describe('unreachable voters', () => {
	void test('one of three voters down: critical (one failure fewer to spare), exit 1, no spare voter left', () => {
		const members = [member('a'), member('b'), member('c')];
		const result = summary(reading(members, [up(members[0]!, status('a')), up(members[1]!, status('a')), down(members[2]!)]));
		assert.equal(result.healthyVoters, 2);
		assert.equal(result.spareVoters, 0);
		assert.equal(result.quorumLost, false);
		assert.equal(result.leader?.id, ids.a);
		assert.deepEqual(texts(result.warnings), [`critical: etcd-c unreachable: ${refused}`]);
		assert.equal(result.severity, 'critical');
		assert.equal(statusExitCode(result), 1);

		const row = endpointRows(result)[2]!;
		assert.equal(row.tone, 'error');
		assert.equal(row.id, ids.c);
		assert.equal(row.cells.errors, refused);
		assert.equal(row.cells.isLeader, '');
		assert.equal(row.cells.dbSize, '');
		assert.equal(memberRows(result)[2]!.tone, 'error');
	});

	void test('two of three voters down: QUORUM LOST, critical, exit 2', () => {
		const members = [member('a'), member('b'), member('c')];
		const result = summary(
			reading(members, [up(members[0]!, status('a')), down(members[1]!), down(members[2]!, 'no answer within 2000 ms (--timeout)')], {
				alarms: undefined,
				alarmsError: 'http://10.0.0.1:2379: no answer within 2000 ms (--timeout)',
			}),
		);
		assert.equal(result.healthyVoters, 1);
		assert.equal(result.spareVoters, -1);
		assert.equal(result.quorumLost, true);
		assert.equal(result.severity, 'critical');
		assert.equal(statusExitCode(result), 2);
		// Alarms cannot be read without quorum; that is not worth a warning of its own.
		assert.deepEqual(texts(result.warnings), [
			'critical: QUORUM LOST: 1 of 3 voters answer, 2 needed (answering: etcd-a)',
			`critical: etcd-b unreachable: ${refused}`,
			'critical: etcd-c unreachable: no answer within 2000 ms (--timeout)',
		]);
	});

	void test('alarms that cannot be read while quorum holds are a warning', () => {
		const result = summary(healthy(3, {alarms: undefined, alarmsError: 'http://10.0.0.1:2379: permission denied'}));
		assert.deepEqual(texts(result.warnings), ['warning: alarms unknown: http://10.0.0.1:2379: permission denied']);
		assert.equal(statusExitCode(result), 1);
	});

	void test('a member list that could not be read while members answer is a warning', () => {
		const result = summary(healthy(3, {memberListError: 'no answer within 2000 ms (--timeout)'}));
		assert.deepEqual(texts(result.warnings), ['warning: member list unavailable: no answer within 2000 ms (--timeout)']);
	});
});

void describe('finding the leader', () => {
	void test('followers still naming a dead leader do not make it leader', () => {
		const members = [member('a'), member('b'), member('c')];
		const of = reading(members, [down(members[0]!), up(members[1]!, status('a')), up(members[2]!, status('a'))]);
		assert.equal(findLeader(of), undefined);
		const result = summary(of);
		assert.equal(result.leader, undefined);
		assert.equal(result.quorumLost, false);
		assert.ok(result.views.every(view => !view.isLeader && view.lagEntries === undefined));
		assert.deepEqual(texts(result.warnings), ['critical: no leader: no member reports itself as leader', `critical: etcd-a unreachable: ${refused}`]);
		assert.equal(statusExitCode(result), 2);
		assert.deepEqual(endpointRows(result).map(row => row.cells.isLeader), ['', 'false', 'false']);
	});

	void test('a follower naming another member is not a leader even if that member answers', () => {
		const members = [member('a'), member('b'), member('c')];
		// Nobody says "me": each names someone else.
		const of = reading(members, [up(members[0]!, status('b')), up(members[1]!, status('c')), up(members[2]!, status('a'))]);
		assert.equal(findLeader(of), undefined);
	});

	void test('a follower that knows no leader (leaderId "0") claims nothing', () => {
		const members = [member('a'), member('b'), member('c')];
		const of = reading(members, [up(members[0]!, {...status('a'), leaderId: '0'}), up(members[1]!, {...status('a'), leaderId: '0'}), down(members[2]!)]);
		assert.equal(findLeader(of), undefined);
	});

	for (const order of ['old claimant first', 'new claimant first'] as const) {
		void test(`with two claimants the higher raft term wins (${order})`, () => {
			const members = [member('a'), member('b'), member('c')];
			const oldLeader = up(members[0]!, status('a', {raftTerm: 5, raftIndex: 900, raftAppliedIndex: 900}));
			const newLeader = up(members[2]!, status('c', {raftTerm: 6, raftIndex: 1200, raftAppliedIndex: 1190}));
			const follower = up(members[1]!, status('c', {raftTerm: 6, raftIndex: 1150, raftAppliedIndex: 1150}));
			const probes = order === 'old claimant first' ? [oldLeader, follower, newLeader] : [newLeader, follower, oldLeader];
			const result = summary(reading(members, probes));
			assert.deepEqual(result.leader, {id: ids.c, name: 'etcd-c', raftIndex: 1200, raftAppliedIndex: 1190, raftTerm: 6});
			// The leader first, then followers by name.
			assert.deepEqual(result.views.map(view => [view.name, view.isLeader, view.lagEntries]), [
				['etcd-c', true, 0],
				['etcd-a', false, 300],
				['etcd-b', false, 50],
			]);
			// The cut-off old leader is 300 entries behind.
			assert.deepEqual(texts(result.warnings), ['warning: etcd-a is 300 entries behind the leader']);
		});
	}

	void test('a leader missing from the member list is named by its ID', () => {
		const members = [member('b'), member('c')];
		const stranger = up(member('a'), status('a'));
		const leader = findLeader(reading(members, [stranger, up(members[0]!, status('a'))]));
		assert.equal(leader?.id, ids.a);
		assert.equal(leader?.name, ids.a);
	});
});

void describe('warnings', () => {
	void test('4 voters: an even-size warning', () => {
		const members = [member('a'), member('b'), member('c'), member('e')];
		const result = summary(reading(members, members.map(item => up(item, status('a')))));
		assert.equal(result.voters, 4);
		assert.equal(result.quorum, 3);
		assert.equal(result.failuresTolerated, 1);
		assert.equal(result.spareVoters, 1);
		assert.deepEqual(texts(result.warnings), ['warning: 4 voters: an even count tolerates no more failures than 3']);
		assert.equal(result.severity, 'warning');
		assert.equal(statusExitCode(result), 1);
	});

	void test('a NOSPACE alarm is critical and names the member', () => {
		const alarms: ClusterAlarm[] = [{memberId: ids.b, alarm: 'NOSPACE'}];
		const members = [member('a'), member('b'), member('c')];
		const probes = [up(members[0]!, status('a')), up(members[1]!, status('a', {errors: [`memberID:${ids.b} alarm:NOSPACE`]})), up(members[2]!, status('a'))];
		const result = summary(reading(members, probes, {alarms}));
		assert.deepEqual(texts(result.warnings), ['critical: alarm NOSPACE on etcd-b: the cluster refuses writes (DB full); R or :recover-space compacts, defragments, disarms']);
		assert.equal(result.severity, 'critical');
		const row = endpointRows(result)[1]!;
		assert.equal(row.cells.errors, `memberID:${ids.b} alarm:NOSPACE`);
		assert.equal(row.tone, 'warning');
	});

	void test('an alarm on a member not in the list is named by its ID', () => {
		const result = summary(healthy(3, {alarms: [{memberId: 'deadbeef', alarm: 'CORRUPT'}]}));
		assert.deepEqual(texts(result.warnings), ['critical: alarm CORRUPT on deadbeef: the cluster refuses writes (its data differs from the other members\')']);
	});

	void test('DB size: under 80% of the quota is fine, from 80% a warning, from 95% critical', () => {
		const withDb = (dbSizeBytes: number) => {
			const members = [member('a'), member('b'), member('c')];
			return summary(reading(members, [up(members[0]!, status('a', {dbSizeBytes})), up(members[1]!, status('a')), up(members[2]!, status('a'))]));
		};

		assert.deepEqual(withDb(799_000_000).warnings, []);
		assert.deepEqual(texts(withDb(800_000_000).warnings), ['warning: etcd-a DB 800 MB is 80.0% of the 1 GB quota (--quota-bytes)']);
		assert.deepEqual(texts(withDb(850_000_000).warnings), ['warning: etcd-a DB 850 MB is 85.0% of the 1 GB quota (--quota-bytes)']);
		assert.equal(withDb(850_000_000).severity, 'warning');
		assert.deepEqual(texts(withDb(950_000_000).warnings), ['critical: etcd-a DB 950 MB is 95.0% of the 1 GB quota (--quota-bytes)']);
		assert.deepEqual(texts(withDb(960_000_000).warnings), ['critical: etcd-a DB 960 MB is 96.0% of the 1 GB quota (--quota-bytes)']);
		// Just under a threshold never reads as the threshold.
		assert.deepEqual(texts(withDb(949_999_999).warnings), ['warning: etcd-a DB 950 MB is 94.9% of the 1 GB quota (--quota-bytes)']);
		assert.equal(withDb(960_000_000).severity, 'critical');
	});

	void test('a learner 500 entries behind gets a lag warning; 3 behind does not', () => {
		const lagging = summary(healthy(500));
		assert.equal(lagging.views.find(view => view.isLearner)?.lagEntries, 500);
		assert.deepEqual(texts(lagging.warnings), ['warning: learner etcd-d is 500 entries behind the leader']);
		assert.equal(statusExitCode(lagging), 1);

		const close = summary(healthy(3));
		assert.equal(close.views.find(view => view.isLearner)?.lagEntries, 3);
		assert.deepEqual(close.warnings, []);
	});

	void test('the lag threshold is 100 entries', () => {
		assert.deepEqual(summary(healthy(99)).warnings, []);
		assert.deepEqual(texts(summary(healthy(100)).warnings), ['warning: learner etcd-d is 100 entries behind the leader']);
	});

	void test('a member ahead of the leader\'s last status is not negatively behind', () => {
		const members = [member('a'), member('b'), member('c')];
		const result = summary(reading(members, [up(members[0]!, status('a')), up(members[1]!, status('a', {raftIndex: 1005, raftAppliedIndex: 1004})), up(members[2]!, status('a'))]));
		assert.equal(result.views[1]!.lagEntries, 0);
		assert.equal(result.views[1]!.appliedLagEntries, 0);
	});
});

void describe('an added but unstarted member', () => {
	void test('an unstarted learner: warned about, counted as a learner, shown as unstarted', () => {
		const started = [member('a'), member('b'), member('c')];
		const unstarted = learner('d', {name: '', clientUrls: [], started: false});
		const result = summary(reading([...started, unstarted], started.map(item => up(item, status('a')))));
		assert.equal(result.learners, 1);
		assert.equal(result.voters, 3);
		assert.deepEqual(texts(result.warnings), [`warning: learner ${ids.d} is added but not started`]);
		assert.equal(statusExitCode(result), 1);
		const row = memberRows(result).find(item => item.id === ids.d);
		assert.deepEqual(row, {
			id: ids.d,
			tone: 'warning',
			cells: {id: ids.d, status: 'unstarted', name: '', role: 'learner', peerAddrs: 'http://10.0.0.4:2380', clientAddrs: '', isLearner: 'true'},
		});
		// Nothing to probe: it has no endpoint row.
		assert.equal(endpointRows(result).some(item => item.id === ids.d), false);
	});

	void test('an unstarted voter counts toward quorum (etcd counts it too)', () => {
		const started = [member('a'), member('b'), member('c')];
		const unstarted = member('e', {name: '', clientUrls: [], started: false});
		const result = summary(reading([...started, unstarted], started.map(item => up(item, status('a')))));
		assert.equal(result.voters, 4);
		assert.equal(result.healthyVoters, 3);
		assert.equal(result.quorum, 3);
		assert.equal(result.spareVoters, 0);
		assert.deepEqual(texts(result.warnings), [
			`warning: voter ${ids.e} is added but not started`,
			'warning: 4 voters: an even count tolerates no more failures than 3',
		]);
	});
});

void describe('nothing answers', () => {
	const seedProbe = (endpoint: string, error: string): EndpointProbe => ({endpoint, memberId: undefined, status: undefined, error, latencyMs: 0});

	void test('nothingAnswers gives each endpoint\'s reason', () => {
		const of = reading([], [seedProbe('http://127.0.0.1:2379', refused), seedProbe('https://etcd.example:2379', 'host name not found')], {
			clusterId: undefined,
			memberListError: `${refused}; host name not found`,
			alarms: undefined,
			alarmsError: `http://127.0.0.1:2379: ${refused}`,
		});
		assert.deepEqual(nothingAnswers(of), [`http://127.0.0.1:2379: ${refused}`, 'https://etcd.example:2379: host name not found']);

		const result = summary(of);
		assert.equal(result.quorumLost, true);
		assert.equal(result.leader, undefined);
		assert.equal(statusExitCode(result), 2);
		assert.deepEqual(texts(result.warnings), [
			`critical: no endpoint answers: ${refused}; host name not found`,
			`critical: http://127.0.0.1:2379 unreachable: ${refused}`,
			'critical: https://etcd.example:2379 unreachable: host name not found',
		]);
		assert.deepEqual(endpointRows(result).map(row => [row.id, row.tone]), [
			['http://127.0.0.1:2379', 'error'],
			['https://etcd.example:2379', 'error'],
		]);
	});

	void test('known members that all fail to answer are reported per endpoint', () => {
		const members = [member('a'), member('b'), member('c')];
		// The members of the last list that answered; none answers the member list now.
		const of = reading(members, members.map(item => down(item)), {memberListError: refused});
		assert.deepEqual(nothingAnswers(of), [`http://10.0.0.1:2379: ${refused}`, `http://10.0.0.2:2379: ${refused}`, `http://10.0.0.3:2379: ${refused}`]);
		const result = summary(of);
		assert.equal(result.healthyVoters, 0);
		assert.equal(result.quorumLost, true);
		assert.equal(statusExitCode(result), 2);
	});

	void test('a probe without an error message says "no answer"', () => {
		assert.deepEqual(nothingAnswers(reading([], [{endpoint: 'http://h:2379', memberId: undefined, status: undefined, error: undefined, latencyMs: 0}])), ['http://h:2379: no answer']);
	});

	void test('with no probe at all the member list error is the reason', () => {
		assert.deepEqual(nothingAnswers(reading([], [], {memberListError: 'no endpoint to ask'})), ['no endpoint to ask']);
		assert.deepEqual(nothingAnswers(reading([], [], {memberListError: undefined})), ['no endpoint to ask']);
		assert.deepEqual(nothingAnswers(reading([], [], {memberListError: 'cannot connect (x)'})), ['cannot connect (x)']);
	});

	void test('a member that refused Status to the user answered: enough to open, even when its /metrics did not answer either', () => {
		const members = [member('a'), member('b'), member('c')];
		const denied = 'Status: permission denied: the user\'s roles do not allow this request; /metrics: HTTP 404 Not Found';
		const probes = members.map(item => ({...down(item, denied), statusDenied: 'Status: permission denied: the user\'s roles do not allow this request'}));
		assert.equal(nothingAnswers(reading(members, probes)), undefined);
	});

	void test('one answering endpoint is enough', () => {
		const members = [member('a'), member('b'), member('c')];
		assert.equal(nothingAnswers(reading(members, [down(members[0]!), down(members[1]!), up(members[2]!, status('a'))])), undefined);
	});
});

void describe('what the user may not see, and what refuses writes', () => {
	const denied = 'Status: permission denied: the user\'s roles do not allow this request';
	/** The probe of a member that refused Status to the user and was read from its /metrics instead. */
	const fromMetrics = (of: MemberInfo, leader: boolean): EndpointProbe => ({
		...up(of, status('a', {source: 'metrics', version: '3.5.30', raftTerm: undefined, leaderId: leader ? of.id : undefined})),
		statusDenied: denied,
		quotaBytes: 2_147_483_648,
	});

	void test('Status refused, figures from /metrics: a healthy cluster, said in a note that is no warning, exit 0', () => {
		const members = [member('a'), member('b'), member('c')];
		const result = summarize(reading(members, members.map((item, index) => fromMetrics(item, index === 0)), {alarms: undefined, alarmsError: 'only Status reports alarms, and this user may not call it'}), {quotaBytes: undefined});
		assert.equal(result.leader?.name, 'etcd-a');
		assert.equal(result.leader?.raftTerm, undefined);
		assert.equal(result.healthyVoters, 3);
		assert.deepEqual(result.warnings, []);
		assert.deepEqual(result.notes, ['Status needs the root role on etcd 3.5: figures from /metrics (no raft term, alarms unknown)']);
		assert.equal(result.statusDenied, true);
		assert.equal(statusExitCode(result), 0);
		const row = endpointRows(result)[1]!;
		assert.deepEqual([row.cells.raftTerm, row.cells.errors, row.tone], ['-', 'figures from /metrics', 'normal']);
		assert.equal(row.detail, `http://10.0.0.2:2379: figures from /metrics (${denied})`);
	});

	void test('Status refused and /metrics unreadable: the member answered, so it is not called unreachable', () => {
		const members = [member('a'), member('b'), member('c')];
		const blind = {...down(members[2]!, `${denied}; /metrics: HTTP 404 Not Found`), statusDenied: denied};
		const result = summarize(reading(members, [fromMetrics(members[0]!, true), fromMetrics(members[1]!, false), blind]), {quotaBytes: undefined});
		assert.deepEqual(texts(result.warnings), [`warning: etcd-c: no figures: ${denied}; /metrics: HTTP 404 Not Found`]);
		assert.equal(result.healthyVoters, 3);
		assert.equal(statusExitCode(result), 1);
	});

	void test('no member\'s figures at all: its leader is unknown, not missing; degraded, not down', () => {
		const members = [member('a'), member('b'), member('c')];
		const blind = members.map(item => ({...down(item, `${denied}; /metrics: HTTP 404 Not Found`), statusDenied: denied}));
		const result = summarize(reading(members, blind, {alarms: undefined}), {quotaBytes: undefined});
		assert.equal(result.quorumLost, false);
		assert.equal(result.leaderUnknown, true);
		assert.ok(texts(result.warnings).includes('warning: leader unknown: the members answered, but none of their figures could be read'), texts(result.warnings).join('\n'));
		assert.ok(!texts(result.warnings).some(text => text.startsWith('critical')), texts(result.warnings).join('\n'));
		assert.equal(statusExitCode(result), 1);
	});

	void test('a NOSPACE alarm refuses writes: exit 2 although quorum and leader are fine', () => {
		const result = summary(healthy(3, {alarms: [{memberId: ids.b, alarm: 'NOSPACE'}]}));
		assert.deepEqual(result.alarms, [{alarm: 'NOSPACE', memberId: ids.b, member: 'etcd-b'}]);
		assert.equal(result.writesRefused, true);
		assert.equal(statusExitCode(result), 2);
		assert.equal(statusExitCode(summary(healthy(3, {alarms: [{memberId: ids.b, alarm: 'CORRUPT'}]}))), 2);
		const everywhere = summary(healthy(3, {alarms: [{memberId: ids.a, alarm: 'NOSPACE'}, {memberId: ids.b, alarm: 'NOSPACE'}, {memberId: ids.c, alarm: 'CORRUPT'}]}));
		assert.deepEqual(texts(everywhere.warnings), [
			'critical: alarm NOSPACE on etcd-a, etcd-b: the cluster refuses writes (DB full); R or :recover-space compacts, defragments, disarms',
			'critical: alarm CORRUPT on etcd-c: the cluster refuses writes (its data differs from the other members\')',
		]);
		assert.equal(statusExitCode(summary(healthy(3, {alarms: []}))), 0);
	});

	void test('each DB is judged against its member\'s own quota; --quota-bytes overrides it; etcd\'s default when unknown', () => {
		const members = [member('a'), member('b'), member('c')];
		const probes = [
			{...up(members[0]!, status('a', {dbSizeBytes: 900_000})), quotaBytes: 1_000_000},
			{...up(members[1]!, status('a', {dbSizeBytes: 900_000})), quotaBytes: 2_147_483_648},
			up(members[2]!, status('a', {dbSizeBytes: 1_900_000_000})),
		];
		const own = summarize(reading(members, probes), {quotaBytes: undefined});
		assert.deepEqual(texts(own.warnings), [
			'warning: etcd-a DB 900 kB is 90.0% of its 1 MB quota',
			'warning: etcd-c DB 1.9 GB is 88.4% of etcd\'s default 2.15 GB quota (its /metrics did not say its own)',
		]);
		const overridden = summarize(reading(members, probes), {quotaBytes: 4_000_000_000});
		assert.deepEqual(texts(overridden.warnings), []);
	});
});
