import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {LogSourceStatus} from '../../source/logs/log-status.ts';
import {fairShares, keepWithinBudget, mergeByTime} from '../../source/model/logs/log-merge.ts';
import {expandTemplate, localMembers, memberForHost, memberHost, placeholdersOf, planTails, type LogMember} from '../../source/model/logs/log-template.ts';
import {nameMemberIds} from '../../source/model/logs/member-ids.ts';
import {parseLogLine} from '../../source/model/logs/log-entry.ts';
import {initialLogViewState, logViewReducer, matchingEntries, sourceLabel, visibleSlice, type LogViewEvent, type LogViewState} from '../../source/model/logs/log-view.ts';
import {troubleTallies} from '../../source/model/logs/trouble-counts.ts';
import {zapTroubles} from '../support/etcd-log-fixtures.ts';

const now = Date.UTC(2030, 0, 1, 12, 0, 0);
const streaming: LogSourceStatus = {state: 'streaming', message: 'tailing', severity: 'ok'};

const members: LogMember[] = [
	{id: '8e9e05c52164694d', name: 'm1', peerUrls: ['http://10.0.0.1:2380'], clientUrls: ['https://10.0.0.1:2379']},
	{id: '91bc3c398fb3c146', name: 'm2', peerUrls: ['http://node2.example.com:2380'], clientUrls: []},
	{id: 'fd422379fda50e48', name: 'm3', peerUrls: ['http://[fd00::3]:2380'], clientUrls: ['http://[fd00::3]:2379']},
];

function zap(message: string, time: number, fields: Record<string, string> = {}): string {
	return JSON.stringify({level: 'info', ts: new Date(time).toISOString(), caller: 'etcdserver/server.go:1', msg: message, ...fields});
}

function run(state: LogViewState, ...events: LogViewEvent[]): LogViewState {
	return events.reduce(logViewReducer, state);
}

function from(member: LogMember, lines: string[]): LogViewEvent {
	return {type: 'append', lines, now, origin: {key: member.id, member: member.name}};
}

test('a template\'s placeholders: name, host from the peer URL (else the client URL), id and unit, each one shell word', () => {
	assert.deepEqual(placeholdersOf('ssh {host} journalctl -u {unit} -f -o json # {host}'), ['host', 'unit']);
	assert.deepEqual(placeholdersOf('tail -F /var/log/etcd.log | awk \'{print}\''), []);
	assert.equal(expandTemplate('ssh {host} journalctl -u {unit} -f -o json', members[0]!, 'dh-etcd'), 'ssh 10.0.0.1 journalctl -u dh-etcd -f -o json');
	assert.equal(expandTemplate('tail -F /logs/{name}-{id}.log', members[1]!, 'etcd'), 'tail -F /logs/m2-91bc3c398fb3c146.log');
	assert.equal(memberHost(members[2]!), 'fd00::3');
	assert.equal(memberHost({peerUrls: [], clientUrls: ['https://db1:2379']}), 'db1');
	const hostile: LogMember = {id: '1', name: 'x; rm -rf / #\'', peerUrls: [], clientUrls: []};
	assert.equal(expandTemplate('tail -F {name}.log', hostile, 'etcd'), 'tail -F \'x; rm -rf / #\'\\\'\'\'.log');
	// An added member has no name until it starts, and none without URLs has a host.
	assert.equal(expandTemplate('tail -F {name}.log', {...hostile, name: ''}, 'etcd'), undefined);
	assert.equal(expandTemplate('ssh {host} true', hostile, 'etcd'), undefined);
});

test('planning: a tail per member a template fits; one command without placeholders; else the journal named by the one local member', () => {
	const template = planTails({logCommand: 'tail -F /l/{name}.log', units: [], copiedJournal: false}, [...members, {id: 'aa', name: '', peerUrls: ['http://10.0.0.9:2380'], clientUrls: []}], new Set());
	assert.deepEqual(template.map(plan => [plan.key, plan.member, plan.command]), [
		['8e9e05c52164694d', 'm1', 'tail -F /l/m1.log'],
		['91bc3c398fb3c146', 'm2', 'tail -F /l/m2.log'],
		['fd422379fda50e48', 'm3', 'tail -F /l/m3.log'],
	]);
	assert.deepEqual(planTails({logCommand: 'journalctl -f', units: [], copiedJournal: false}, members, new Set()), [{key: 'command', member: undefined, command: 'journalctl -f'}]);
	assert.deepEqual(planTails({units: [], copiedJournal: false}, members, new Set(['10.0.0.1', '127.0.0.1'])), [{key: 'journal', member: 'm1', command: undefined}]);
	// By host name too, short or long.
	assert.deepEqual(localMembers(members, new Set(['node2'])).map(member => member.name), ['m2']);
	// Every member on this host (a test cluster on loopback): the journal cannot tell them apart by address.
	assert.equal(planTails({units: [], copiedJournal: false}, members, new Set(['10.0.0.1', 'node2']))[0]!.member, undefined);
	// A copied journal holds other hosts' lines: they are named by _HOSTNAME instead.
	assert.equal(planTails({units: [], copiedJournal: true}, members, new Set(['10.0.0.1']))[0]!.member, undefined);
});

