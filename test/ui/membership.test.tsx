import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {checkAdd, checkRemove} from '../../source/model/membership/membership-checks.ts';
import type {MembershipCheck, MembershipConfirmation} from '../../source/model/membership/membership-confirmation.ts';
import type {MembershipContext} from '../../source/model/membership/membership-rows.ts';
import {newMemberSettings} from '../../source/model/membership/new-member-settings.ts';
import {noRejoins, trackRejoins} from '../../source/model/membership/rejoin-tracker.ts';
import {isConfirmed, membershipDialogReducer, openMembershipDialog, type MembershipDialog} from '../../source/model/membership/membership-dialog-state.ts';
import {MembershipDialogView} from '../../source/ui/membership/MembershipDialogView.tsx';
import {MembershipTable} from '../../source/ui/membership/MembershipTable.tsx';
import {NewMemberSettingsView} from '../../source/ui/membership/NewMemberSettingsView.tsx';
import {historyOf, lagReading} from '../support/lag-fixtures.ts';
import {failProbe, fixtureNode, fixtureQuotaBytes, healthyCluster, memberInfo, unstartedMemberReading, unstartedNode} from '../support/reading-fixtures.ts';
import {linesOf, rawLinesOf} from '../support/render.tsx';

const summaryOf = (reading: ClusterReading) => summarize(reading, {quotaBytes: fixtureQuotaBytes});
const [etcd1, , etcd3] = [fixtureNode(0), fixtureNode(1), fixtureNode(2)];

function confirmationOf(check: MembershipCheck): MembershipConfirmation {
	assert.ok(check.allowed, check.allowed ? '' : check.reason);
	return check.confirmation;
}

/** The dialog's box without its border, as the operator reads it. */
function drawDialog(dialog: MembershipDialog): string[] {
	const {lastFrame, unmount} = render(<MembershipDialogView dialog={dialog} width={110} />);
	try {
		return rawLinesOf(lastFrame()).map(line => line.replace(/^│ ?/, '').replace(/ ?│$/, '').trimEnd()).filter(line => line !== '' && !/^[╭╰]/.test(line));
	} finally {
		unmount();
	}
}

void test('the add dialog: voters, learners and failures tolerated before and after, the etcdctl equivalent, y to confirm', () => {
	const dialog = openMembershipDialog(confirmationOf(checkAdd(summaryOf(healthyCluster({voters: 3, learners: 0})), {name: 'etcd-4', peerUrls: ['http://10.0.0.9:2380'], asVoter: false})));
	assert.deepEqual(drawDialog(dialog), [
		'Add etcd-4 as a learner?',
		'Member     etcd-4',
		'Peer URLs  http://10.0.0.9:2380',
		'As         learner: it does not vote until promoted',
		'Voters     3 → 3 (quorum 2 → 2)',
		'Learners   0 → 1',
		'Tolerates  1 failure → 1 failure',
		`Sent to    the leader at ${etcd1.endpoint}, looked up again on confirm`,
		'etcdctl equivalent:',
		`etcdctl --endpoints=${etcd1.endpoint} member add etcd-4 --peer-urls=http://10.0.0.9:2380 --learner`,
		'y confirm · n or Esc cancel',
	]);
	assert.equal(isConfirmed(membershipDialogReducer(dialog, {type: 'submit'})), true);
});

void test('the remove dialog: the quorum after, the even-count warning, and the name to type; a wrong name is said and does not confirm', () => {
	const reading = healthyCluster({voters: 3, learners: 0});
	const down = {...reading, probes: reading.probes.map(probe => (probe.memberId === etcd3.id ? failProbe(probe, 'connection refused') : probe))};
	let dialog = openMembershipDialog(confirmationOf(checkRemove(summaryOf(down), 'etcd-3')));
	const lines = drawDialog(dialog);
	assert.equal(lines[0], 'Remove voter etcd-3?');
	assert.ok(lines.includes('Voters     3 → 2 (quorum 2 → 2)'), lines.join('\n'));
	assert.ok(lines.includes('Answering  2 of 3 voters → 2 of 2'), lines.join('\n'));
	assert.ok(lines.some(line => line.startsWith('! 2 voters: an even count tolerates no more failures than 1')), lines.join('\n'));
	assert.ok(lines.includes(`etcdctl --endpoints=${etcd1.endpoint} member remove ${etcd3.id}`));
	assert.ok(lines.includes('Type etcd-3 and Enter to remove it · Esc cancel'), lines.join('\n'));

	for (const text of 'etcd-2') {
		dialog = membershipDialogReducer(dialog, {type: 'type', text});
	}

	dialog = membershipDialogReducer(dialog, {type: 'submit'});
	assert.equal(isConfirmed(dialog), false);
	assert.ok(drawDialog(dialog).includes('"etcd-2" is not etcd-3'));
	dialog = membershipDialogReducer(membershipDialogReducer(dialog, {type: 'erase'}), {type: 'type', text: '3\u0007'});
	assert.ok(drawDialog(dialog).includes('> etcd-3█'), 'control characters typed are dropped');
	assert.equal(isConfirmed(membershipDialogReducer(dialog, {type: 'submit'})), true);
	const sent = membershipDialogReducer(dialog, {type: 'sent', pending: 'removing etcd-3…'});
	assert.equal(membershipDialogReducer(sent, {type: 'type', text: 'x'}).typed, 'etcd-3', 'keys do nothing while it is sent');
	assert.ok(drawDialog(sent).includes('removing etcd-3…'));
});

