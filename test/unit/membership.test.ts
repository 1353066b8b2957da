import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {checkAdd, checkRemove} from '../../source/model/membership/membership-checks.ts';
import type {MembershipCheck, MembershipConfirmation} from '../../source/model/membership/membership-confirmation.ts';
import {newMemberSettings, renderSettings, settingsFileName} from '../../source/model/membership/new-member-settings.ts';
import {stopSafety} from '../../source/model/membership/restart-safety.ts';
import {noRejoins, rejoinText, trackRejoins, type RejoinState} from '../../source/model/membership/rejoin-tracker.ts';
import {joinStatus} from '../../source/model/membership/join-status.ts';
import {historyOf, lagNodes, lagReading} from '../support/lag-fixtures.ts';
import {failProbe, fixtureClusterId, fixtureNode, fixtureQuotaBytes, healthyCluster, memberInfo, quorumLostReading, unstartedMemberReading, unstartedNode, voterUnreachableReading} from '../support/reading-fixtures.ts';

const summaryOf = (reading: ClusterReading) => summarize(reading, {quotaBytes: fixtureQuotaBytes});
const three = () => healthyCluster({voters: 3, learners: 0});
const [etcd1, etcd2, etcd3] = [fixtureNode(0), fixtureNode(1), fixtureNode(2)];
const newPeer = 'http://10.0.0.9:2380';

function reasonOf(check: MembershipCheck): string {
	assert.equal(check.allowed, false, 'the check refuses');
	return check.allowed ? '' : check.reason;
}

function confirmationOf(check: MembershipCheck): MembershipConfirmation {
	assert.ok(check.allowed, check.allowed ? '' : check.reason);
	return check.confirmation;
}

function factsOf(confirmation: MembershipConfirmation): Record<string, string> {
	return Object.fromEntries(confirmation.facts.map(fact => [fact.label, fact.value]));
}

/** A reading with the given voters' probes failed. */
function withDown(reading: ClusterReading, ...ids: string[]): ClusterReading {
	return {...reading, probes: reading.probes.map(probe => (ids.includes(probe.memberId!) ? failProbe(probe, 'connection refused') : probe))};
}

void test('add: a learner to 3 healthy voters — voters and tolerance unchanged, one learner more, and the etcdctl command to the leader', () => {
	const confirmation = confirmationOf(checkAdd(summaryOf(three()), {name: 'etcd-4', peerUrls: [newPeer], asVoter: false}));
	assert.equal(confirmation.title, 'Add etcd-4 as a learner?');
	const facts = factsOf(confirmation);
	assert.equal(facts['Voters'], '3 → 3 (quorum 2 → 2)');
	assert.equal(facts['Learners'], '0 → 1');
	assert.equal(facts['Tolerates'], '1 failure → 1 failure');
	assert.match(facts['As']!, /learner: it does not vote until promoted/);
	assert.equal(confirmation.etcdctl, `etcdctl --endpoints=${etcd1.endpoint} member add etcd-4 --peer-urls=${newPeer} --learner`);
	assert.deepEqual(confirmation.warnings, []);
	assert.equal(confirmation.typeToConfirm, undefined);
});

void test('add: a voter when asked — the quorum change spelled out, the even count and the time before it joins warned of', () => {
	const confirmation = confirmationOf(checkAdd(summaryOf(three()), {name: 'etcd-4', peerUrls: [newPeer], asVoter: true}));
	const facts = factsOf(confirmation);
	assert.equal(facts['Voters'], '3 → 4 (quorum 2 → 3)');
	assert.equal(facts['Tolerates'], '1 failure → 1 failure');
	assert.doesNotMatch(confirmation.etcdctl, /--learner/);
	assert.match(confirmation.warnings.join('\n'), /until it has joined, 3 of 4 voters answer and the cluster tolerates 0 failures/);
	assert.match(confirmation.warnings.join('\n'), /4 voters: an even count tolerates no more failures than 3/);
});

