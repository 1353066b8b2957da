import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash, randomBytes} from 'node:crypto';
import {defaultSnapshotFileName, defaultSnapshotPath, resolveSnapshotDir} from '../../source/model/snapshots/snapshot-files.ts';
import {manifestPathFor} from '../../source/backup/manifest.ts';
import {snapshotsToRemove} from '../../source/backup/retention-policy.ts';
import {defaultSnapshotSource, snapshotMemberOf, snapshotSourceChoices} from '../../source/model/snapshots/snapshot-source.ts';
import {formatSnapshotProgress, snapshotProgressRatio} from '../../source/model/snapshots/snapshot-progress.ts';
import {manifestJson, parseManifest, type SnapshotManifest} from '../../source/backup/manifest.ts';
import {countMismatches, type SnapshotClusterRecord} from '../../source/cluster/cluster-record.ts';
import {describeMismatch} from '../../source/model/snapshots/drill-report.ts';
import {SnapshotDigest, trailerProblem} from '../../source/backup/snapshot-digest.ts';
import {
	alarmReading,
	fixtureClusterId,
	fixtureNode,
	fixtureTakenAt,
	healthyReading,
	leaderRaftIndex,
	quorumLostReading,
	unstartedMemberReading,
	unstartedNode,
	voterUnreachableReading,
} from '../support/reading-fixtures.ts';

describe('snapshot file names', () => {
	test('the default name carries the cluster ID and a sortable UTC time without colons', () => {
		assert.equal(defaultSnapshotFileName(fixtureClusterId, fixtureTakenAt), `etcd-${fixtureClusterId}-20250115T123456Z.db`);
		assert.equal(defaultSnapshotFileName(undefined, fixtureTakenAt), 'etcd-unknown-cluster-20250115T123456Z.db');
		const earlier = defaultSnapshotFileName(fixtureClusterId, Date.UTC(2025, 0, 9, 23, 59, 59));
		assert.ok(earlier < defaultSnapshotFileName(fixtureClusterId, fixtureTakenAt));
	});

	test('--snapshot-dir defaults to the working directory and resolves relative paths against it', () => {
		assert.equal(resolveSnapshotDir(undefined, '/srv/work'), '/srv/work');
		assert.equal(resolveSnapshotDir('backups', '/srv/work'), '/srv/work/backups');
		assert.equal(resolveSnapshotDir('/var/backups', '/srv/work'), '/var/backups');
		assert.equal(defaultSnapshotPath('/var/backups', fixtureClusterId, fixtureTakenAt), `/var/backups/etcd-${fixtureClusterId}-20250115T123456Z.db`);
		assert.equal(manifestPathFor('/var/backups/a.db'), '/var/backups/a.db.manifest.json');
	});
});

describe('--keep retention', () => {
	const at = (day: number) => Date.UTC(2025, 0, day);
	const existing = [
		{path: '/b/day3.db', takenAt: at(3)},
		{path: '/b/day1.db', takenAt: at(1)},
		{path: '/b/day4.db', takenAt: at(4)},
		{path: '/b/day2.db', takenAt: at(2)},
	];

	test('removes all but the newest N, counting the one just saved', () => {
		const all = [...existing, {path: '/b/day5.db', takenAt: at(5)}];
		assert.deepEqual(snapshotsToRemove(all, 2, '/b/day5.db').map(snapshot => snapshot.path), ['/b/day3.db', '/b/day2.db', '/b/day1.db']);
		assert.deepEqual(snapshotsToRemove(all, 5, '/b/day5.db'), []);
		assert.deepEqual(snapshotsToRemove(all, 1, '/b/day5.db').length, 4);
	});

	test('never removes the snapshot just saved, even when its clock is behind the others', () => {
		const all = [...existing, {path: '/b/skewed.db', takenAt: at(0)}];
		const removed = snapshotsToRemove(all, 2, '/b/skewed.db').map(snapshot => snapshot.path);
		assert.ok(!removed.includes('/b/skewed.db'));
		assert.deepEqual(removed, ['/b/day3.db', '/b/day2.db', '/b/day1.db']);
	});

	test('keep must be at least 1', () => {
		assert.throws(() => snapshotsToRemove(existing, 0, '/b/day4.db'), /at least 1/);
		assert.throws(() => snapshotsToRemove(existing, 1.5, '/b/day4.db'), /at least 1/);
	});
});