test('a copied journal\'s _HOSTNAME names its member: by name, or by the host of its URLs', () => {
	assert.equal(memberForHost('m1', members), 'm1');
	assert.equal(memberForHost('node2', members), 'm2');
	assert.equal(memberForHost('10.0.0.1', members), 'm1');
	assert.equal(memberForHost('elsewhere', members), undefined);
});

test('member IDs in a line are shown with their names; other hex words stay as they are', () => {
	const names = new Map(members.map(member => [member.id, member.name]));
	assert.equal(nameMemberIds('raft: 8e9e05c52164694d became leader at term 3; sent to fd422379fda50e48', names), 'raft: 8e9e05c52164694d (m1) became leader at term 3; sent to fd422379fda50e48 (m3)');
	assert.equal(nameMemberIds('request 1234567890abcdef took 3ms, revision 12345678', names), 'request 1234567890abcdef took 3ms, revision 12345678');
	assert.equal(nameMemberIds('remote-peer-id=91BC3C398FB3C146', names), 'remote-peer-id=91BC3C398FB3C146 (m2)');
});

test('lines of several tails are merged by their own timestamps, whatever order they arrive in', () => {
	const state = run(initialLogViewState(100, streaming, now),
		from(members[0]!, [zap('m1 first', now - 3000), zap('m1 third', now - 1000)]),
		from(members[1]!, [zap('m2 second', now - 2000), zap('m2 fourth', now)]),
		from(members[2]!, [zap('m3 zeroth', now - 4000)]));
	assert.deepEqual(state.entries.map(entry => `${entry.label} ${entry.message}`), ['m3 m3 zeroth', 'm1 m1 first', 'm2 m2 second', 'm1 m1 third', 'm2 m2 fourth']);
	assert.equal(sourceLabel(state, state.entries[0]!), 'm3');
	const merged = mergeByTime(state.entries.slice(0, 2), state.entries.slice(2).reverse());
	assert.deepEqual(merged.map(entry => entry.message), state.entries.map(entry => entry.message));
});

test('the budget is shared: a flooding member cannot push a quiet member\'s lines out', () => {
	assert.deepEqual([...fairShares(new Map([['a', 5], ['b', 5], ['c', 5]]), 10)].sort(), [['a', 3], ['b', 3], ['c', 4]]);
	assert.deepEqual([...fairShares(new Map([['flood', 10_000], ['quiet', 7]]), 100)].sort(), [['flood', 93], ['quiet', 7]]);
	let state = run(initialLogViewState(50, streaming, now), from(members[1]!, Array.from({length: 10}, (_, index) => zap(`quiet ${index}`, now - 60_000 + index))));
	for (let round = 0; round < 20; round++) {
		state = run(state, from(members[0]!, Array.from({length: 500}, (_, index) => zap(`flood ${round}.${index}`, now + (round * 500) + index))));
	}

	assert.equal(state.entries.length, 50);
	assert.equal(state.entries.filter(entry => entry.label === 'm2').length, 10, 'the quiet member keeps every line');
	assert.equal(state.entries.at(-1)!.message, 'flood 19.499');
	assert.equal(state.dropped, (20 * 500) - 40);
	// Lines a tail skipped in a flood before they were delivered are counted as dropped too.
	assert.equal(run(state, {type: 'append-batches', now, batches: [{origin: {key: 'x', member: 'm1'}, lines: [], skipped: 7}]}).dropped, state.dropped + 7);
	const keep = keepWithinBudget(state.entries, 20);
	assert.equal(keep.filter(entry => entry.label === 'm2').length, 10);
});

