import React, {useRef} from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import type {MembershipResult} from '../../source/cluster/membership/membership-result.ts';
import type {PeerAnswer} from '../../source/cluster/membership/peer-answer.ts';
import type {NewFileOutcome} from '../../source/backup/write-new-file.ts';
import type {ActionLogEntry} from '../../source/model/actions/action-log.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {emptyLagHistory} from '../../source/model/lag/lag-history.ts';
import {useMembership, type Membership, type MembershipActions} from '../../source/hooks/use-membership.ts';
import {MembershipDialogView} from '../../source/ui/membership/MembershipDialogView.tsx';
import {NewMemberSettingsView} from '../../source/ui/membership/NewMemberSettingsView.tsx';
import {Text} from '../../source/ui/shared/text.tsx';
import {fixtureNode, fixtureQuotaBytes, healthyCluster, memberInfo, unstartedMemberReading, unstartedNode} from '../support/reading-fixtures.ts';
import {linesOf, plain, waitFor} from '../support/render.tsx';

const newPeer = 'http://10.0.0.9:2380';
const added = memberInfo(fixtureNode(8), {name: '', clientUrls: [], started: false, peerUrls: [newPeer], isLearner: true});

/** The cluster's side as plain fixtures: what was asked is kept, what is answered is what etcd answers. */
class FixtureMembership implements MembershipActions {
	readonly asked: string[] = [];
	readonly files = new Map<string, string>();

	constructor(private readonly reading: ClusterReading) {}

	async addMember(request: {name: string; peerUrls: readonly string[]; isLearner: boolean}): Promise<MembershipResult> {
		this.asked.push(`add ${request.name} ${request.peerUrls.join(',')} learner=${String(request.isLearner)}`);
		return Promise.resolve({ok: true, message: `${request.name} added as learner ${added.id}`, sentTo: fixtureNode(0).endpoint, added, members: [...this.reading.members, added]});
	}

	async removeMember(memberId: string): Promise<MembershipResult> {
		this.asked.push(`remove ${memberId}`);
		return Promise.resolve({ok: false, message: 'etcdserver: re-configuration failed due to not enough started members', sentTo: fixtureNode(0).endpoint, added: undefined, members: []});
	}

	async askPeer(peerUrl: string): Promise<PeerAnswer> {
		this.asked.push(`peer ${peerUrl}`);
		return Promise.resolve({kind: 'cluster', peerUrl, clusterId: 'abc123'});
	}

	async writeNewFile(file: string, text: string): Promise<NewFileOutcome> {
		if (this.files.has(file)) {
			return Promise.resolve({ok: false, message: `${file} exists already: not overwritten`});
		}

		this.files.set(file, text);
		return Promise.resolve({ok: true, path: file});
	}
}

function Probe({reading, actions, log, handle}: {reading: ClusterReading; actions: MembershipActions; log: ActionLogEntry[]; handle: {current: Membership | undefined}}) {
	const summary = summarize(reading, {quotaBytes: fixtureQuotaBytes});
	const latest = useRef(summary);
	latest.current = summary;
	const membership = useMembership({actions, reading, summary, history: emptyLagHistory, record: entry => log.push(entry), settingsDir: '/srv/etcd', latestSummary: () => latest.current});
	handle.current = membership;
	const {dialog, settings} = membership.ui;
	if (dialog !== undefined) {
		return <MembershipDialogView dialog={dialog} width={110} />;
	}

	if (settings !== undefined) {
		return <NewMemberSettingsView member={settings.member} settings={settings.settings} format={settings.format} written={settings.written} width={150} />;
	}

	return <Text>peers: {JSON.stringify(membership.context.peers)}</Text>;
}