describe('the member a snapshot streams from', () => {
	test('healthy cluster: an up-to-date follower, sparing the leader; the learner cannot serve', () => {
		const choices = snapshotSourceChoices(healthyReading());
		assert.deepEqual(choices.map(choice => choice.name), ['etcd-2', 'etcd-3', 'etcd-1', 'etcd-4']);
		assert.equal(defaultSnapshotSource(healthyReading())?.name, 'etcd-2');
		assert.equal(choices[0]!.endpoint, fixtureNode(1).endpoint);
		assert.equal(choices[0]!.memberId, fixtureNode(1).id);
		assert.equal(choices.find(choice => choice.name === 'etcd-1')?.isLeader, true);
		assert.equal(choices.find(choice => choice.name === 'etcd-4')?.unavailableReason, 'a learner does not serve snapshots');
		assert.ok(choices.slice(0, 3).every(choice => choice.unavailableReason === undefined && choice.caveat === undefined));
		assert.deepEqual(snapshotMemberOf(choices[0]!), {id: fixtureNode(1).id, name: 'etcd-2', endpoint: fixtureNode(1).endpoint});
		assert.equal(snapshotMemberOf(choices[3]!), undefined);
	});

	test('a member that does not answer is listed last with its error', () => {
		const choices = snapshotSourceChoices(voterUnreachableReading());
		const down = choices.find(choice => choice.name === 'etcd-3');
		assert.match(down?.unavailableReason ?? '', /^does not answer: connect ECONNREFUSED 10\.0\.0\.3:2379$/);
		assert.equal(defaultSnapshotSource(voterUnreachableReading())?.name, 'etcd-2');
	});

	test('a lagging follower and one reporting an alarm come after the leader', () => {
		const lagging = healthyReading();
		const follower = fixtureNode(1);
		lagging.probes = lagging.probes.map(probe => (probe.memberId === follower.id ? {...probe, status: {...probe.status!, raftIndex: leaderRaftIndex - 500}} : probe));
		const choices = snapshotSourceChoices(lagging);
		assert.deepEqual(choices.map(choice => choice.name), ['etcd-3', 'etcd-1', 'etcd-2', 'etcd-4']);
		assert.equal(choices[2]!.caveat, '500 entries behind the leader');

		const alarmed = snapshotSourceChoices(alarmReading());
		assert.equal(alarmed.find(choice => choice.name === 'etcd-2')?.caveat, 'alarm NOSPACE raised on it');
		assert.equal(alarmed.find(choice => choice.name === 'etcd-3')?.caveat, undefined);
		assert.equal(defaultSnapshotSource(alarmReading())?.name, 'etcd-3');
	});

	test('without a leader the survivor is still offered, with the doubt said', () => {
		const source = defaultSnapshotSource(quorumLostReading());
		assert.equal(source?.name, 'etcd-3');
		assert.equal(source?.caveat, 'no leader: cannot tell whether it is up to date');
	});

	test('a member added but never started cannot serve; nothing available gives no default', () => {
		const added = unstartedMemberReading();
		added.members = added.members.map(member => (member.started ? member : {...member, isLearner: false}));
		const unstarted = snapshotSourceChoices(added).find(choice => choice.memberId === unstartedNode().id);
		assert.equal(unstarted?.unavailableReason, 'not started yet');
		assert.equal(unstarted?.name, unstartedNode().id);
		const allDown = healthyReading();
		allDown.probes = allDown.probes.map(probe => ({...probe, status: undefined, error: 'connection refused'}));
		assert.equal(defaultSnapshotSource(allDown), undefined);
		assert.equal(snapshotSourceChoices(allDown).length, 4);
	});
});

