import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseEtcdLine} from '../../source/model/logs/etcd-log-line.ts';
import {parseLogLine} from '../../source/model/logs/log-entry.ts';
import {describeTrouble, troubleKinds} from '../../source/model/logs/log-trouble.ts';
import {capnslogMembers, capnslogTroubles, ordinaryLines, zap35Members, zap35Troubles, zapMembers, zapTroubles} from '../support/etcd-log-fixtures.ts';

const receivedAt = Date.UTC(2030, 0, 1);

/** What journalctl -o json prints for an entry (every field a string). */
function journalJson(message: string, fields: Record<string, string> = {}): string {
	return JSON.stringify({__CURSOR: 's=1;i=1', __REALTIME_TIMESTAMP: '1795441289608000', _BOOT_ID: '0123456789abcdef0123456789abcdef', MESSAGE: message, ...fields});
}

test('a zap line: level, time, caller, message and the fields after msg in etcd\'s order', () => {
	const line = parseEtcdLine(zapTroubles.find(fixture => fixture.kind === 'heartbeat-late')!.line);
	assert.equal(line.format, 'zap');
	assert.equal(line.level, 'warn');
	assert.equal(line.time, Date.UTC(2026, 10, 23, 13, 41, 29, 608));
	assert.equal(line.component, 'etcdserver/raft.go:440');
	assert.equal(line.message, 'leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk');
	assert.deepEqual(line.fields, [['to', 'e2506241081c86db'], ['heartbeat-interval', '100ms'], ['expected-duration', '200ms'], ['exceeded-duration', '2.370745617s']]);
});

test('zap: integers beyond 2^53 stay exact, and a 3.5 time offset without a colon is read', () => {
	const line = parseEtcdLine(zapTroubles.find(fixture => fixture.kind === 'slow-read-index')!.line);
	assert.deepEqual(line.fields[0], ['sent-request-id', '14099822691538328849']);
	const later = parseEtcdLine('{"level":"info","ts":"2023-03-20T14:24:22.345+0800","caller":"x.go:1","msg":"m","note":"id:12345678901234567890, kept as written","n":1.5}');
	assert.equal(later.time, Date.UTC(2023, 2, 20, 6, 24, 22, 345));
	assert.deepEqual(later.fields, [['note', 'id:12345678901234567890, kept as written'], ['n', '1.5']]);
});

test('a capnslog line: level letter, local time, package and message', () => {
	const line = parseEtcdLine('2026-11-23 13:42:17.376810 W | etcdserver: server is likely overloaded');
	assert.equal(line.format, 'capnslog');
	assert.equal(line.level, 'warn');
	assert.equal(line.time, new Date(2026, 10, 23, 13, 42, 17, 376).getTime());
	assert.equal(line.component, 'etcdserver');
	assert.equal(line.message, 'server is likely overloaded');
	assert.deepEqual(line.fields, []);
	for (const [letter, level] of [['C', 'error'], ['E', 'error'], ['N', 'info'], ['I', 'info'], ['D', 'debug']] as const) {
		assert.equal(parseEtcdLine(`2026-11-23 13:42:17.376810 ${letter} | etcdmain: x`).level, level, letter);
	}
});

test('raft\'s Go log lines beside capnslog', () => {
	const line = parseEtcdLine('raft2026/11/23 13:42:14 INFO: ed3bbaa9ebe1f70b became leader at term 2');
	assert.equal(line.format, 'go-log');
	assert.equal(line.level, 'info');
	assert.equal(line.component, 'raft');
	assert.equal(line.time, new Date(2026, 10, 23, 13, 42, 14).getTime());
	assert.equal(line.message, 'ed3bbaa9ebe1f70b became leader at term 2');
});

test('anything else is plain text with no level of its own', () => {
	const line = parseEtcdLine('[WARNING] Deprecated \'--logger=capnslog\' flag is set; use \'--logger=zap\' flag instead');
	assert.equal(line.format, 'plain');
	assert.equal(line.level, undefined);
	assert.equal(parseEtcdLine('{"not":"zap"}').format, 'plain');
	assert.equal(parseEtcdLine('{broken').format, 'plain');
});

