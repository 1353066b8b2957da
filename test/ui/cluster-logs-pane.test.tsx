import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {useSyncReducer} from '../../source/hooks/use-sync-reducer.ts';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import type {LogMember} from '../../source/model/logs/log-template.ts';
import {initialLogViewState, logViewReducer, type LogViewEvent, type LogViewState} from '../../source/model/logs/log-view.ts';
import {LogsPane, logsPageSize} from '../../source/ui/logs/LogsPane.tsx';
import {logsCommandEvent, logsKeyLayer} from '../../source/ui/logs/logs-keymap.ts';
import {linesOf, sequencesFor, waitFor} from '../support/render.tsx';
import {useRoutedKeys} from '../support/routed-keys.ts';

const now = Date.UTC(2026, 10, 23, 13, 45);
const tailing: LogSourceStatus = {state: 'streaming', message: 'tailing', severity: 'ok'};
const members: LogMember[] = [
	{id: '8e9e05c52164694d', name: 'm1', peerUrls: ['http://127.0.0.1:2380'], clientUrls: []},
	{id: '91bc3c398fb3c146', name: 'm2', peerUrls: ['http://127.0.0.1:2381'], clientUrls: []},
	{id: 'fd422379fda50e48', name: 'm3', peerUrls: ['http://127.0.0.1:2382'], clientUrls: []},
];
const memberNames = new Map(members.map(member => [member.id, member.name]));

function zap(message: string, second: number, level = 'info', fields: Record<string, string> = {}): string {
	return JSON.stringify({level, ts: new Date(now - 60_000 + (second * 1000)).toISOString(), caller: 'rafthttp/x.go:1', msg: message, ...fields});
}

function from(index: number, lines: string[]): LogViewEvent {
	return {type: 'append', lines, now, origin: {key: members[index]!.id, member: members[index]!.name}};
}

const unhealthy = (peer: string, second: number) => zap('prober detected unhealthy status', second, 'warn', {'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE', 'remote-peer-id': peer, rtt: '0s', error: 'dial tcp 127.0.0.1:2381: connect: connection refused'});

/** Three members' tails as the source delivers them: each its own batch, in no time order. */
function clusterView(...events: LogViewEvent[]): LogViewState {
	return [
		{type: 'members', members} as const,
		...members.map(member => ({type: 'status', status: tailing, origin: {key: member.id, member: member.name}}) as const),
		from(2, [zap('m3 says 3', 3), zap('m3 says 6', 6)]),
		from(0, [zap('m1 says 1', 1), unhealthy('91bc3c398fb3c146', 4)]),
		from(1, [zap('m2 says 2', 2), zap('lost TCP streaming connection with remote peer', 5, 'warn', {'remote-peer-id': '8e9e05c52164694d'})]),
		...events,
	].reduce(logViewReducer, initialLogViewState(5000, tailing, now));
}

function draw(state: LogViewState, height = 12, width = 300): {lines: string[]; raw: string} {
	const {lastFrame, unmount} = render(<LogsPane view={state} width={width} height={height} memberNames={memberNames} />);
	try {
		return {lines: linesOf(lastFrame()), raw: lastFrame() ?? ''};
	} finally {
		unmount();
	}
}

test('every member\'s lines in one view, in time order, each named by its member in the member\'s colour, IDs named', () => {
	const {lines, raw} = draw(clusterView());
	assert.match(lines[0]!, /^5m\/15m\/all peer unhealthy 1\/1\/1 · 8 other kinds none/);
	assert.equal(lines[1], 'by member 15m/all m1 1/1 · m2 0/0 · m3 0/0');
	const body = lines.slice(2, 8).map(line => line.replace(/^\S+ [IW] /, ''));
	assert.deepEqual(body, [
		'm1 m1 says 1',
		'm2 m2 says 2',
		'm3 m3 says 3',
		'm1 ▲ peer m2 unhealthy: dial tcp 127.0.0.1:2381: connect: connection refused  prober detected unhealthy status round-tripper-name=ROUND_TRIPPER_RAFT_MESSAGE remote-peer-id=91bc3c398fb3c146 (m2) rtt=0s error=dial tcp 127.0.0.1:2381: connect: connection refused',
		'm2 lost TCP streaming connection with remote peer remote-peer-id=8e9e05c52164694d (m1)',
		'm3 m3 says 6',
	]);
	// Each member's name in a colour of its own: cyan, magenta, blue (SGR 36, 35, 34).
	for (const [name, colour] of [['m1', 36], ['m2', 35], ['m3', 34]] as const) {
		assert.ok(raw.includes(`\u001B[${colour}m\u001B[1m${name} `) || raw.includes(`\u001B[1m\u001B[${colour}m${name} `), `${name} in colour ${colour}`);
	}
});

