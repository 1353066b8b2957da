import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import {initialLogViewState, logViewReducer, type LogViewEvent, type LogViewState} from '../../source/model/logs/log-view.ts';
import {LogsPane, logsPageSize} from '../../source/ui/logs/LogsPane.tsx';
import {cells, linesOf} from '../support/render.tsx';
import {ordinaryLines, zapMembers, zapTroubles} from '../support/etcd-log-fixtures.ts';

const now = Date.UTC(2026, 10, 23, 13, 45);
const tailing: LogSourceStatus = {state: 'streaming', message: 'tailing unit etcd in the system journal', severity: 'ok'};

function journal(message: string, host = 'node1', time = now): string {
	return JSON.stringify({__REALTIME_TIMESTAMP: String(time * 1000), _HOSTNAME: host, _SYSTEMD_UNIT: 'etcd.service', PRIORITY: '6', MESSAGE: message});
}

function info(index: number, host = 'node1'): string {
	return journal(`{"level":"info","ts":"2026-11-23T13:45:00.000Z","caller":"etcdserver/server.go:1","msg":"line ${index}"}`, host);
}

function view(lines: readonly string[], ...events: LogViewEvent[]): LogViewState {
	return [{type: 'append', lines, now} as const, ...events].reduce(logViewReducer, initialLogViewState(5000, tailing, now));
}

function draw(state: LogViewState, {width = 100, height = 12, memberNames = zapMembers}: {width?: number; height?: number; memberNames?: ReadonlyMap<string, string>} = {}): {lines: string[]; raw: string} {
	const {lastFrame, unmount} = render(<LogsPane view={state} width={width} height={height} memberNames={memberNames} />);
	try {
		return {lines: linesOf(lastFrame()), raw: lastFrame() ?? ''};
	} finally {
		unmount();
	}
}