// etcd 3.5.30's fixtures lack slow fdatasync only: no test disk is that slow, and 3.5 writes it as 3.4 does.
const recorded = [
	['etcd 3.4.23 zap', zapTroubles, zapMembers, []],
	['etcd 3.5.30 zap', zap35Troubles, zap35Members, ['slow-fdatasync']],
	['etcd 3.4.23 capnslog', capnslogTroubles, capnslogMembers, []],
] as const;
for (const [format, fixtures, members, notRecorded] of recorded) {
	test(`${format}: every trouble kind is recognised, with etcd's figures and member names`, () => {
		const expected = troubleKinds.map(({kind}) => kind).filter(kind => !(notRecorded as readonly string[]).includes(kind));
		assert.deepEqual(new Set(fixtures.map(fixture => fixture.kind)), new Set(expected));
		for (const fixture of fixtures) {
			const entry = parseLogLine(fixture.line, 1, receivedAt);
			assert.equal(entry.trouble?.kind, fixture.kind, fixture.line);
			assert.equal(describeTrouble(entry.trouble, members), fixture.described);
		}
	});

	test(`${format}: the same lines inside journal entries are recognised alike`, () => {
		for (const fixture of fixtures) {
			assert.deepEqual(parseLogLine(journalJson(fixture.line), 1, receivedAt).trouble, parseLogLine(fixture.line, 1, receivedAt).trouble);
		}
	});
}

test('ordinary lines, warnings among them, are no trouble sign', () => {
	for (const line of ordinaryLines) {
		assert.equal(parseLogLine(line, 1, receivedAt).trouble, undefined, line);
		assert.equal(parseLogLine(journalJson(line), 1, receivedAt).trouble, undefined, line);
	}
});

test('an unknown member ID is shown as the ID', () => {
	const entry = parseLogLine(zapTroubles.find(fixture => fixture.kind === 'peer-unhealthy')!.line, 1, receivedAt);
	assert.match(describeTrouble(entry.trouble!), /^peer 87c890c3d141f0b4 unhealthy/);
	assert.match(describeTrouble(entry.trouble!, new Map([['87C890C3D141F0B4'.toLowerCase(), 'etcd-2']])), /^peer etcd-2 unhealthy/);
});

test('a journal entry: host, unit without .service, the journal\'s time, and etcd\'s own level over PRIORITY', () => {
	const line = zapTroubles.find(fixture => fixture.kind === 'heartbeat-late')!.line;
	const entry = parseLogLine(journalJson(line, {_HOSTNAME: 'node2', _SYSTEMD_UNIT: 'dh-etcd.service', PRIORITY: '6'}), 7, receivedAt);
	assert.equal(entry.seq, 7);
	assert.equal(entry.host, 'node2');
	assert.equal(entry.unit, 'dh-etcd');
	assert.equal(entry.time, 1_795_441_289_608);
	assert.equal(entry.level, 'warn');
	assert.equal(entry.component, 'etcdserver/raft.go:440');
	assert.ok(entry.text.startsWith('leader failed to send out heartbeat on time'), entry.text);
	assert.ok(entry.text.endsWith('exceeded-duration=2.370745617s'), entry.text);
});

test('a journal entry without a level in its text takes PRIORITY, and capnslog under systemd its PACKAGE', () => {
	// capnslog writes to journald itself when etcd runs under systemd: the bare message, the level as PRIORITY.
	const entry = parseLogLine(journalJson('failed to send out heartbeat on time (exceeded the 100ms timeout for 401.5ms, to 534b9038c32868f0)', {PRIORITY: '4', PACKAGE: 'etcdserver', _SYSTEMD_UNIT: 'etcd.service'}), 1, receivedAt);
	assert.equal(entry.level, 'warn');
	assert.equal(entry.component, 'etcdserver');
	assert.equal(entry.trouble?.kind, 'heartbeat-late');
	assert.equal(parseLogLine(journalJson('plain', {PRIORITY: '3'}), 1, receivedAt).level, 'error');
	assert.equal(parseLogLine(journalJson('plain'), 1, receivedAt).level, 'info');
});

test('journalctl\'s byte-array MESSAGE (control characters) is decoded; systemd\'s own lines name the unit in UNIT', () => {
	const bytes = [...Buffer.from('tab\there é')];
	const entry = parseLogLine(JSON.stringify({MESSAGE: bytes, _SYSTEMD_UNIT: 'init.scope', UNIT: 'etcd.service'}), 1, receivedAt);
	assert.equal(entry.message, 'tab\there é');
	assert.equal(entry.unit, 'etcd');
	assert.equal(entry.time, receivedAt, 'no time anywhere: when it arrived');
});
