import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {Header, headerHeight} from '../../source/ui/cluster/Header.tsx';
import {cells, linesOf} from '../support/render.tsx';
import {
	alarmReading,
	dbNearQuotaReading,
	fixtureClusterId,
	fixtureQuotaBytes,
	healthyReading,
	manyWarningsReading,
	namedReadings,
	quorumLostError,
	quorumLostReading,
	statusDeniedReading,
	unreachableError,
	unstartedMemberReading,
	unstartedNode,
	voterUnreachableReading,
} from '../support/reading-fixtures.ts';

const fixtures = namedReadings;

/** The header's lines for a reading, as the App draws it: 4 warning lines at most, 100 columns unless told. */
function headerLines(reading: ClusterReading | undefined, {width = 100, maxWarnings = 4} = {}): string[] {
	const summary = reading === undefined ? undefined : summarize(reading, {quotaBytes: undefined});
	const {lastFrame, unmount} = render(<Header summary={summary} width={width} maxWarnings={maxWarnings} />);
	try {
		return linesOf(lastFrame());
	} finally {
		unmount();
	}
}

void test('a healthy cluster: its ID, the leader, voters and learners, and the quorum arithmetic, with no warning line', () => {
	const lines = headerLines(healthyReading());
	assert.equal(lines.length, 2, lines.join('\n'));
	const [identity, quorum] = lines as [string, string];
	assert.match(identity, /^etcdeck\b/);
	assert.ok(identity.includes(`cluster ${fixtureClusterId}`), identity);
	assert.ok(identity.includes('leader etcd-1'), identity);
	for (const fact of ['voters 3', 'learners 1', 'healthy 3/3', 'quorum 2', 'tolerates 1 failure', '1 left now']) {
		assert.ok(quorum.includes(fact), `"${fact}" missing from: ${quorum}`);
	}
});

void test('quorum lost: no leader, the critical QUORUM LOST line first, and "quorum lost" instead of what can still be lost', () => {
	const lines = headerLines(quorumLostReading());
	const [identity, quorum, ...warnings] = lines as [string, string, ...string[]];
	assert.ok(identity.includes('leader none'), identity);
	assert.ok(quorum.includes('healthy 1/3'), quorum);
	assert.ok(quorum.includes('quorum 2'), quorum);
	assert.ok(quorum.includes('quorum lost'), quorum);
	assert.ok(!quorum.includes('left now'), quorum);
	assert.match(warnings[0] ?? '', /^✖ QUORUM LOST: 1 of 3 voters answer, 2 needed \(answering: etcd-3\)/);
	assert.ok(warnings.some(line => line.startsWith('✖ no leader')), warnings.join('\n'));
	for (const name of ['etcd-1', 'etcd-2']) {
		assert.ok(warnings.includes(`✖ ${name} unreachable: ${quorumLostError}`), warnings.join('\n'));
	}
});

void test('critical lines come before warnings, whatever order the summary found them in', () => {
	const warnings = headerLines(manyWarningsReading(), {maxWarnings: 10}).slice(2);
	assert.equal(warnings.length, 6, warnings.join('\n'));
	const firstWarning = warnings.findIndex(line => line.startsWith('▲'));
	assert.ok(firstWarning > 0, warnings.join('\n'));
	assert.ok(warnings.slice(0, firstWarning).every(line => line.startsWith('✖ ')), warnings.join('\n'));
	assert.ok(warnings.slice(firstWarning).every(line => line.startsWith('▲ ')), warnings.join('\n'));
});

void test('one voter down: healthy 2/3, nothing more may be lost, and why the voter is down (critical: no failure left to spare)', () => {
	const lines = headerLines(voterUnreachableReading());
	assert.ok(lines[0]!.includes('leader etcd-1'), lines[0]);
	assert.ok(lines[1]!.includes('healthy 2/3'), lines[1]);
	assert.ok(lines[1]!.includes('0 left now'), lines[1]);
	assert.deepEqual(lines.slice(2), [`✖ etcd-3 unreachable: ${unreachableError}`]);
});

void test('a member added but not started is counted and called out by ID', () => {
	const lines = headerLines(unstartedMemberReading());
	assert.ok(lines[1]!.includes('learners 2'), lines[1]);
	assert.deepEqual(lines.slice(2), [`▲ learner ${unstartedNode().id} is added but not started`]);
});

void test('a DB near the quota is a warning at 90% and critical at 96%', () => {
	assert.deepEqual(headerLines(dbNearQuotaReading(0.9)).slice(2).map(line => line.replace(/[\d.]+ GB/g, 'N GB')), ['▲ etcd-1 DB N GB is 90.0% of its N GB quota']);
	assert.match(headerLines(dbNearQuotaReading(0.96))[2] ?? '', /^✖ etcd-1 DB .* is 96.0% of its .* quota$/);
});

void test('an alarm is critical and names the member it is raised on', () => {
	assert.deepEqual(headerLines(alarmReading(), {width: 120}).slice(2), ['✖ alarm NOSPACE on etcd-2: the cluster refuses writes (DB full); R or :recover-space compacts, defragments, disarms']);
});

void test('a user refused Status: a note says what is missing and why, and it is no warning', () => {
	const lines = headerLines(statusDeniedReading());
	assert.deepEqual(lines.slice(2), ['note: Status needs the root role on etcd 3.5: figures from /metrics (no raft term, alarms unknown)']);
	assert.ok(lines[0]!.includes('leader etcd-1'), lines[0]);
	assert.ok(lines[1]!.includes('healthy 3/3'), lines[1]);
});

void test('exactly maxWarnings warnings are all shown, with no "more" line', () => {
	const lines = headerLines(quorumLostReading(), {maxWarnings: 4});
	assert.equal(lines.length, 2 + 4, lines.join('\n'));
	assert.ok(!lines.some(line => line.includes('more warnings')), lines.join('\n'));
});

void test('warnings beyond maxWarnings are counted on a last "▲ N more warnings" line, within maxWarnings lines', () => {
	// Six warnings: three fit beside the count at 4 lines, one at 2.
	for (const [maxWarnings, shown] of [[4, 3], [2, 1]] as const) {
		const lines = headerLines(manyWarningsReading(), {maxWarnings});
		assert.equal(lines.length, 2 + maxWarnings, lines.join('\n'));
		assert.equal(lines.at(-1), `▲ ${6 - shown} more warnings: ! lists them all`);
		assert.ok(lines.slice(2, -1).every(line => line.startsWith('✖ ')), `the worst lines are kept:\n${lines.join('\n')}`);
	}
});

void test('headerHeight is the number of lines the header draws, for every fixture', () => {
	for (const [name, build] of Object.entries(fixtures)) {
		for (const maxWarnings of [1, 4]) {
			const summary = summarize(build(), {quotaBytes: fixtureQuotaBytes});
			assert.equal(headerLines(build(), {maxWarnings}).length, headerHeight(summary, maxWarnings), `${name}, maxWarnings ${maxWarnings}`);
		}
	}

	assert.equal(headerLines(undefined).length, headerHeight(undefined, 4));
});

void test('before the first reading the header says it is connecting', () => {
	assert.deepEqual(headerLines(undefined), ['etcdeck connecting…']);
});

void test('no header line is wider than the header at 80 columns', () => {
	for (const [name, build] of Object.entries(fixtures)) {
		for (const line of headerLines(build(), {width: 80})) {
			assert.ok(cells(line) <= 80, `${name}: ${cells(line)} cells: ${line}`);
		}
	}
});