describe('progress', () => {
	test('reads as bytes of total, percent, rate and elapsed time', () => {
		const progress = {phase: 'streaming', bytes: 12_300_000, totalBytes: 31_200_000, elapsedMs: 2500, bytesPerSecond: 4_920_000} as const;
		assert.equal(formatSnapshotProgress(progress), '12.3 MB of 31.2 MB (39%), 4.92 MB/s, 2.5 s');
		assert.equal(snapshotProgressRatio(progress), 12_300_000 / 31_200_000);
		assert.equal(formatSnapshotProgress({...progress, phase: 'verifying', bytes: 31_200_000}), 'verifying, 31.2 MB of 31.2 MB (100%), 4.92 MB/s, 2.5 s');
		assert.equal(snapshotProgressRatio({...progress, totalBytes: undefined}), undefined);
		assert.equal(formatSnapshotProgress({...progress, totalBytes: undefined}), '12.3 MB, 4.92 MB/s, 2.5 s');
	});
});

describe('manifest', () => {
	const manifest: SnapshotManifest = {
		kind: 'etcdeck-snapshot',
		formatVersion: 1,
		file: 'etcd-x.db',
		sizeBytes: 4128,
		sha256: 'a'.repeat(64),
		etcdSha256: 'b'.repeat(64),
		revision: null,
		clusterId: fixtureClusterId,
		member: {id: fixtureNode(1).id, name: 'etcd-2', endpoint: fixtureNode(1).endpoint},
		takenAt: new Date(fixtureTakenAt).toISOString(),
		etcdeckVersion: '0.1.0',
		status: {tool: 'etcdctl', hash: 3_434_941_301, revision: 6, totalKeys: 504, totalSizeBytes: 4096},
	};

	test('round-trips through its JSON', () => {
		assert.deepEqual(parseManifest(manifestJson(manifest)), manifest);
		assert.deepEqual(parseManifest(manifestJson({...manifest, revision: 7, status: null})), {...manifest, revision: 7, status: null});
	});

	const cluster: SnapshotClusterRecord = {
		members: [
			{id: fixtureNode(0).id, name: 'etcd-1', peerUrls: [fixtureNode(0).peerUrl], clientUrls: [fixtureNode(0).endpoint], isLearner: false},
			{id: fixtureNode(3).id, name: '', peerUrls: [fixtureNode(3).peerUrl], clientUrls: [], isLearner: true},
		],
		etcdVersion: '3.5.17',
		keyCounts: {
			revision: 6,
			separator: '/',
			root: '/main/',
			totalKeys: 504,
			prefixes: [{prefix: '/main/config/', keys: 300, depth: 1}, {prefix: '/main/config/props/', keys: 290, depth: 2}, {prefix: '/main/bin\\xff/', keys: 4, depth: 1}],
			cutShort: ['/main/pq/'],
		},
		gaps: [],
	};

	test('carries the cluster record (members, etcd version, key counts) through its JSON', () => {
		assert.deepEqual(parseManifest(manifestJson({...manifest, cluster})), {...manifest, cluster});
		const gaps = {members: null, etcdVersion: null, keyCounts: null, gaps: ['member list: deadline exceeded', 'key counts at revision 6: permission denied']};
		assert.deepEqual(parseManifest(manifestJson({...manifest, cluster: gaps})).cluster, gaps);
	});

	test('reads a manifest written before the cluster record as one without it', () => {
		const parsed = parseManifest(manifestJson(manifest));
		assert.equal(parsed.cluster, undefined);
		assert.ok(!('cluster' in parsed));
	});

	test('says which part of a damaged cluster record is wrong', () => {
		const damaged = (change: (record: Record<string, unknown>) => void) => {
			const json = JSON.parse(manifestJson({...manifest, cluster})) as Record<string, unknown>;
			change(json['cluster'] as Record<string, unknown>);
			return JSON.stringify(json);
		};

		const counts = (record: Record<string, unknown>) => record['keyCounts'] as Record<string, unknown>;
		assert.throws(() => parseManifest(damaged(record => {
			record['members'] = 'm1';
		})), /cluster\.members is not a JSON array/);
		assert.throws(() => parseManifest(damaged(record => {
			(record['members'] as Array<Record<string, unknown>>)[1]!['isLearner'] = 'yes';
		})), /isLearner is missing or not a boolean/);
		assert.throws(() => parseManifest(damaged(record => {
			counts(record)['totalKeys'] = -1;
		})), /totalKeys is not a whole number of at least 0/);
		assert.throws(() => parseManifest(damaged(record => {
			(counts(record)['prefixes'] as Array<Record<string, unknown>>)[0]!['depth'] = 3;
		})), /cluster\.keyCounts\.prefixes\[0\]\.depth is not 1 or 2/);
		assert.throws(() => parseManifest(damaged(record => {
			record['gaps'] = [5];
		})), /gaps\[0\] is not a string/);
	});

	test('counts found after a restore are compared prefix by prefix and in total', () => {
		const found = (total: number, entries: Array<[string, number]>) => ({totalKeys: total, prefixes: new Map(entries)});
		const keyCounts = cluster.keyCounts!;
		assert.deepEqual(countMismatches(keyCounts, found(504, [['/main/config/', 300], ['/main/config/props/', 290], ['/main/bin\\xff/', 4]])), []);
		const mismatches = countMismatches(keyCounts, found(503, [['/main/config/', 299], ['/main/config/props/', 290]]));
		assert.deepEqual(mismatches, [
			{prefix: '/main/config/', expected: 300, found: 299},
			{prefix: '/main/bin\\xff/', expected: 4, found: 0},
			{prefix: undefined, expected: 504, found: 503},
		]);
		assert.deepEqual(mismatches.map(mismatch => describeMismatch(mismatch)), [
			'/main/config/: expected 300 keys, found 299',
			'/main/bin\\xff/: expected 4 keys, found 0',
			'all keys: expected 504 keys, found 503',
		]);
	});

	test('says what is wrong with a damaged or foreign one', () => {
		assert.throws(() => parseManifest('{"kind":'), /not valid JSON/);
		assert.throws(() => parseManifest('[]'), /not a JSON object/);
		assert.throws(() => parseManifest('{"kind":"something-else"}'), /not an etcdeck snapshot manifest/);
		assert.throws(() => parseManifest(manifestJson({...manifest, sha256: 5} as unknown as SnapshotManifest)), /sha256 is missing or not a string/);
		assert.throws(() => parseManifest(manifestJson({...manifest, takenAt: 'yesterday'})), /takenAt is not a time/);
	});
});