void test('add: refused before asking etcd — name or peer URL taken, bad URL, a second learner, a voter down, no quorum, an unstarted member', () => {
	const summary = summaryOf(three());
	assert.match(reasonOf(checkAdd(summary, {name: 'etcd-2', peerUrls: [newPeer], asVoter: false})), /^Cannot add etcd-2: the name is taken by member 91bc3c398fb3c146$/);
	assert.match(reasonOf(checkAdd(summary, {name: 'etcd-9', peerUrls: [etcd3.peerUrl], asVoter: false})), /peer URL http:\/\/10\.0\.0\.3:2380 belongs to member etcd-3 \(fd422379fda50e48\) already/);
	assert.match(reasonOf(checkAdd(summary, {name: 'etcd-9', peerUrls: ['10.0.0.9:2380'], asVoter: false})), /peer URL .*etcd takes http:\/\/ or https:\/\/|not a URL/);
	assert.match(reasonOf(checkAdd(summary, {name: 'a,b', peerUrls: [newPeer], asVoter: false})), /--initial-cluster cannot carry/);
	assert.match(reasonOf(checkAdd(summary, {name: '', peerUrls: [newPeer], asVoter: false})), /needs a name/);
	assert.match(reasonOf(checkAdd(summaryOf(healthyCluster({voters: 3, learners: 1})), {name: 'etcd-9', peerUrls: [newPeer], asVoter: false})), /etcd-4 \(2f0fd4b3a5cb0e1a\) is a learner already, and etcd allows one learner at a time by default: promote or remove it first/);
	assert.match(reasonOf(checkAdd(summaryOf(voterUnreachableReading()), {name: 'etcd-9', peerUrls: [newPeer], asVoter: false})), /voter etcd-3 \(fd422379fda50e48\) does not answer/);
	assert.match(reasonOf(checkAdd(summaryOf(quorumLostReading()), {name: 'etcd-9', peerUrls: [newPeer], asVoter: false})), /no quorum \(1 of 3 voters answer, 2 needed\)/);
	assert.match(reasonOf(checkAdd(summaryOf(unstartedMemberReading()), {name: 'etcd-9', peerUrls: [newPeer], asVoter: true})), new RegExp(`learner ${unstartedNode().id} .* was added but never started: start it, or remove it, first`));
	assert.match(reasonOf(checkAdd(undefined, {name: 'etcd-9', peerUrls: [newPeer], asVoter: false})), /no refresh yet/);
});

void test('remove: the leader is refused, with move-leader to an in-sync follower offered first', () => {
	assert.equal(reasonOf(checkRemove(summaryOf(three()), 'etcd-1')), `Cannot remove etcd-1 (${etcd1.id}): it is the leader: move leadership first (m on etcd-2 (${etcd2.id}), or etcdctl move-leader ${etcd2.id}), then remove it`);
});

void test('remove: a healthy voter while another is down is refused (the two left would have one answering); the down one may go', () => {
	const reading = withDown(three(), etcd3.id);
	assert.match(reasonOf(checkRemove(summaryOf(reading), 'etcd-2')), /the 2 voters left would have 1 answering, fewer than their quorum of 2 \(etcd-3 \(fd422379fda50e48\) does not answer\)/);
	const confirmation = confirmationOf(checkRemove(summaryOf(reading), etcd3.id));
	const facts = factsOf(confirmation);
	assert.equal(facts['Voters'], '3 → 2 (quorum 2 → 2)');
	assert.equal(facts['Answering'], '2 of 3 voters → 2 of 2');
	assert.match(facts['Role']!, /voter, not answering/);
	assert.match(confirmation.warnings.join('\n'), /2 voters: an even count tolerates no more failures than 1/);
	assert.equal(confirmation.typeToConfirm, 'etcd-3');
	assert.equal(confirmation.etcdctl, `etcdctl --endpoints=${etcd1.endpoint} member remove ${etcd3.id}`);
});

void test('remove: an unstarted learner (a botched add) is the easy case, confirmed by typing its ID since it has no name', () => {
	const confirmation = confirmationOf(checkRemove(summaryOf(unstartedMemberReading()), unstartedNode().id));
	assert.equal(confirmation.typeToConfirm, unstartedNode().id);
	assert.match(factsOf(confirmation)['Role']!, /learner, unstarted \(added, never joined\): nothing depends on it/);
	assert.equal(factsOf(confirmation)['Voters'], '3 → 3 (quorum 2 → 2)');
	assert.deepEqual(confirmation.warnings, []);
});