test('one member shown: its lines alone, its trouble counts in the strip, and the status line says how to see all', () => {
	const state = clusterView({type: 'show-member', member: 'm1'});
	const {lines} = draw(state);
	assert.match(lines[0]!, /^m1: 5m\/15m\/all peer unhealthy 1\/1\/1/);
	const body = lines.slice(2, 4).map(line => line.replace(/^\S+ [IW] /, ''));
	assert.equal(body[0], 'm1 m1 says 1');
	assert.ok(body[1]!.startsWith('m1 ▲ peer m2 unhealthy'), body[1]);
	assert.equal(lines[4], '');
	assert.match(lines.at(-1)!, /^follow on · m1 only \(f next, F all\) · 6 lines/);
	const quiet = draw(clusterView({type: 'show-member', member: 'm3'})).lines;
	assert.match(quiet[0]!, /^m3: no trouble signs seen/);
});

test('a tail that fails shows its reason in a row of its own, and the others\' lines go on below it', () => {
	const failed: LogSourceStatus = {state: 'exited', message: 'the log command exited with code 255: ssh: connect to host 127.0.0.1 port 22: Connection refused; no more lines will come', severity: 'error'};
	const state = clusterView({type: 'status', status: failed, origin: {key: members[1]!.id, member: 'm2'}}, from(2, [zap('m3 goes on', 7)]));
	const {lines} = draw(state, 12);
	assert.equal(lines[2], '✖ m2: the log command exited with code 255: ssh: connect to host 127.0.0.1 port 22: Connection refused; no more lines will come');
	assert.match(lines.slice(3, -1).filter(line => line !== '').at(-1)!, /m3 m3 goes on$/);
	assert.match(lines.at(-1)!, /2 of 3 tails streaming; failed: m2$/);
	assert.equal(logsPageSize(12, state), 8);
	assert.equal(lines.length, 12);
});

test(':logs MEMBER (as the command line resolves it) shows that member; :logs alone steps as f does', () => {
	assert.deepEqual(logsCommandEvent('logs-member', {member: {id: members[1]!.id, name: 'm2'}}, 5), {type: 'show-member', member: 'm2'});
	assert.deepEqual(logsCommandEvent('logs-member', undefined, 5), {type: 'cycle-member', step: 1});
	assert.equal(clusterView(logsCommandEvent('logs-member', {member: {id: members[2]!.id, name: 'm3'}}, 5)).memberFilter, 'm3');
	const runs: LogViewEvent[] = [];
	const layer = logsKeyLayer(clusterView(), event => runs.push(event), 5);
	layer.run('logs-member', {member: {id: members[0]!.id, name: 'm1'}});
	layer.run('logs-member');
	assert.deepEqual(runs, [{type: 'show-member', member: 'm1'}, {type: 'cycle-member', step: 1}]);
});

test('f steps through the members and F shows them all again, as a terminal sends the keys', async () => {
	const height = 10;
	function Harness() {
		const [view, dispatch, read] = useSyncReducer(logViewReducer, clusterView());
		useRoutedKeys(() => [logsKeyLayer(read(), dispatch, logsPageSize(height, read()))]);
		return <LogsPane view={view} width={150} height={height} memberNames={memberNames} />;
	}

	const rendered = render(<Harness />);
	const members = () => new Set(linesOf(rendered.lastFrame()).slice(2, -1).filter(line => line !== '').map(line => line.replace(/^\S+ [IW] /, '').split(' ')[0]));
	const press = async (input: string, expected: string[]) => {
		rendered.stdin.write(input);
		await waitFor(() => assert.deepEqual([...members()].sort(), expected), 2000, `the frame after ${input}`);
	};

	const f = sequencesFor('logs-member')[0]!;
	const all = sequencesFor('logs-all-members')[0]!;
	assert.deepEqual([f, all], ['f', 'F']);
	try {
		await press(f, ['m1']);
		await press(f, ['m2']);
		await press(f, ['m3']);
		await press(f, ['m1', 'm2', 'm3']);
		await press(f, ['m1']);
		await press(all, ['m1', 'm2', 'm3']);
	} finally {
		rendered.unmount();
	}
});
