import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setTimeout as delay} from 'node:timers/promises';
import {FleetPoller} from '../../source/cluster/fleet-poller.ts';
import type {FleetMember} from '../../source/cluster/fleet-member.ts';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {waitFor} from '../support/render.tsx';

/** A cluster in which one member answered (or none did), taken now. */
function readingThat(answers: boolean): ClusterReading {
	return {
		takenAt: Date.now(),
		clusterId: 'c1',
		members: [],
		memberListFrom: undefined,
		memberListError: answers ? undefined : 'connection refused',
		probes: [{endpoint: 'http://127.0.0.1:1', memberId: answers ? '1' : undefined, status: answers ? {source: 'status', version: '3.5.30', dbSizeBytes: 1, dbSizeInUseBytes: 1, leaderId: '1', raftTerm: 1, raftIndex: 1, raftAppliedIndex: 1, isLearner: false, errors: []} : undefined, error: answers ? undefined : 'connection refused', latencyMs: 1}],
		alarms: [],
		alarmsError: undefined,
		durationMs: 1,
	};
}

/** Sources that count how many of them are asked at once. */
class Meter {
	active = 0;
	most = 0;
	source(name: string, answerAfterMs: number, answers = true, refreshMs = 60_000, deadlineMs = 5000): FleetMember & {calls: number; endedAt: number[]} {
		const member = {
			name,
			refreshMs,
			deadlineMs,
			calls: 0,
			endedAt: [] as number[],
			source: {
				refresh: async () => {
					member.calls += 1;
					this.active += 1;
					this.most = Math.max(this.most, this.active);
					await delay(answerAfterMs);
					this.active -= 1;
					member.endedAt.push(Date.now());
					return readingThat(answers);
				},
			},
		};
		return member;
	}
}

test('one refresh of every context never has more than the bound on the network at once', async () => {
	const meter = new Meter();
	const members = Array.from({length: 20}, (_, index) => meter.source(`c${index}`, 15));
	const poller = new FleetPoller(members, undefined, {concurrency: 4, maxBackoffMs: 1000, notifyEveryMs: 0});
	const readings = await poller.refreshOnce();
	assert.equal(meter.most, 4);
	assert.deepEqual(readings.map(reading => reading.name), members.map(member => member.name));
	assert.ok(readings.every(reading => reading.cluster !== undefined && reading.lastAnswerAt !== undefined && reading.overdue === undefined));
});

test('a cluster that never answers is marked overdue at its deadline and the others do not wait for it', async () => {
	const meter = new Meter();
	let release: (() => void) | undefined;
	const dead: FleetMember & {calls: number} = {
		name: 'dead',
		refreshMs: 10,
		deadlineMs: 400,
		calls: 0,
		source: {
			refresh: async () => {
				dead.calls += 1;
				await new Promise<void>(resolve => {
					release = resolve;
				});
				return readingThat(false);
			},
		},
	};
	const others = Array.from({length: 6}, (_, index) => meter.source(`live${index}`, 10));
	const poller = new FleetPoller([dead, ...others], undefined, {concurrency: 2, maxBackoffMs: 1000, notifyEveryMs: 0});
	const started = Date.now();
	const readings = await poller.refreshOnce();
	const deadReading = readings.find(reading => reading.name === 'dead')!;
	assert.equal(deadReading.overdue?.deadlineMs, 400);
	assert.equal(deadReading.cluster, undefined);
	assert.ok(deadReading.overdue.at - started >= 400);
	// Every live cluster's answer came while the dead one held its place, before its deadline.
	for (const member of others) {
		assert.equal(member.endedAt.length, 1);
		assert.ok(member.endedAt[0]! < deadReading.overdue.at, `${member.name} ended ${member.endedAt[0]! - started} ms in, the deadline passed at ${deadReading.overdue.at - started} ms`);
	}

	// While its refresh hangs, no second one is sent to it.
	poller.start();
	try {
		await waitFor(() => others.every(member => member.calls >= 2), 2000, 'a second refresh of every live context');
		assert.equal(dead.calls, 1);
		release!();
		await waitFor(() => dead.calls === 2, 3000, 'a second refresh once the first settled');
	} finally {
		poller.stop();
		release?.();
	}
});

test('polling: each context on its own rhythm, readings handed on, nothing after stop', async () => {
	const meter = new Meter();
	const fast = meter.source('fast', 1, true, 30);
	const slow = meter.source('slow', 1, true, 10_000);
	const seen: string[][] = [];
	const poller = new FleetPoller([fast, slow], readings => seen.push(readings.map(reading => reading.name)), {concurrency: 2, maxBackoffMs: 1000, notifyEveryMs: 0});
	poller.start();
	await waitFor(() => fast.calls >= 4, 3000, 'four refreshes of the fast context');
	assert.equal(slow.calls, 1);
	assert.ok(seen.length > 0 && seen.every(names => names.join() === 'fast,slow'));
	poller.stop();
	await poller.settled();
	const calls = fast.calls;
	await delay(100);
	assert.equal(fast.calls, calls);
});

test('a cluster in which nothing answers is asked less and less often', async () => {
	const meter = new Meter();
	const down = meter.source('down', 1, false, 20);
	const up = meter.source('up', 1, true, 20);
	const poller = new FleetPoller([down, up], undefined, {concurrency: 2, maxBackoffMs: 10_000, notifyEveryMs: 0});
	poller.start();
	await waitFor(() => up.calls >= 16, 5000, 'sixteen refreshes of the answering context');
	poller.stop();
	await poller.settled();
	// 20, 40, 80, 160 ms … after each failure: far fewer refreshes than the answering one.
	assert.ok(down.calls <= 6, `${down.calls} refreshes of the silent context beside ${up.calls}`);
	assert.ok(poller.readings()[0]!.failures >= 2);
	assert.equal(poller.readings()[0]!.lastAnswerAt, undefined);
});