void test('remove: an unknown member, and a name two members share, are refused with what to give instead', () => {
	assert.match(reasonOf(checkRemove(summaryOf(three()), 'etcd-9')), /^Cannot remove etcd-9: no member has that name or ID$/);
	const reading = three();
	const twin = {...reading, members: reading.members.map(member => (member.id === etcd3.id ? {...member, name: 'etcd-2'} : member))};
	assert.match(reasonOf(checkRemove(summaryOf(twin), 'etcd-2')), /2 members have that name .*: give the ID/);
});

void test('settings: the new member\'s flags, ETCD_* lines and config.yaml keys, with initial-cluster listing every member and itself', () => {
	const members = [...three().members, memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: [newPeer], isLearner: true})];
	const settings = newMemberSettings({name: 'etcd-9', memberId: fixtureNode(8).id, members});
	const cluster = `etcd-1=${etcd1.peerUrl},etcd-2=${etcd2.peerUrl},etcd-3=${etcd3.peerUrl},etcd-9=${newPeer}`;
	assert.deepEqual(renderSettings(settings, 'flags'), [
		'--name=etcd-9',
		`--initial-cluster=${cluster}`,
		'--initial-cluster-state=existing',
		`--initial-advertise-peer-urls=${newPeer}`,
		`--listen-peer-urls=${newPeer}`,
		'--advertise-client-urls=http://10.0.0.9:2379',
		'--listen-client-urls=http://10.0.0.9:2379',
	]);
	assert.deepEqual(renderSettings(settings, 'env', 'for etcd-9'), [
		'# for etcd-9',
		'ETCD_NAME="etcd-9"',
		`ETCD_INITIAL_CLUSTER="${cluster}"`,
		'ETCD_INITIAL_CLUSTER_STATE="existing"',
		`ETCD_INITIAL_ADVERTISE_PEER_URLS="${newPeer}"`,
		`ETCD_LISTEN_PEER_URLS="${newPeer}"`,
		'ETCD_ADVERTISE_CLIENT_URLS="http://10.0.0.9:2379"',
		'ETCD_LISTEN_CLIENT_URLS="http://10.0.0.9:2379"',
	]);
	const yaml = renderSettings(settings, 'yaml');
	assert.ok(yaml.includes('name: "etcd-9"'));
	assert.ok(yaml.includes(`initial-cluster: "${cluster}"`));
	assert.ok(yaml.includes('initial-cluster-state: "existing"'));
	assert.ok(yaml.includes(`initial-advertise-peer-urls: "${newPeer}"`));
	assert.equal(settingsFileName('etcd-9', 'yaml'), 'etcd-9.yaml');
});

void test('settings: a host name listens on every interface (etcd binds IPs only); given client URLs and the cluster\'s https are kept', () => {
	const members = [memberInfo(etcd1, {clientUrls: ['https://10.0.0.1:2379']}), memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: ['https://etcd-9.example:2380']})];
	const derived = newMemberSettings({name: 'etcd-9', memberId: fixtureNode(8).id, members});
	assert.equal(derived.listenPeerUrls, 'https://0.0.0.0:2380');
	assert.equal(derived.advertiseClientUrls, 'https://etcd-9.example:2379');
	assert.equal(derived.listenClientUrls, 'https://0.0.0.0:2379');
	const given = newMemberSettings({name: 'etcd-9', memberId: fixtureNode(8).id, members, clientUrls: ['https://10.0.0.9:12379']});
	assert.equal(given.advertiseClientUrls, 'https://10.0.0.9:12379');
	assert.equal(renderSettings({...given, name: 'a"b$c'}, 'env')[0], 'ETCD_NAME="a\\"b\\$c"');
	assert.equal(renderSettings({...given, name: 'a b'}, 'flags')[0], '--name=\'a b\'');
});

void test('restart safety: in a healthy cluster each voter may stop; with one down, no other may, and the down one is named', () => {
	const healthy = summaryOf(lagReading(0, [1000, 1000, 1000, 1000]));
	assert.deepEqual(stopSafety(healthy, lagNodes[1].id), {safe: true, reason: 'safe to stop: the others keep quorum and are in sync'});
	assert.match(stopSafety(healthy, lagNodes[0].id).reason, /it leads: an election follows/);
	assert.match(stopSafety(healthy, lagNodes[3].id).reason, /a learner does not vote/);
	const oneDown = summaryOf(lagReading(1, [1000, 1000, 'down', 1000]));
	assert.deepEqual(stopSafety(oneDown, lagNodes[1].id), {safe: false, reason: 'not safe: stopping it leaves 1 of 3 voters, quorum is 2 (etcd-3 is down)'});
	assert.deepEqual(stopSafety(oneDown, lagNodes[2].id), {safe: false, reason: 'down already: bring it back before stopping another'});
	assert.equal(stopSafety(oneDown, lagNodes[3].id).safe, true);
});

