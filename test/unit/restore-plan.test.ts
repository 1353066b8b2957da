import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {buildRestorePlan, urlProblem, type RestorePlan, type RestorePlanInput} from '../../source/model/snapshots/restore-plan.ts';
import {planScript, planText} from '../../source/model/snapshots/restore-plan-render.ts';
import {shellQuote} from '../../source/model/shared/shell-quote.ts';
import type {RecordedMember} from '../../source/cluster/cluster-record.ts';
import type {SnapshotManifest} from '../../source/backup/manifest.ts';
import {fixtureClusterId, fixtureNode} from '../support/reading-fixtures.ts';

function recorded(index: number, overrides: Partial<RecordedMember> = {}): RecordedMember {
	const node = fixtureNode(index);
	return {id: node.id, name: node.name, peerUrls: [node.peerUrl], clientUrls: [node.endpoint], isLearner: false, ...overrides};
}

function manifest(members: RecordedMember[], etcdVersion: string | null = '3.5.17'): SnapshotManifest {
	return {
		kind: 'etcdeck-snapshot',
		formatVersion: 1,
		file: 'etcd-x.db',
		sizeBytes: 4128,
		sha256: 'a'.repeat(64),
		etcdSha256: 'b'.repeat(64),
		revision: 6,
		clusterId: fixtureClusterId,
		member: {id: members[0]!.id, name: members[0]!.name, endpoint: members[0]!.clientUrls[0]!},
		takenAt: '2025-01-15T02:00:00.000Z',
		etcdeckVersion: '0.1.0',
		status: null,
		cluster: {
			members,
			etcdVersion,
			keyCounts: {
				revision: 6,
				separator: '/',
				root: '/main/',
				totalKeys: 504,
				prefixes: [{prefix: '/main/config/', keys: 300, depth: 1}, {prefix: '/main/config/props/', keys: 290, depth: 2}, {prefix: '/main/bin\\xff/', keys: 4, depth: 1}],
				cutShort: [],
			},
			gaps: [],
		},
	};
}

function input(overrides: Partial<RestorePlanInput> = {}): RestorePlanInput {
	return {
		snapshotPath: '/backups/etcd-x.db',
		sha256: 'a'.repeat(64),
		manifest: manifest([recorded(2), recorded(0), recorded(1)]),
		members: undefined,
		clientUrls: new Map(),
		dataDir: undefined,
		token: 'restored-20250115-ab12',
		tokenGenerated: true,
		unit: 'dh-etcd',
		owner: 'etcd:etcd',
		etcdVersion: undefined,
		stamp: '20250115T123456Z',
		...overrides,
	};
}

function planOf(overrides: Partial<RestorePlanInput> = {}): RestorePlan {
	const outcome = buildRestorePlan(input(overrides));
	assert.ok(outcome.ok, outcome.ok ? '' : outcome.problems.join('\n'));
	return outcome.plan;
}

function problemsOf(overrides: Partial<RestorePlanInput>): string[] {
	const outcome = buildRestorePlan(input(overrides));
	assert.ok(!outcome.ok, 'the plan is refused');
	return outcome.problems;
}

function step(plan: RestorePlan, member: number, id: string): string[] {
	return plan.members[member]!.steps.find(candidate => candidate.id === id)!.lines;
}