describe('snapshot digest', () => {
	const database = randomBytes(4096 * 3);
	const snapshot = Buffer.concat([database, createHash('sha256').update(database).digest()]);

	test('hashes the same however the stream is cut, and finds the trailer', () => {
		const whole = new SnapshotDigest();
		whole.update(snapshot);
		const expected = whole.finish();
		assert.equal(expected.sha256, createHash('sha256').update(snapshot).digest('hex'));
		assert.equal(expected.trailer, expected.contentSha256);
		assert.equal(trailerProblem(expected), undefined);
		for (const size of [1, 7, 31, 32, 33, 1000, 4096]) {
			const digest = new SnapshotDigest();
			for (let offset = 0; offset < snapshot.length; offset += size) {
				digest.update(snapshot.subarray(offset, offset + size));
			}

			assert.deepEqual(digest.finish(), expected, `chunks of ${size}`);
		}
	});

	test('one flipped byte, anywhere, is corruption', () => {
		for (const offset of [0, 5000, snapshot.length - 1]) {
			const flipped = Buffer.from(snapshot);
			flipped[offset] = flipped[offset]! ^ 0x01;
			const digest = new SnapshotDigest();
			digest.update(flipped);
			assert.match(trailerProblem(digest.finish()) ?? '', /^it is corrupt: the SHA-256 etcd wrote at its end \([\da-f]{16}…\) does not match the SHA-256 of the 12\.3 kB before it/);
		}
	});

	test('a file without a trailer is named as such', () => {
		const digest = new SnapshotDigest();
		digest.update(database);
		assert.match(trailerProblem(digest.finish()) ?? '', /no SHA-256 trailer: 12288 bytes is not whole 512-byte pages plus a 32-byte hash/);
		const tiny = new SnapshotDigest();
		tiny.update(Buffer.from('hello'));
		assert.match(trailerProblem(tiny.finish()) ?? '', /no SHA-256 trailer: 5 bytes/);
	});
});
