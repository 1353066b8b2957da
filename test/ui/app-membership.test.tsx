import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {MembershipResult} from '../../source/cluster/membership/membership-result.ts';
import type {PeerAnswer} from '../../source/cluster/membership/peer-answer.ts';
import type {NewFileOutcome} from '../../source/backup/write-new-file.ts';
import type {MembershipActions} from '../../source/hooks/use-membership.ts';
import {fixtureNode, healthyCluster, memberInfo} from '../support/reading-fixtures.ts';
import {renderApp, waitFor, type RenderedApp} from '../support/render.tsx';

const newPeer = 'http://10.0.0.9:2380';
const added = memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: [newPeer], isLearner: true});
const reading = () => healthyCluster({voters: 3, learners: 0});

/** The cluster's side as fixtures: what was asked is kept; the answers are etcd's shapes. */
class RecordedMembership implements MembershipActions {
	readonly asked: string[] = [];

	async addMember(request: {name: string; peerUrls: readonly string[]; isLearner: boolean}): Promise<MembershipResult> {
		this.asked.push(`add ${request.name} ${request.peerUrls.join(',')} learner=${String(request.isLearner)}`);
		return Promise.resolve({ok: true, message: `${request.name} added as learner ${added.id}`, sentTo: fixtureNode(0).endpoint, added, members: [...reading().members, added]});
	}

	async removeMember(memberId: string): Promise<MembershipResult> {
		this.asked.push(`remove ${memberId}`);
		return Promise.resolve({ok: true, message: `${memberId} removed: 2 voters, 0 learners now`, sentTo: fixtureNode(0).endpoint, added: undefined, members: []});
	}

	async askPeer(peerUrl: string): Promise<PeerAnswer> {
		return Promise.resolve({kind: 'no-listener', peerUrl, error: 'connection refused'});
	}

	async writeNewFile(file: string): Promise<NewFileOutcome> {
		this.asked.push(`write ${file}`);
		return Promise.resolve({ok: true, path: file});
	}
}

async function typeText(app: RenderedApp, text: string): Promise<void> {
	for (const character of text) {
		await app.send(character);
	}
}

void test('pane 1: + opens the add line, Enter the confirmation, y adds the learner and shows its settings; w writes them; the action log has it', async () => {
	const membership = new RecordedMembership();
	const app = renderApp({snapshot: reading(), membership});
	try {
		await waitFor(() => app.frame().includes('etcd-3'));
		await app.press('member-add');
		assert.match(app.frame(), /Add a member \(a learner; add "voter" for a voter\)/);
		await typeText(app, `etcd-9 ${newPeer}`);
		await app.press('membership-submit');
		assert.match(app.frame(), /Add etcd-9 as a learner\?/);
		assert.match(app.frame(), /Voters +3 → 3 \(quorum 2 → 2\)/);
		await app.press('membership-confirm');
		await waitFor(() => app.frame().includes('Settings for new member etcd-9'));
		assert.deepEqual(membership.asked, [`add etcd-9 ${newPeer} learner=true`]);
		assert.match(app.frame(), /ETCD_INITIAL_CLUSTER_STATE="existing"/);
		await app.press('settings-next-format');
		assert.match(app.frame(), /--initial-cluster-state=existing/);
		await app.press('settings-write');
		await waitFor(() => app.frame().includes('written to /backups/etcd-9.flags (0600)'));
		await app.press('settings-close');
		await app.press('toggle-action-log');
		assert.match(app.frame(), /member add etcd-9 \(/);
		assert.match(app.frame(), /etcdctl --endpoints=http:\/\/10\.0\.0\.1:2379 member add etcd-9 --peer-urls=http:\/\/10\.0\.0\.9:2380[\s│]+--learner/);
	} finally {
		app.unmount();
	}
});

void test('pane 1: - on the leader says why not; on a follower it asks for the name typed, then removes it', async () => {
	const membership = new RecordedMembership();
	const app = renderApp({snapshot: reading(), membership});
	try {
		await waitFor(() => app.frame().includes('etcd-3'));
		await app.press('member-remove');
		assert.match(app.frame(), /Cannot remove etcd-1 \(8e9e05c52164694d\): it is the leader: move leadership first/);
		await app.press('select-next');
		await app.press('member-remove');
		assert.match(app.frame(), /Remove voter etcd-2\?/);
		assert.match(app.frame(), /Type etcd-2 and Enter to remove it/);
		await typeText(app, 'etcd-2');
		await app.press('membership-submit');
		await waitFor(() => membership.asked.includes(`remove ${fixtureNode(1).id}`));
	} finally {
		app.unmount();
	}
});

void test('add and remove are not bound in --read-only, and act only in pane 1', async () => {
	const readOnly = renderApp({snapshot: reading(), membership: new RecordedMembership(), readOnly: true});
	try {
		await waitFor(() => readOnly.frame().includes('etcd-3'));
		await readOnly.press('member-add');
		assert.match(readOnly.frame(), /member add is off: --read-only/);
	} finally {
		readOnly.unmount();
	}

	const app = renderApp({snapshot: reading(), membership: new RecordedMembership()});
	try {
		await waitFor(() => app.frame().includes('etcd-3'));
		await app.press('endpoints');
		await app.press('member-remove');
		assert.match(app.frame(), /Remove acts in pane 1 \(Members\)/);
	} finally {
		app.unmount();
	}
});