void test('the settings view: ETCD_* lines first, the other forms on Tab, and what writing the file came to', () => {
	const added = memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: ['http://10.0.0.9:2380'], isLearner: true});
	const settings = newMemberSettings({name: 'etcd-9', memberId: added.id, members: [...healthyCluster({voters: 3, learners: 0}).members, added]});
	const draw = (format: 'env' | 'yaml', written?: string) => {
		const {lastFrame, unmount} = render(<NewMemberSettingsView member={`etcd-9 (${added.id})`} settings={settings} format={format} written={written} width={150} />);
		const lines = linesOf(lastFrame());
		unmount();
		return lines.join('\n');
	};

	const env = draw('env');
	assert.match(env, /Settings for new member etcd-9 \(/);
	assert.match(env, /ETCD_INITIAL_CLUSTER="etcd-1=http:\/\/10\.0\.0\.1:2380,etcd-2=http:\/\/10\.0\.0\.2:2380,etcd-3=http:\/\/10\.0\.0\.3:2380,etcd-9=http:\/\/10\.0\.0\.9:2380"/);
	assert.match(env, /ETCD_INITIAL_CLUSTER_STATE="existing"/);
	assert.match(env, /Tab next form: env, flags, yaml · w write to a new file \(0600\) · Esc q close/);
	const yaml = draw('yaml', 'written to /root/etcd-9.yaml (0600)');
	assert.match(yaml, /initial-cluster-state: "existing"/);
	assert.match(yaml, /initial-advertise-peer-urls: "http:\/\/10\.0\.0\.9:2380"/);
	assert.doesNotMatch(yaml, /ETCD_NAME/);
	assert.match(yaml, /written to \/root\/etcd-9\.yaml \(0600\)/);
});

function drawTable(reading: ClusterReading, context: MembershipContext): string[] {
	const {lastFrame, unmount} = render(<MembershipTable summary={summaryOf(reading)} context={context} width={220} height={10} selectedId={undefined} />);
	const lines = linesOf(lastFrame());
	unmount();
	return lines;
}

void test('the rows: an unstarted learner whose etcd is in another cluster, a learner catching up with rate and ETA, and whether each may stop', () => {
	const reading = unstartedMemberReading();
	const peers = {[unstartedNode().id]: {kind: 'cluster', peerUrl: unstartedNode().peerUrl, clusterId: 'abc123'} as const};
	const lines = drawTable(reading, {history: historyOf(reading), peers, rejoins: noRejoins, now: reading.takenAt});
	assert.match(lines[0]!, /ID +STATUS +NAME +PEER ADDRS +IS LEARNER +STATE +SAFE TO STOP/);
	const unstartedRow = lines.find(line => line.includes(unstartedNode().id))!;
	assert.match(unstartedRow, /unstarted .*cluster ID mismatch: the etcd on http:\/\/10\.0\.0\.5:2380 is in cluster abc123, not /);

	const catching = [lagReading(0, [1000, 1000, 1000, 200]), lagReading(10, [1000, 1000, 1000, 600])];
	const rows = drawTable(catching[1]!, {history: historyOf(...catching), peers: {}, rejoins: noRejoins, now: catching[1]!.takenAt});
	assert.match(rows.find(line => line.includes(' etcd-4 '))!, /400 entries behind, catching up at 40\/s \(ETA 10s\) +yes/);
	assert.match(rows.find(line => line.includes(' etcd-1 '))!, /leader +yes/);
});

void test('the rows while a voter restarts: the others are not safe to stop, and it is shown back and in sync', () => {
	const before = lagReading(0, [1000, 1000, 1000, 1000]);
	const down = lagReading(2, [1000, 1000, 'down', 1000]);
	const back = lagReading(16, [1100, 1100, 1100, 1100]);
	let rejoins = trackRejoins(noRejoins, summaryOf(before), before.takenAt);
	rejoins = trackRejoins(rejoins, summaryOf(down), down.takenAt);
	const whileDown = drawTable(down, {history: historyOf(before, down), peers: {}, rejoins, now: down.takenAt + 5000});
	assert.match(whileDown.find(line => line.includes(' etcd-2 '))!, /follower +no: stopping it leaves 1 of 3 voters, quorum is 2 \(etcd-3 is down\)/);
	assert.match(whileDown.find(line => line.includes(' etcd-3 '))!, /down for 5s: wait for it before stopping another +down already/);
	rejoins = trackRejoins(rejoins, summaryOf(back), back.takenAt);
	const rejoined = drawTable(back, {history: historyOf(before, down, back), peers: {}, rejoins, now: back.takenAt});
	assert.match(rejoined.find(line => line.includes(' etcd-3 '))!, /rejoined, in sync after 14s +yes/);
});
