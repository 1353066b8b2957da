import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseMaintenanceMetrics} from '../../source/metrics/maintenance-metrics.ts';
import {MetricsFormatError} from '../../source/metrics/parse-etcd-metrics.ts';
import {misplacedMaintenanceFlag} from '../../source/headless/maintenance-command.ts';

// Lines as etcd 3.4.23 and 3.5.30 print them (both have these gauges).
const page = (inflight: number, compacted: number) => [
	'# HELP etcd_debugging_mvcc_compact_revision The revision of the last compaction in store.',
	'# TYPE etcd_debugging_mvcc_compact_revision gauge',
	`etcd_debugging_mvcc_compact_revision ${compacted}`,
	'# HELP etcd_debugging_mvcc_current_revision The current revision of store.',
	'# TYPE etcd_debugging_mvcc_current_revision gauge',
	'etcd_debugging_mvcc_current_revision 51',
	'# HELP etcd_disk_defrag_inflight Whether or not defrag is active on the member. 1 means active, 0 means not.',
	'# TYPE etcd_disk_defrag_inflight gauge',
	`etcd_disk_defrag_inflight ${inflight}`,
	'# HELP etcd_server_has_leader Whether or not a leader exists. 1 is existence, 0 is not.',
	'# TYPE etcd_server_has_leader gauge',
	'etcd_server_has_leader 1',
	'# HELP etcd_server_proposals_committed_total The total number of consensus proposals committed.',
	'# TYPE etcd_server_proposals_committed_total gauge',
	'etcd_server_proposals_committed_total 77',
].join('\n');

void test('the maintenance gauges: defragmenting or not, current and compacted revision (-1: never compacted)', async () => {
	assert.deepEqual(await parseMaintenanceMetrics(page(0, -1)), {defragInflight: false, currentRevision: 51, compactRevision: undefined});
	assert.deepEqual(await parseMaintenanceMetrics(page(1, 40)), {defragInflight: true, currentRevision: 51, compactRevision: 40});
	await assert.rejects(parseMaintenanceMetrics('hello 1'), MetricsFormatError);
});

void test('a maintenance flag where it does not apply is refused by name', () => {
	assert.equal(misplacedMaintenanceFlag('check', {all: true}), '--all only applies to "etcdeck defrag"');
	assert.equal(misplacedMaintenanceFlag('status', {moveLeader: true}), '--move-leader only applies to "etcdeck defrag" and "etcdeck recover-space"');
	assert.equal(misplacedMaintenanceFlag(undefined, {keepRevisions: 5}), undefined, 'the dashboard\'s :compact reads it');
	assert.equal(misplacedMaintenanceFlag('snapshot', {keepRevisions: 5}), '--keep-revisions only applies to "etcdeck defrag" and the dashboard');
	assert.equal(misplacedMaintenanceFlag('defrag', {dryRun: true, compact: true, all: true, moveLeader: true, keepRevisions: 0}), undefined);
});
