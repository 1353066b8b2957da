import {test} from 'node:test';
import assert from 'node:assert/strict';
import {judgeMember} from '../../source/model/health/health-rules.ts';
import {headerHealthWarnings} from '../../source/model/health/header-warnings.ts';

void test('the header takes health warnings the summary does not already give: not "no metrics", not the DB quota', () => {
	const warnings = [
		{severity: 'warning' as const, text: 'm3: no metrics: connection refused (http://127.0.0.1:1/metrics)'},
		{severity: 'critical' as const, text: 'm1: DB 2 GB is 96.0% of its 2.1 GB quota: compact and defragment'},
		{severity: 'warning' as const, text: 'm1: WAL fsync p99 600ms > 500ms: the disk is too slow for etcd'},
		{severity: 'critical' as const, text: 'm2: has no leader (etcd_server_has_leader 0)'},
	];
	assert.deepEqual(headerHealthWarnings(warnings).map(warning => warning.text), [warnings[2]!.text, warnings[3]!.text]);
});

void test('the texts it leaves out are the ones the health rules really write', () => {
	// Keeps the filter honest if the rules' wording changes.
	const figures: Parameters<typeof judgeMember>[0] = {
		name: 'm1', url: 'http://127.0.0.1:2379/metrics', error: undefined, hasLeader: true, leaderChangesRecent: 0, proposalsFailedRecent: 0,
		walFsync: undefined, backendCommit: undefined, peers: [], dbSizeBytes: 2_000_000_000, quotaBytes: 2_100_000_000, openFds: 10, maxFds: 1000,
	};
	const dbNearQuota = judgeMember(figures).warnings;
	assert.equal(dbNearQuota.length, 1, JSON.stringify(dbNearQuota));
	assert.deepEqual(headerHealthWarnings(dbNearQuota), []);
	const unreachable = judgeMember({...figures, error: 'connection refused', dbSizeBytes: undefined, quotaBytes: undefined, hasLeader: undefined}).warnings;
	assert.ok(unreachable.some(warning => warning.text.includes('no metrics')), JSON.stringify(unreachable));
	assert.deepEqual(headerHealthWarnings(unreachable), []);
});