test('f steps through the members one at a time and back to all; :logs MEMBER shows one; trouble counted per member and per kind', () => {
	const peerUnhealthy = zapTroubles.find(fixture => fixture.kind === 'peer-unhealthy')!.line;
	const election = zapTroubles.find(fixture => fixture.kind === 'election')!.line;
	let state = run(initialLogViewState(100, streaming, now),
		{type: 'members', members},
		from(members[2]!, [zap('m3 line', now - 1000), election]),
		from(members[0]!, [zap('m1 line', now - 500), peerUnhealthy, peerUnhealthy]),
		from(members[1]!, [zap('m2 line', now - 200)]));
	// In the member list's order, whatever order they first spoke in.
	assert.deepEqual(state.labels, ['m1', 'm2', 'm3']);
	state = run(state, {type: 'cycle-member', step: 1});
	assert.equal(state.memberFilter, 'm1');
	assert.deepEqual(matchingEntries(state).map(entry => entry.message), ['prober detected unhealthy status', 'prober detected unhealthy status', 'm1 line']);
	state = run(state, {type: 'cycle-member', step: 1}, {type: 'cycle-member', step: 1});
	assert.equal(state.memberFilter, 'm3');
	assert.deepEqual(visibleSlice(state, 10).entries.map(entry => entry.message).filter(message => message === 'm3 line'), ['m3 line']);
	assert.equal(run(state, {type: 'cycle-member', step: 1}).memberFilter, undefined);
	assert.equal(run(state, {type: 'show-member', member: 'm2'}).memberFilter, 'm2');
	assert.equal(run(state, {type: 'show-member', member: undefined}).memberFilter, undefined);
	assert.equal(run(initialLogViewState(10, streaming, now), {type: 'cycle-member', step: -1}).memberFilter, undefined);

	const total = (label: string, kind: string) => troubleTallies(state.memberCounts[label]!, now).find(tally => tally.kind === kind)!.total;
	assert.equal(total('m1', 'peer-unhealthy'), 2);
	assert.equal(total('m3', 'election'), 1);
	assert.equal(total('m3', 'peer-unhealthy'), 0);
	assert.equal(total('m2', 'election'), 0);
	assert.equal(troubleTallies(state.counts, now).find(tally => tally.kind === 'peer-unhealthy')!.total, 2);
});

test('each tail\'s state is its own: one failing leaves the others streaming, and the whole says which failed', () => {
	const failed: LogSourceStatus = {state: 'exited', message: 'the log command exited with code 255: ssh: connect to host 10.0.0.2 port 22: Connection refused; no more lines will come', severity: 'error'};
	let state = run(initialLogViewState(10, streaming, now),
		{type: 'status', status: streaming, origin: {key: 'a', member: 'm1'}},
		{type: 'status', status: failed, origin: {key: 'b', member: 'm2'}},
		{type: 'status', status: streaming, origin: {key: 'c', member: 'm3'}});
	assert.deepEqual(state.tails.map(tail => [tail.member, tail.status.severity]), [['m1', 'ok'], ['m2', 'error'], ['m3', 'ok']]);
	assert.equal(state.status.severity, 'warning');
	assert.match(state.status.message, /2 of 3 tails streaming; failed: m2/);
	state = run(state, {type: 'status', status: failed, origin: {key: 'a'}}, {type: 'status', status: failed, origin: {key: 'c'}});
	assert.equal(state.status.severity, 'error');
	// A tail that is the only one reports as it always did.
	assert.equal(run(initialLogViewState(10, streaming, now), {type: 'status', status: failed, origin: {key: 'journal'}}).status, failed);
});

test('a copied journal\'s lines are named by the member of their _HOSTNAME, or by the host', () => {
	const journal = (host: string, message: string, time: number) => JSON.stringify({__REALTIME_TIMESTAMP: String(time * 1000), _HOSTNAME: host, _SYSTEMD_UNIT: 'etcd.service', PRIORITY: '6', MESSAGE: message});
	const state = run(initialLogViewState(10, streaming, now), {type: 'members', members}, {type: 'append', lines: [journal('node2', 'from node2', now), journal('m1', 'from m1', now - 1), journal('db9', 'from db9', now + 1)], now, origin: {key: 'journal'}});
	assert.deepEqual(state.entries.map(entry => [entry.label, entry.message]), [['m1', 'from m1'], ['m2', 'from node2'], ['db9', 'from db9']]);
	assert.equal(sourceLabel(state, state.entries[1]!), 'm2');
	assert.deepEqual(state.hosts, ['node2', 'm1', 'db9']);
});

test('paused, a line that arrives older than the view goes above it and the view stays', () => {
	let state = run(initialLogViewState(100, streaming, now), from(members[0]!, Array.from({length: 10}, (_, index) => zap(`line ${index}`, now + (index * 1000)))));
	state = run(state, {type: 'scroll', lines: -3, pageSize: 3});
	const before = visibleSlice(state, 3).entries.map(entry => entry.message);
	state = run(state, from(members[1]!, [zap('late old', now - 5000), zap('new', now + 60_000)]));
	assert.deepEqual(visibleSlice(state, 3).entries.map(entry => entry.message), before);
	assert.equal(visibleSlice(state, 3).below, 4);
	assert.equal(state.entries[0]!.message, 'late old');
});

test('parseLogLine keeps the tail it came from and its member', () => {
	const entry = parseLogLine(zap('x', now), 1, now, {key: '8e9e05c52164694d', member: 'm1'});
	assert.equal(entry.origin, '8e9e05c52164694d');
	assert.equal(entry.label, 'm1');
});