void test('restart safety: a voter still catching up after its restart keeps the others from stopping', () => {
	const catching = summaryOf(lagReading(2, [1000, 1000, 640, 1000]));
	assert.deepEqual(stopSafety(catching, lagNodes[1].id), {safe: false, reason: 'not safe yet: etcd-3 is 360 entries behind; wait until in sync'});
	const five = summaryOf(withDown(healthyCluster({voters: 5, learners: 0}), fixtureNode(4).id));
	assert.match(stopSafety(five, fixtureNode(1).id).reason, /^not safe: etcd-5 is down; one at a time$/);
});

void test('rejoin: down, back and catching up, then "rejoined, in sync after 14s", kept a while and then dropped', () => {
	const id = lagNodes[2].id;
	let state: RejoinState = noRejoins;
	const step = (seconds: number, reading: ClusterReading) => {
		state = trackRejoins(state, summaryOf(reading), reading.takenAt);
		return state[id];
	};

	const at = (seconds: number) => lagReading(0, [1000, 1000, 1000, 1000]).takenAt + (seconds * 1000);
	assert.equal(step(0, lagReading(0, [1000, 1000, 1000, 1000])), undefined);
	const down = step(2, lagReading(2, [1000, 1000, 'down', 1000]))!;
	assert.equal(rejoinText(down, at(9)), 'down for 7s: wait for it before stopping another');
	const back = step(10, lagReading(10, [1200, 1200, 900, 1200]))!;
	assert.equal(rejoinText(back, at(10)), 'rejoined after 8s down, not in sync yet: 300 entries behind');
	const synced = step(16, lagReading(16, [1300, 1300, 1300, 1300]))!;
	assert.equal(rejoinText(synced, at(16)), 'rejoined, in sync after 14s');
	assert.equal(step(60, lagReading(60, [1400, 1400, 1400, 1400]))?.phase, 'in-sync');
	assert.equal(step(400, lagReading(400, [1500, 1500, 1500, 1500])), undefined);
});

void test('rejoin: a refresh that changes nothing keeps the very state, so the dashboard draws no frame for it', () => {
	const healthy = trackRejoins(noRejoins, summaryOf(lagReading(0, [1000, 1000, 1000, 1000])), 0);
	assert.equal(trackRejoins(healthy, summaryOf(lagReading(1, [1001, 1001, 1001, 1001])), 1000), healthy);
	const down = trackRejoins(healthy, summaryOf(lagReading(2, [1000, 1000, 'down', 1000])), 2000);
	assert.notEqual(down, healthy);
	assert.equal(trackRejoins(down, summaryOf(lagReading(3, [1100, 1100, 'down', 1100])), 3000), down, 'still down since the same moment');
	assert.notEqual(trackRejoins(down, summaryOf(lagReading(4, [1200, 1200, 900, 1200])), 4000), down, 'back: a change');
});