void test('add: y sends it to the cluster, the action log gets it with its etcdctl command, the settings are shown and written once', async () => {
	const reading = healthyCluster({voters: 3, learners: 0});
	const actions = new FixtureMembership(reading);
	const log: ActionLogEntry[] = [];
	const handle: {current: Membership | undefined} = {current: undefined};
	const rendered = render(<Probe reading={reading} actions={actions} log={log} handle={handle} />);
	try {
		assert.equal(handle.current!.askAdd({name: 'etcd-9', peerUrls: [newPeer], asVoter: false}), undefined);
		await waitFor(() => plain(rendered.lastFrame()).includes('Add etcd-9 as a learner?'), 2000, 'the add dialog');
		handle.current!.submit();
		await waitFor(() => plain(rendered.lastFrame()).includes('Settings for new member etcd-9'), 2000, 'the settings');
		assert.deepEqual(actions.asked, ['add etcd-9 http://10.0.0.9:2380 learner=true']);
		assert.equal(log.length, 1);
		assert.equal(log[0]!.outcome, 'succeeded');
		assert.equal(log[0]!.etcdctl, `etcdctl --endpoints=${fixtureNode(0).endpoint} member add etcd-9 --peer-urls=${newPeer} --learner`);
		assert.match(linesOf(rendered.lastFrame()).join('\n'), /ETCD_INITIAL_CLUSTER_STATE="existing"/);

		handle.current!.nextFormat();
		await waitFor(() => plain(rendered.lastFrame()).includes('--initial-cluster-state=existing'), 2000, 'the flags form');
		handle.current!.nextFormat();
		await waitFor(() => plain(rendered.lastFrame()).includes('initial-cluster-state: "existing"'), 2000, 'the yaml form');
		handle.current!.writeSettings();
		await waitFor(() => plain(rendered.lastFrame()).includes('written to /srv/etcd/etcd-9.yaml (0600)'), 2000, 'the file written');
		assert.match(actions.files.get('/srv/etcd/etcd-9.yaml')!, /^# etcdeck: settings of new member etcd-9 .*\nname: "etcd-9"\n/);
		handle.current!.writeSettings();
		await waitFor(() => plain(rendered.lastFrame()).includes('not written: /srv/etcd/etcd-9.yaml exists already: not overwritten'), 2000, 'no overwrite');
	} finally {
		rendered.unmount();
	}
});

void test('remove: refused ones and etcd\'s refusal are logged with their reasons; Enter does nothing until the name is typed', async () => {
	const reading = healthyCluster({voters: 3, learners: 0});
	const actions = new FixtureMembership(reading);
	const log: ActionLogEntry[] = [];
	const handle: {current: Membership | undefined} = {current: undefined};
	const rendered = render(<Probe reading={reading} actions={actions} log={log} handle={handle} />);
	try {
		assert.match(handle.current!.askRemove('etcd-1')!, /it is the leader/);
		assert.equal(log.at(-1)!.outcome, 'refused');
		assert.equal(handle.current!.askRemove('etcd-2'), undefined);
		await waitFor(() => plain(rendered.lastFrame()).includes('Type etcd-2 and Enter'), 2000, 'the remove dialog');
		handle.current!.submit();
		assert.deepEqual(actions.asked.filter(each => each.startsWith('remove')), [], 'not sent without the name');
		handle.current!.type('etcd-2');
		handle.current!.submit();
		await waitFor(() => log.length === 2, 2000, 'the result logged');
		assert.deepEqual(log[1], {...log[1]!, action: 'member remove', outcome: 'failed', message: 'etcdserver: re-configuration failed due to not enough started members'});
		assert.equal(handle.current!.askRemove('etcd-3'), undefined);
		await waitFor(() => plain(rendered.lastFrame()).includes('Remove voter etcd-3?'), 2000, 'the next dialog');
		handle.current!.cancel();
		assert.equal(log[2]!.outcome, 'cancelled');
	} finally {
		rendered.unmount();
	}
});

void test('every reading asks unstarted members\' peer URLs which cluster their etcd is in', async () => {
	const reading = unstartedMemberReading();
	const actions = new FixtureMembership(reading);
	const handle: {current: Membership | undefined} = {current: undefined};
	const rendered = render(<Probe reading={reading} actions={actions} log={[]} handle={handle} />);
	try {
		await waitFor(() => handle.current!.context.peers[unstartedNode().id]?.kind === 'cluster', 2000, 'the peer answer');
		assert.deepEqual(actions.asked, [`peer ${unstartedNode().peerUrl}`]);
	} finally {
		rendered.unmount();
	}
});
