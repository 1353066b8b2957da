import {test} from 'node:test';
import assert from 'node:assert/strict';
import {statusJson, statusText} from '../../source/headless/status-report.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {formatBytesAsEtcdctl} from '../../source/model/shared/format.ts';
import {fixtureQuotaBytes, healthyReading} from '../support/reading-fixtures.ts';

void test('sizes read as etcdctl prints them (go-humanize): whole units from 10 up, one decimal below, ties to even', () => {
	// 20480 is a fresh member's DB: etcdctl's table says "20 kB" (pretty-bytes would say 20.5 kB).
	assert.equal(formatBytesAsEtcdctl(20_480), '20 kB');
	assert.equal(formatBytesAsEtcdctl(5300), '5.3 kB');
	assert.equal(formatBytesAsEtcdctl(53_300), '53 kB');
	assert.equal(formatBytesAsEtcdctl(20_500), '20 kB', 'Go rounds 20.5 to the even 20');
	assert.equal(formatBytesAsEtcdctl(21_500), '22 kB');
	assert.equal(formatBytesAsEtcdctl(9), '9 B');
	assert.equal(formatBytesAsEtcdctl(999), '999 B');
	assert.equal(formatBytesAsEtcdctl(1000), '1.0 kB');
	assert.equal(formatBytesAsEtcdctl(999_999), '1000 kB', 'go-humanize picks the unit before rounding');
	assert.equal(formatBytesAsEtcdctl(2 * 1024 ** 3), '2.1 GB');
	assert.equal(formatBytesAsEtcdctl(28_573_696), '29 MB');
});

void test('status tables use etcdctl\'s column names and list members as etcdctl does: by member ID, learner included', () => {
	const text = statusText(summarize(healthyReading(), {quotaBytes: fixtureQuotaBytes}));
	const tables = text.split('\n').filter(line => line.startsWith('| '));
	assert.match(tables[0]!, /^\| ID +\| STATUS +\| NAME +\| PEER ADDRS +\| CLIENT ADDRS +\| IS LEARNER \|$/);
	const members = tables.slice(1, 5).map(line => line.split('|')[1]!.trim());
	assert.deepEqual(members, ['2f0fd4b3a5cb0e1a', '8e9e05c52164694d', '91bc3c398fb3c146', 'fd422379fda50e48']);
	// etcdctl 3.4 and 3.5: ENDPOINT ID VERSION DB SIZE IS LEADER IS LEARNER RAFT TERM RAFT INDEX RAFT APPLIED INDEX ERRORS; etcdeck adds IN USE.
	assert.match(tables[5]!, /^\| ENDPOINT +\| ID +\| VERSION +\| DB SIZE +\| IN USE +\| IS LEADER +\| IS LEARNER +\| RAFT TERM +\| RAFT INDEX +\| RAFT APPLIED INDEX +\| ERRORS +\|$/);
	const endpoints = tables.slice(6).map(line => line.split('|')[2]!.trim());
	assert.deepEqual(endpoints, members);
	const json = JSON.parse(statusJson(summarize(healthyReading(), {quotaBytes: fixtureQuotaBytes}))) as {members: Array<{id: string}>};
	assert.deepEqual(json.members.map(member => member.id), members);
});