void test('join: an unstarted learner, one whose peer URL is another cluster\'s (cluster ID mismatch), catching up with rate and ETA, then ready', () => {
	const reading = unstartedMemberReading();
	const view = summaryOf(reading).views.find(candidate => candidate.member?.id === unstartedNode().id)!;
	const history = historyOf(reading);
	assert.match(joinStatus(view, history, fixtureClusterId, {kind: 'no-listener', peerUrl: unstartedNode().peerUrl, error: 'connection refused'})!.text, /^unstarted: added, waiting for its etcd to join; nothing listens on http:\/\/10\.0\.0\.5:2380 yet/);
	const mismatch = joinStatus(view, history, fixtureClusterId, {kind: 'cluster', peerUrl: unstartedNode().peerUrl, clusterId: 'abc123'})!;
	assert.equal(mismatch.phase, 'other-cluster');
	assert.match(mismatch.text, new RegExp(`^cluster ID mismatch: the etcd on http://10.0.0.5:2380 is in cluster abc123, not ${fixtureClusterId}: it was started with --initial-cluster-state new`));
	assert.equal(joinStatus(view, history, fixtureClusterId, {kind: 'cluster', peerUrl: unstartedNode().peerUrl, clusterId: fixtureClusterId})!.text, 'unstarted: added, waiting for its etcd to join; its etcd answers on http://10.0.0.5:2380, not joined yet');

	const catching = [lagReading(0, [1000, 1000, 1000, 200]), lagReading(10, [1000, 1000, 1000, 600])];
	const learnerView = (readingNow: ClusterReading) => summaryOf(readingNow).views.find(candidate => candidate.member?.id === lagNodes[3].id)!;
	const status = joinStatus(learnerView(catching[1]!), historyOf(...catching), fixtureClusterId, undefined)!;
	assert.equal(status.phase, 'catching-up');
	assert.equal(status.text, '400 entries behind, catching up at 40/s (ETA 10s)');
	const ready = [lagReading(20, [1000, 1000, 1000, 1000]), lagReading(22, [1001, 1001, 1001, 1001])];
	assert.deepEqual(joinStatus(learnerView(ready[1]!), historyOf(...ready), fixtureClusterId, undefined), {phase: 'ready', text: 'in sync: ready to promote'});
	assert.equal(joinStatus(summaryOf(ready[1]!).views[0]!, historyOf(...ready), fixtureClusterId, undefined), undefined);
});

void test('action log: a membership change is logged with the etcdctl command to the endpoint it went to; refused and cancelled ones too', async () => {
	const {membershipEntry, membershipCancelledEntry, membershipRefusedEntry} = await import('../../source/model/membership/membership-log.ts');
	const request = {name: 'etcd-4', peerUrls: [newPeer], asVoter: false};
	const confirmation = confirmationOf(checkAdd(summaryOf(three()), request));
	const added = memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: [newPeer], isLearner: true});
	const entry = membershipEntry(confirmation, request, {ok: true, message: 'etcd-4 added as learner', sentTo: etcd2.endpoint, added, members: []}, 7);
	assert.deepEqual(entry, {at: 7, action: 'member add', target: `etcd-4 (${added.id})`, outcome: 'succeeded', message: 'etcd-4 added as learner', etcdctl: `etcdctl --endpoints=${etcd2.endpoint} member add etcd-4 --peer-urls=${newPeer} --learner`});
	const failed = membershipEntry(confirmation, request, {ok: false, message: 'etcdserver: unhealthy cluster', sentTo: etcd1.endpoint, added: undefined, members: []}, 8);
	assert.equal(failed.outcome, 'failed');
	assert.equal(failed.message, 'etcdserver: unhealthy cluster');
	const removal = confirmationOf(checkRemove(summaryOf(withDown(three(), etcd3.id)), 'etcd-3'));
	assert.equal(membershipEntry(removal, undefined, {ok: false, message: 'no leader known', sentTo: undefined, added: undefined, members: []}, 9).outcome, 'refused');
	assert.equal(membershipCancelledEntry(removal, 10).etcdctl, `etcdctl --endpoints=${etcd1.endpoint} member remove ${etcd3.id}`);
	assert.deepEqual(membershipRefusedEntry('member remove', 'etcd-1', 'Cannot remove etcd-1: it is the leader', 11), {at: 11, action: 'member remove', target: 'etcd-1', outcome: 'refused', message: 'Cannot remove etcd-1: it is the leader', etcdctl: undefined});
});

void test('the add line: NAME PEER-URL[,PEER-URL], then "voter" for a voter; anything else says what it expects', async () => {
	const {parseAddLine} = await import('../../source/model/membership/membership-ui-state.ts');
	assert.deepEqual(parseAddLine(' etcd-4  https://10.0.0.4:2380,https://10.1.0.4:2380 '), {name: 'etcd-4', peerUrls: ['https://10.0.0.4:2380', 'https://10.1.0.4:2380'], asVoter: false});
	assert.deepEqual(parseAddLine('etcd-4 https://10.0.0.4:2380 voter'), {name: 'etcd-4', peerUrls: ['https://10.0.0.4:2380'], asVoter: true});
	assert.match(parseAddLine('etcd-4') as string, /type the new member's NAME and PEER-URL/);
	assert.equal(parseAddLine('etcd-4 https://10.0.0.4:2380 learner'), 'expected NAME PEER-URL[,PEER-URL] and optionally "voter", got 3 words');
});