describe('restore plan from the manifest', () => {
	test('every voter, by name, restored with etcdutl on 3.5 into the dh-etcd default directory of the new token', () => {
		const plan = planOf();
		assert.deepEqual(plan.members.map(member => member.name), ['etcd-1', 'etcd-2', 'etcd-3']);
		assert.equal(plan.tool, 'etcdutl');
		assert.equal(plan.initialCluster, 'etcd-1=http://10.0.0.1:2380,etcd-2=http://10.0.0.2:2380,etcd-3=http://10.0.0.3:2380');
		assert.equal(plan.members[0]!.dataDir, '/var/lib/etcd/dh/restored-20250115-ab12');
		assert.deepEqual(step(plan, 1, 'restore'), [
			'etcdutl snapshot restore /backups/etcd-x.db --name=etcd-2 --initial-cluster=etcd-1=http://10.0.0.1:2380,etcd-2=http://10.0.0.2:2380,etcd-3=http://10.0.0.3:2380 '
			+ '--initial-cluster-token=restored-20250115-ab12 --initial-advertise-peer-urls=http://10.0.0.2:2380 --data-dir=/var/lib/etcd/dh/restored-20250115-ab12',
		]);
		assert.deepEqual(step(plan, 0, 'stop')[0], 'systemctl stop dh-etcd');
		assert.deepEqual(step(plan, 0, 'owner'), ['chown -R etcd:etcd /var/lib/etcd/dh/restored-20250115-ab12']);
		assert.deepEqual(step(plan, 0, 'start').at(-1), 'systemctl start dh-etcd');
		assert.match(step(plan, 0, 'start')[0]!, /grep -qF -- \/var\/lib\/etcd\/dh\/restored-20250115-ab12 \/etc\/etcd\/dh\/latest\/config\.yaml/);
		assert.match(step(plan, 0, 'move-aside').join('\n'), /mv \/var\/lib\/etcd\/dh\/restored-20250115-ab12 \/var\/lib\/etcd\/dh\/restored-20250115-ab12\.before-restore-20250115T123456Z/);
		assert.equal(plan.endpoints, 'http://10.0.0.1:2379,http://10.0.0.2:2379,http://10.0.0.3:2379');
		assert.deepEqual(plan.warnings, []);
	});

	test('etcd 3.4 restores with etcdctl; the etcd unit keeps /var/lib/etcd; --etcd-version overrides the manifest', () => {
		const plan = planOf({manifest: manifest([recorded(0), recorded(1), recorded(2)], '3.4.23'), unit: 'etcd'});
		assert.equal(plan.tool, 'etcdctl');
		assert.match(step(plan, 0, 'restore')[0]!, /^ETCDCTL_API=3 etcdctl snapshot restore \/backups\/etcd-x\.db --name=etcd-1 .* --data-dir=\/var\/lib\/etcd$/);
		assert.deepEqual(step(plan, 0, 'start'), ['systemctl start etcd']);
		assert.equal(planOf({manifest: manifest([recorded(0)], '3.4.23'), etcdVersion: '3.5'}).tool, 'etcdutl');
		assert.equal(planOf({manifest: manifest([recorded(0)], '3.5.30'), etcdVersion: '3.4'}).tool, 'etcdctl');
		assert.equal(planOf({manifest: manifest([recorded(0)], '3.6.1')}).tool, 'etcdutl');
	});

	test('a learner is left out and said so; a member that never started cannot be planned for by name', () => {
		const plan = planOf({manifest: manifest([recorded(0), recorded(1), recorded(2), recorded(3, {isLearner: true})])});
		assert.deepEqual(plan.members.map(member => member.name), ['etcd-1', 'etcd-2', 'etcd-3']);
		assert.match(plan.warnings.join('\n'), /left out etcd-4: it was a learner when the snapshot was saved; add it back as a learner/);
		const problems = problemsOf({manifest: manifest([recorded(0), recorded(1, {name: ''}), recorded(2)])});
		assert.deepEqual(problems, [`member ${fixtureNode(1).id} has no name (it never started): give --members NAME=PEER-URL,... for the new cluster`]);
	});

	test('without members in the manifest, or without a manifest, it asks for --members; without a version for --etcd-version', () => {
		assert.match(problemsOf({manifest: undefined}).join('\n'), /the members of the new cluster are not known: the snapshot has no etcdeck manifest beside it; give --members/);
		const old = {...manifest([recorded(0)])};
		delete old.cluster;
		assert.match(problemsOf({manifest: old}).join('\n'), /written by an etcdeck that did not record them/);
		assert.match(problemsOf({manifest: undefined, members: [{name: 'a', peerUrl: 'http://10.1.0.1:2380'}]}).join('\n'), /the etcd version the cluster ran is not known .*give --etcd-version/);
		assert.match(problemsOf({etcdVersion: 'latest'}).join('\n'), /--etcd-version "latest" is not an etcd 3 version/);
	});
});

