import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import {initialLogViewState, logViewReducer, matchingEntries, sourceLabel, visibleSlice, type LogViewEvent, type LogViewState} from '../../source/model/logs/log-view.ts';
import {recurringTroubleWarnings, troubleTallies} from '../../source/model/logs/trouble-counts.ts';
import {chordsLabel} from '../../source/ui/keymap/key-chord.ts';
import {logsEventFor, logsKeymap} from '../../source/ui/logs/logs-keymap.ts';
import {ordinaryLines, zap35Members, zap35Troubles, zapMembers, zapTroubles} from '../support/etcd-log-fixtures.ts';

/** A warning as the header shows it: the overlay's member, source and advice are tested in warnings-overlay tests. */
const bare = (warnings: ReadonlyArray<{severity: string; text: string}>) => warnings.map(({severity, text}) => ({severity, text}));

const now = Date.UTC(2030, 0, 1, 12, 0, 0);
const streaming: LogSourceStatus = {state: 'streaming', message: 'tailing unit etcd in the system journal', severity: 'ok'};
const minute = 60_000;

/** A journalctl -o json entry as the source delivers it. */
function entry(message: string, {time = now, host = 'node1', unit = 'etcd.service'}: {time?: number; host?: string; unit?: string} = {}): string {
	return JSON.stringify({__REALTIME_TIMESTAMP: String(time * 1000), _HOSTNAME: host, _SYSTEMD_UNIT: unit, PRIORITY: '6', MESSAGE: message});
}

function info(index: number): string {
	return entry(`{"level":"info","ts":"2030-01-01T12:00:00.000Z","caller":"etcdserver/server.go:1","msg":"line ${index}"}`);
}

function trouble(kind: string): string {
	return zapTroubles.find(fixture => fixture.kind === kind)!.line;
}

function run(state: LogViewState, ...events: LogViewEvent[]): LogViewState {
	return events.reduce(logViewReducer, state);
}

function withLines(count: number, capacity = 100): LogViewState {
	return run(initialLogViewState(capacity, streaming, now), {type: 'append', lines: Array.from({length: count}, (_, index) => info(index + 1)), now});
}

function shown(state: LogViewState, height: number): string[] {
	return visibleSlice(state, height).entries.map(line => line.message);
}