test('the newest lines fill the pane under the trouble strip, each with its UTC time and level', () => {
	const {lines} = draw(view(Array.from({length: 30}, (_, index) => info(index + 1))), {height: 8});
	assert.equal(lines.length, 8);
	assert.equal(logsPageSize(8), 6);
	assert.match(lines[0]!, /^no trouble signs seen \(slow apply, late heartbeat, peer unhealthy, peer inactive, slow ReadIndex, s…/);
	assert.deepEqual(lines.slice(1, 7), [25, 26, 27, 28, 29, 30].map(index => `13:45:00.000 I line ${index}`));
	assert.equal(lines[7], 'follow on · 30 lines · tailing unit etcd in the system journal');
});

test('trouble lines are called out with etcd\'s figures and member names, and counted in the strip', () => {
	const heartbeat = zapTroubles.find(fixture => fixture.kind === 'heartbeat-late')!;
	const unhealthy = zapTroubles.find(fixture => fixture.kind === 'peer-unhealthy')!;
	const lines = [journal(heartbeat.line, 'node1', now - (10 * 60_000)), journal(unhealthy.line, 'node1', now - 60_000), journal(unhealthy.line, 'node1', now - 30_000), info(1)];
	const {lines: drawn} = draw(view(lines), {width: 160});
	assert.equal(drawn[0], '5m/15m/all late heartbeat 0/1/1 · peer unhealthy 2/2/2 · 7 other kinds none');
	assert.ok(drawn[1]!.startsWith(`13:35:00.000 W ▲ ${heartbeat.described}  leader failed to send out heartbeat on time;`), drawn[1]);
	assert.match(drawn[2]!, /^13:44:00\.000 W ▲ peer m2 unhealthy: dial tcp 127\.0\.0\.1:33007: connect: connection refused {2}prober detected unhealthy status/);
	assert.match(drawn[4]!, /^13:45:00\.000 I line 1$/);
	const unnamed = draw(view(lines), {width: 160, memberNames: new Map()}).lines;
	assert.match(unnamed[2]!, /▲ peer 87c890c3d141f0b4 unhealthy/);
});

test('with lines from several hosts (a copied journal) each line names its host, and the trouble counts are given per host', () => {
	const {lines} = draw(view([info(1, 'node1'), info(2, 'node2')]));
	assert.equal(lines[1], 'by member 15m/all node1 0/0 · node2 0/0');
	assert.deepEqual(lines.slice(2, 4), ['13:45:00.000 I node1 line 1', '13:45:00.000 I node2 line 2']);
});

test('no lines yet: the source\'s state says what is wrong and how to fix it', () => {
	const missing: LogSourceStatus = {state: 'journalctl-missing', message: 'journalctl not found: install systemd (it provides journalctl) or pass --log-command CMD', severity: 'error'};
	const {lines} = draw(logViewReducer(initialLogViewState(5000, tailing, now), {type: 'status', status: missing}), {width: 80, height: 6});
	assert.equal(lines.length, 6);
	assert.equal(`${lines[1]!.trimEnd()} ${lines[2]!.trimEnd()}`, missing.message, 'wrapped, whole');
	assert.equal(lines[5], 'follow on · 0 lines');
	const starting = draw(initialLogViewState(5000, {state: 'starting', message: 'reading the system journal…', severity: 'ok'}, now)).lines;
	assert.equal(starting[1], 'waiting for lines: reading the system journal…');
});

test('paused: the status line counts the newer lines below and shows the filters in force', () => {
	const state = view(Array.from({length: 20}, (_, index) => info(index + 1)), {type: 'scroll', lines: -5, pageSize: 10}, {type: 'filter-open'}, {type: 'filter-type', text: 'line 1'}, {type: 'filter-apply'});
	const {lines} = draw(state);
	assert.equal(lines.at(-1), 'paused (4 newer below) · filter "line 1" · 20 lines · tailing unit etcd in the system journal');
	assert.ok(lines.slice(1, -1).every(line => line.includes('line 1') || line.trim() === ''), lines.join('\n'));
	const warnings = draw(view([info(1)], {type: 'toggle-warnings-only'})).lines;
	assert.equal(warnings[1], 'no warnings among the 1 kept');
	assert.match(warnings.at(-1)!, /^follow on · warnings only · 1 lines/);
	const scrolled = draw(view(Array.from({length: 30}, (_, index) => info(index + 1)), {type: 'scroll', lines: -4, pageSize: 10}));
	assert.match(scrolled.lines.at(-1)!, /^paused \(4 newer below\) · 30 lines/);
	assert.equal(scrolled.lines.at(-2), '13:45:00.000 I line 26');
});

test('while a filter is typed the status line is the prompt', () => {
	const {lines} = draw(view([info(1), info(2)], {type: 'filter-open'}, {type: 'filter-type', text: '2'}));
	assert.equal(lines.at(-1), '/2   Enter keep · Esc cancel');
	assert.deepEqual(lines.slice(1, 2), ['13:45:00.000 I line 2']);
});

test('no line is wider than the pane, and the pane no taller than its height', () => {
	const long = [...ordinaryLines, ...zapTroubles.map(fixture => fixture.line)].map(line => journal(line));
	for (const width of [60, 80, 120]) {
		for (const height of [5, 12]) {
			const {lines} = draw(view(long), {width, height});
			assert.ok(lines.length <= height, `${lines.length} lines at height ${height}`);
			for (const line of lines) {
				assert.ok(cells(line) <= width, `${cells(line)} cells at width ${width}: ${line}`);
			}
		}
	}
});

test('lines are coloured by level and trouble signs stand out', () => {
	const error = journal('{"level":"error","ts":"2026-11-23T13:45:00.000Z","caller":"x.go:1","msg":"failed to commit"}');
	const {raw} = draw(view([error, journal(zapTroubles[0]!.line), info(1)]));
	const rows = raw.split('\n');
	assert.ok(rows[1]!.includes('\u001B[31mfailed to commit'), JSON.stringify(rows[1]));
	assert.ok(rows[2]!.includes('\u001B[7m'), `trouble line in inverse: ${JSON.stringify(rows[2])}`);
	assert.ok(!rows[3]!.includes('\u001B[3'), `an info line has no colour: ${JSON.stringify(rows[3])}`);
});