describe('restore plan with --members (new hosts)', () => {
	const newHosts = [{name: 'etcd-1', peerUrl: 'https://10.9.0.1:2380'}, {name: 'etcd-2', peerUrl: 'https://10.9.0.2:2380'}, {name: 'etcd-4', peerUrl: 'https://10.9.0.4:2380'}];

	test('client URLs come from the new peer host with the port each member had, or 2379, or --client-urls, and the guess is said', () => {
		const plan = planOf({members: newHosts, clientUrls: new Map([['etcd-4', 'https://10.9.0.4:4001']])});
		assert.deepEqual(plan.members.map(member => member.clientUrl), ['http://10.9.0.1:2379', 'http://10.9.0.2:2379', 'https://10.9.0.4:4001']);
		assert.match(plan.warnings.join('\n'), /client URLs taken from the peer URLs' hosts .*etcd-1 http:\/\/10\.9\.0\.1:2379, etcd-2 http:\/\/10\.9\.0\.2:2379; give --client-urls/);
		assert.equal(plan.initialCluster, 'etcd-1=https://10.9.0.1:2380,etcd-2=https://10.9.0.2:2380,etcd-4=https://10.9.0.4:2380');
		const fresh = planOf({members: [{name: 'x', peerUrl: 'https://[fd00::1]:2380'}]});
		assert.equal(fresh.members[0]!.clientUrl, 'https://[fd00::1]:2379');
	});

	test('refuses duplicate names, peer URLs and client URLs, naming both members', () => {
		assert.deepEqual(problemsOf({members: [...newHosts, {name: 'etcd-2', peerUrl: 'https://10.9.0.5:2380'}]}), ['member name etcd-2 is given twice: every member needs its own name']);
		assert.deepEqual(problemsOf({members: [...newHosts, {name: 'etcd-5', peerUrl: 'https://10.9.0.2:2380'}]}), ['peer URL https://10.9.0.2:2380 is given for both etcd-2 and etcd-5']);
		const sameClient = problemsOf({members: newHosts, clientUrls: new Map([['etcd-1', 'https://10.9.0.7:2379'], ['etcd-2', 'https://10.9.0.7:2379']])});
		assert.deepEqual(sameClient, ['client URL https://10.9.0.7:2379 is given for both etcd-1 and etcd-2']);
		assert.deepEqual(problemsOf({members: newHosts, clientUrls: new Map([['etcd-1', 'https://10.9.0.2:2380']])}), ['the client URL of etcd-1, https://10.9.0.2:2380, is also a peer URL']);
		assert.deepEqual(problemsOf({members: newHosts, clientUrls: new Map([['etcd-9', 'https://10.9.0.9:2379']])}), ['--client-urls names etcd-9, which is not a member of the new cluster']);
	});

	test('an even member count is planned, with why it adds nothing', () => {
		const plan = planOf({members: [...newHosts, {name: 'etcd-5', peerUrl: 'https://10.9.0.5:2380'}]});
		assert.equal(plan.members.length, 4);
		assert.equal(plan.warnings[0], '4 members: quorum is 3 of 4, so the cluster tolerates 1 failure, no more than 3 members would (quorum 2), and every write waits for one more member. '
			+ 'An odd count is the rule: drop or add one unless this is a step on the way to an odd size');
		assert.match(planOf({members: newHosts.slice(0, 2)}).warnings[0]!, /^2 members: quorum is 2 of 2, so the cluster tolerates 0 failures, no more than 1 member would \(which tolerates none either\)/);
		assert.match(planText(plan), /warning: 4 members: quorum is 3 of 4/);
	});

	test('refuses URLs etcd would refuse', () => {
		assert.equal(urlProblem('https://10.0.0.1:2380'), undefined);
		assert.match(urlProblem('10.0.0.1:2380')!, /etcd takes http:\/\/ or https:\/\/|is not a URL/);
		assert.match(urlProblem('https://10.0.0.1')!, /etcd needs host:port/);
		assert.match(urlProblem('https://10.0.0.1:2380/path')!, /no path, query or user/);
		assert.match(urlProblem('ftp://10.0.0.1:2380')!, /etcd takes http:\/\/ or https:\/\//);
		assert.match(problemsOf({members: [{name: 'a', peerUrl: 'https://10.0.0.1'}]}).join('\n'), /the peer URL of a: https:\/\/10\.0\.0\.1: etcd needs host:port/);
	});
});

describe('restore plan: names, paths and tokens from outside', () => {
	test('a name with control characters is refused; one with quotes, spaces or $ is one quoted word everywhere', () => {
		assert.match(problemsOf({members: [{name: 'evil\u001B[2Jname', peerUrl: 'http://10.0.0.1:2380'}]}).join('\n'), /member name "evil\\u001b\[2Jname" has control characters: refused/);
		assert.match(problemsOf({members: [{name: 'a,b', peerUrl: 'http://10.0.0.1:2380'}]}).join('\n'), /holds "," or "=", which --initial-cluster cannot carry/);
		assert.match(problemsOf({members: [{name: 'etcd\u202E1-', peerUrl: 'http://10.0.0.1:2380'}]}).join('\n'), /has control characters: refused/);
		const hostile = manifest([recorded(0, {name: 'evil\u001B]0;pwned\u0007'}), recorded(1), recorded(2)]);
		assert.match(problemsOf({manifest: hostile}).join('\n'), /^member name "evil\\u001b\]0;pwned\\u0007" has control characters/, 'a name from the manifest too');
		const name = 'it\'s $(rm -rf ~) `x` "q" \\n';
		const plan = planOf({members: [{name, peerUrl: 'http://10.0.0.1:2380'}], unit: 'none', dataDir: '/srv/etcd data/{name}'});
		const restore = step(plan, 0, 'restore')[0]!;
		assert.ok(restore.includes(`--name=${shellQuote(name)}`));
		assert.ok(restore.includes(`--data-dir=${shellQuote(`/srv/etcd data/${name}`)}`));
		// The shell reads back exactly the name: the word survives sh's parsing unchanged.
		const echoed = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(name)}`], {encoding: 'utf8'});
		assert.equal(echoed.stdout, name);
	});

	test('{name} must be a file name; members on one host need {name} in --data-dir', () => {
		assert.match(problemsOf({members: [{name: 'a/b', peerUrl: 'http://10.0.0.1:2380'}], dataDir: '/srv/{name}'}).join('\n'), /member name a\/b cannot stand for \{name\} in --data-dir/);
		const local = [{name: 'm1', peerUrl: 'http://127.0.0.1:2380'}, {name: 'm2', peerUrl: 'http://127.0.0.1:2480'}, {name: 'm3', peerUrl: 'http://127.0.0.1:2580'}];
		const clientUrls = new Map([['m1', 'http://127.0.0.1:2379'], ['m2', 'http://127.0.0.1:2479'], ['m3', 'http://127.0.0.1:2579']]);
		assert.deepEqual(problemsOf({members: local}), [
			'client URL http://127.0.0.1:2379 is given for both m1 and m2',
			'client URL http://127.0.0.1:2379 is given for both m1 and m3',
		], 'the client URLs derived from one host collide as well');
		assert.deepEqual(problemsOf({members: local, clientUrls}), [
			'm1 and m2 run on 127.0.0.1 and would share the data directory /var/lib/etcd/dh/restored-20250115-ab12: put {name} in --data-dir',
			'm1 and m3 run on 127.0.0.1 and would share the data directory /var/lib/etcd/dh/restored-20250115-ab12: put {name} in --data-dir',
		]);
		assert.equal(planOf({members: local, clientUrls, dataDir: '/srv/{token}/{name}'}).members[2]!.dataDir, '/srv/restored-20250115-ab12/m3');
	});

	test('refuses a token that cannot name a directory, a relative --data-dir, --unit none without --data-dir, a strange owner', () => {
		assert.match(problemsOf({token: '../x'}).join('\n'), /--token "\.\.\/x": a cluster token here may hold letters, digits/);
		assert.match(problemsOf({dataDir: 'data/{name}'}).join('\n'), /--data-dir data\/\{name\} is not an absolute path: the plan runs on other hosts/);
		assert.match(problemsOf({unit: 'none'}).join('\n'), /--unit none has no default data directory: give --data-dir DIR/);
		assert.match(problemsOf({owner: 'etcd; rm'}).join('\n'), /--owner "etcd; rm" is not USER or USER:GROUP/);
	});
});

describe('restore plan as text and as a script', () => {
	const plan = planOf({unit: 'none', dataDir: '/srv/etcd/{name}', members: [{name: 'etcd 1', peerUrl: 'http://10.0.0.1:2380'}, {name: 'etcd-2', peerUrl: 'http://10.0.0.2:2380'}, {name: 'etcd-3', peerUrl: 'http://10.0.0.3:2380'}]});
	const script = planScript(plan, 'etcdeck 0.1.0');
	const text = planText(plan);

	test('the text shows every member\'s commands exactly as the script runs them', () => {
		for (const member of plan.members) {
			for (const {lines} of member.steps) {
				for (const line of lines) {
					assert.ok(text.includes(line), `text has: ${line}`);
					assert.ok(script.includes(`\t${line}`), `script has: ${line}`);
				}
			}
		}

		assert.match(text, /all keys\s+504\n\s+\/main\/config\/\s+300\n/);
		assert.doesNotMatch(text, /\/main\/config\/props\/\s+290/, 'the text lists the top level; the script checks all');
		assert.match(script, /check_count '' 504 'all keys'\n\tcheck_count \/main\/config\/ 300 \/main\/config\/\n\tcheck_count \/main\/config\/props\/ 290 \/main\/config\/props\/\n/);
		assert.match(script, /not checked here: 1 prefixes whose names are not printable/);
		assert.match(step(plan, 0, 'start')[0]!, /^exec etcd --name='etcd 1' --data-dir='\/srv\/etcd\/etcd 1' --listen-peer-urls=http:\/\/10\.0\.0\.1:2380 /);
	});

	test('the script is valid sh, runs only the member it is told, and refuses an unknown member or step', () => {
		assert.equal(spawnSync('sh', ['-n'], {input: script}).status, 0);
		const run = (...args: string[]) => spawnSync('sh', ['-s', ...args], {input: script, encoding: 'utf8'});
		const none = run();
		assert.equal(none.status, 2);
		assert.match(none.stderr, /usage: sh restore\.sh restore NAME \[STEP\.\.\.\] \| sh restore\.sh check; members: etcd 1 etcd-2 etcd-3/);
		const unknown = run('restore', 'etcd-9');
		assert.equal(unknown.status, 2);
		assert.match(unknown.stderr, /no member etcd-9 in this plan/);
		const badStep = run('restore', 'etcd 1', 'stop', 'format-disk');
		assert.equal(badStep.status, 2);
		assert.match(badStep.stderr, /no step format-disk/);
		assert.doesNotMatch(badStep.stderr, /== etcd 1: stop/, 'steps are checked before any runs');
		const stop = run('restore', 'etcd 1', 'stop');
		assert.equal(stop.status, 0);
		assert.match(stop.stderr, /== etcd 1: stop\netcdeck plan: no unit \(--unit none\): stop any etcd of etcd 1 on this host yourself/);
		const check = run('restore', 'etcd-2', 'check-snapshot');
		assert.equal(check.status, 1);
		assert.match(check.stderr, /\/backups\/etcd-x\.db here is missing or not the snapshot this plan was made from/);
	});
});