test('the buffer keeps the newest `capacity` lines and counts the ones it dropped', () => {
	const state = run(withLines(8, 5), {type: 'append', lines: [info(9)], now});
	assert.deepEqual(state.entries.map(line => line.message), ['line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
	assert.deepEqual(state.entries.map(line => line.seq), [5, 6, 7, 8, 9]);
	assert.equal(state.dropped, 4);
});

test('following: the newest lines are in view; the slice says how many are above', () => {
	const state = withLines(10);
	assert.deepEqual(shown(state, 3), ['line 8', 'line 9', 'line 10']);
	assert.deepEqual(visibleSlice(state, 3), {...visibleSlice(state, 3), above: 7, below: 0, matching: 10});
});

test('scrolling up stops following; lines that arrive then do not move the view', () => {
	let state = run(withLines(10), {type: 'scroll', lines: -2, pageSize: 2});
	assert.equal(state.follow, false);
	assert.deepEqual(shown(state, 3), ['line 6', 'line 7', 'line 8']);
	state = run(state, {type: 'append', lines: [info(11), info(12)], now});
	assert.deepEqual(shown(state, 3), ['line 6', 'line 7', 'line 8']);
	assert.equal(visibleSlice(state, 3).below, 4);
});

test('scrolling down to the newest line follows again', () => {
	let state = run(withLines(10), {type: 'scroll', lines: -3, pageSize: 2}, {type: 'scroll', lines: 2, pageSize: 2});
	assert.equal(state.follow, false);
	state = run(state, {type: 'scroll', lines: 1, pageSize: 2});
	assert.equal(state.follow, true);
	assert.deepEqual(shown(run(state, {type: 'append', lines: [info(11)], now}), 2), ['line 10', 'line 11']);
});

test('f freezes the view where it is and f again follows', () => {
	let state = run(withLines(5), {type: 'toggle-follow'}, {type: 'append', lines: [info(6)], now});
	assert.equal(state.follow, false);
	assert.deepEqual(shown(state, 2), ['line 4', 'line 5']);
	state = run(state, {type: 'toggle-follow'});
	assert.deepEqual(shown(state, 2), ['line 5', 'line 6']);
});

test('PgUp and PgDn move by the page the pane shows; Home shows the oldest page and End follows', () => {
	const page = (step: 1 | -1) => logsEventFor(step === 1 ? 'logs-page-down' : 'logs-page-up', 4);
	let state = run(withLines(20), page(-1));
	assert.deepEqual(shown(state, 4), ['line 13', 'line 14', 'line 15', 'line 16']);
	state = run(state, page(-1), page(-1), page(-1), page(-1), page(-1));
	assert.deepEqual(shown(state, 4), ['line 1', 'line 2', 'line 3', 'line 4'], 'stops at the oldest page');
	// On the oldest page the cursor (the line Enter opens) climbed to its first line; a page down is four lines on.
	assert.equal(visibleSlice(state, 4).cursor, 0);
	state = run(state, page(1));
	assert.deepEqual(shown(state, 4), ['line 2', 'line 3', 'line 4', 'line 5']);
	assert.equal(visibleSlice(state, 4).cursor, 3);
	state = run(withLines(20), logsEventFor('logs-oldest', 4));
	assert.deepEqual(shown(state, 4), ['line 1', 'line 2', 'line 3', 'line 4']);
	state = run(state, logsEventFor('logs-newest', 4));
	assert.equal(state.follow, true);
	assert.deepEqual(shown(state, 4), ['line 17', 'line 18', 'line 19', 'line 20']);
});

test('a paused view whose lines left the buffer shows the oldest page kept', () => {
	let state = run(withLines(10, 10), {type: 'scroll', lines: -7, pageSize: 2});
	assert.deepEqual(shown(state, 2), ['line 2', 'line 3']);
	state = run(state, {type: 'append', lines: Array.from({length: 5}, (_, index) => info(11 + index)), now});
	assert.deepEqual(shown(state, 2), ['line 6', 'line 7']);
});

test('w shows only warnings and trouble signs; w again shows every line', () => {
	const state = run(initialLogViewState(100, streaming, now), {type: 'append', lines: [...ordinaryLines, trouble('election')], now}, {type: 'toggle-warnings-only'});
	// In the time order of their own timestamps, whatever order they arrived in.
	const messages = matchingEntries(state).map(line => line.message);
	assert.deepEqual([...messages].sort(), [
		'simple token is not cryptographically signed',
		'lost TCP streaming connection with remote peer',
		'data-dir used by this member must be removed',
		'rejecting member add request; local member has not been connected to majority peers, reconfigure breaks active quorum',
		'lost the TCP streaming connection with peer c1a45533ed89dfd2 (stream MsgApp v2 reader)',
		'failed to dial bfc0424150f81473 on stream Message (the member has been permanently removed from the cluster)',
		'server is likely overloaded',
		'raft.node: 3c6904551301cf70 lost leader 87c890c3d141f0b4 at term 3',
	].sort());
	const times = matchingEntries(state).map(line => line.time);
	assert.deepEqual(times, [...times].sort((a, b) => a - b));
	assert.equal(matchingEntries(run(state, {type: 'toggle-warnings-only'})).length, ordinaryLines.length + 1);
});

test('/ narrows the view with each key typed, case-insensitively; Enter keeps the filter and Esc puts the previous one back', () => {
	let state = run(withLines(12), {type: 'filter-open'}, {type: 'filter-type', text: 'LINE 1'});
	assert.equal(state.draft, 'LINE 1');
	assert.deepEqual(matchingEntries(state).map(line => line.message), ['line 1', 'line 10', 'line 11', 'line 12']);
	state = run(state, {type: 'filter-type', text: '1'});
	assert.deepEqual(matchingEntries(state).map(line => line.message), ['line 11']);
	state = run(state, {type: 'filter-erase'}, {type: 'filter-erase'}, {type: 'filter-type', text: '2'});
	assert.deepEqual(matchingEntries(state).map(line => line.message), ['line 2']);
	state = run(state, {type: 'filter-apply'});
	assert.equal(state.draft, undefined);
	assert.equal(state.filter, 'LINE 2');
	state = run(state, {type: 'filter-open'}, {type: 'filter-type', text: '\u001B[Ajunk\n'}, {type: 'filter-cancel'});
	assert.equal(state.filter, 'LINE 2', 'Esc restores the filter from before /');
	assert.deepEqual(matchingEntries(run(state, {type: 'filter-clear'})).length, 12);
});

test('the filter searches the source too, and a pasted escape sequence types only its text', () => {
	let state = run(initialLogViewState(100, streaming, now), {type: 'append', lines: [entry('a', {host: 'node1'}), entry('b', {host: 'node2'})], now});
	state = run(state, {type: 'filter-open'}, {type: 'filter-type', text: 'node2\r'});
	assert.equal(state.draft, 'node2');
	assert.deepEqual(matchingEntries(state).map(line => line.message), ['b']);
});

test('lines are labelled with their host only when more than one host is tailed, and with host/unit when units differ too', () => {
	const one = run(initialLogViewState(100, streaming, now), {type: 'append', lines: [entry('a'), entry('b')], now});
	assert.equal(sourceLabel(one, one.entries[0]!), undefined);
	const hosts = run(one, {type: 'append', lines: [entry('c', {host: 'node2'})], now});
	assert.equal(sourceLabel(hosts, hosts.entries[2]!), 'node2');
	const both = run(hosts, {type: 'append', lines: [entry('d', {host: 'node2', unit: 'dh-etcd.service'})], now});
	assert.equal(sourceLabel(both, both.entries[3]!), 'node2/dh-etcd');
	const units = run(one, {type: 'append', lines: [entry('e', {unit: 'dh-etcd.service'})], now});
	assert.equal(sourceLabel(units, units.entries[2]!), 'dh-etcd');
});

test('trouble signs are counted over the last 5 and 15 minutes and since the start, even after their lines left the buffer', () => {
	const at = (minutesAgo: number) => entry(trouble('slow-fdatasync'), {time: now - (minutesAgo * minute)});
	let state = run(initialLogViewState(3, streaming, now), {type: 'append', lines: [at(30), at(12), at(4), at(1), entry(trouble('election'), {time: now}), info(1), info(2), info(3)], now});
	assert.equal(state.entries.filter(line => line.trouble !== undefined).length, 0, 'every trouble line left the 3-line buffer');
	const tally = (kind: string) => troubleTallies(state.counts, state.now).find(candidate => candidate.kind === kind)!;
	assert.deepEqual([tally('slow-fdatasync').shortWindow, tally('slow-fdatasync').longWindow, tally('slow-fdatasync').total], [2, 3, 4]);
	assert.deepEqual([tally('election').shortWindow, tally('election').longWindow, tally('election').total], [1, 1, 1]);
	assert.deepEqual([tally('slow-apply').shortWindow, tally('slow-apply').longWindow, tally('slow-apply').total], [0, 0, 0]);
	state = run(state, {type: 'tick', now: now + (5 * minute)});
	assert.deepEqual([tally('slow-fdatasync').shortWindow, tally('slow-fdatasync').longWindow, tally('slow-fdatasync').total], [0, 2, 4], 'time passing empties the windows');
	assert.deepEqual(state.counts.buckets['slow-fdatasync'].length, 2, 'buckets older than 15 minutes are forgotten');
});

test('a kind seen twice in 15 minutes is a header warning with etcd\'s words, the counts and the latest, naming members', () => {
	const lines = [
		entry(trouble('peer-unhealthy'), {time: now - (10 * minute), host: 'node1'}),
		entry(trouble('peer-unhealthy'), {time: now - minute, host: 'node3'}),
		entry(trouble('slow-apply'), {time: now - minute}),
	];
	const state = run(initialLogViewState(100, streaming, now), {type: 'append', lines, now});
	assert.deepEqual(bare(recurringTroubleWarnings(state.counts, now, zapMembers)), [
		{severity: 'warning', text: 'etcd log: "prober detected unhealthy status" ×1 in 5 min, 2 in 15 min; latest: peer m2 unhealthy: dial tcp 127.0.0.1:33007: connect: connection refused on node3'},
	]);
	assert.deepEqual(bare(recurringTroubleWarnings(state.counts, now + (20 * minute), zapMembers)), [], 'not once they are older than 15 minutes');
});

test('the add-node signs recur into header warnings like the others: a cluster ID mismatch, a removed member rejoining (etcd 3.5.30\'s lines)', () => {
	const line = (kind: string, index = 0) => zap35Troubles.filter(fixture => fixture.kind === kind)[index]!.line;
	const lines = [
		entry(line('cluster-id-mismatch', 0), {time: now - (2 * minute)}),
		entry(line('cluster-id-mismatch', 1), {time: now - minute}),
		entry(line('removed-member', 0), {time: now - (8 * minute)}),
		entry(line('removed-member', 0), {time: now - minute, host: 'node2'}),
	];
	const state = run(initialLogViewState(100, streaming, now), {type: 'append', lines, now});
	assert.deepEqual(bare(recurringTroubleWarnings(state.counts, now, zap35Members)), [
		{severity: 'warning', text: 'etcd log: "cluster ID mismatch" ×2 in 5 min, 2 in 15 min; latest: cluster ID mismatch with m4: it is in cluster 2b70915d77d0e06f, this member in 397db83e6263aa2d (started with --initial-cluster-state new, or another cluster\'s data dir?) on node1'},
		{severity: 'warning', text: 'etcd log: "rejected stream from remote peer because it was removed" ×1 in 5 min, 2 in 15 min; latest: removed member 2a5b872da37ede23 still tries to rejoin, rejected by m1 on node2'},
	]);
});

test('status events replace the source state; lines do not', () => {
	const failed: LogSourceStatus = {state: 'journalctl-missing', message: 'journalctl not found', severity: 'error'};
	const state = run(withLines(1), {type: 'status', status: failed}, {type: 'append', lines: [info(2)], now});
	assert.equal(state.status, failed);
});

test('every key of the pane\'s table maps to a reducer event that changes something', () => {
	const base = run(withLines(30), {type: 'scroll', lines: -10, pageSize: 2});
	const typing = run(base, {type: 'filter-open'}, {type: 'filter-type', text: 'line'});
	// A line opened whole and scrolled part way down its 10 rows.
	const opened = run(base, {type: 'open-line', pageSize: 2}, {type: 'scroll-line', lines: 5, maxOffset: 10});
	for (const binding of logsKeymap) {
		const before = binding.scope === 'logs-filter' ? typing : binding.scope === 'logs-line' ? opened : binding.command === 'logs-filter-clear' ? run(base, {type: 'filter-open'}, {type: 'filter-type', text: 'x'}, {type: 'filter-apply'}) : base;
		const after = logViewReducer(before, logsEventFor(binding.command, 5, 10));
		assert.notEqual(after, before, `${chordsLabel(binding.chords)} (${binding.description}) changed nothing`);
	}
});
