import React from 'react';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {checkMoveLeader, checkPromote, type Confirmation} from '../../source/model/actions/member-action-checks.ts';
import {ConfirmDialog, type ConfirmDialogProps} from '../../source/ui/actions/ConfirmDialog.tsx';
import {cells, rawLinesOf} from '../support/render.tsx';
import {historyOf, lagNodes, lagReading, learnerNode} from '../support/lag-fixtures.ts';
import {fixtureQuotaBytes} from '../support/reading-fixtures.ts';

const [leader, follower] = lagNodes;
const inSync = [lagReading(0, [1000, 1000, 1000, 1000]), lagReading(1, [1000, 1000, 1000, 1000])] as const;
const summary = summarize(inSync[1], {quotaBytes: fixtureQuotaBytes});

function confirmation(check: ReturnType<typeof checkPromote>): Confirmation {
	assert.ok(check.allowed, check.allowed ? '' : check.reason);
	return check.confirmation;
}

function draw(props: Partial<ConfirmDialogProps> & {confirmation: Confirmation}): string[] {
	const {confirmation: shown, ...rest} = props;
	const {lastFrame, unmount} = render(<ConfirmDialog title={shown.title} facts={shown.facts} command={shown.etcdctl} width={80} {...rest} />);
	try {
		// The dialog's box, without its border, as the operator reads it.
		return rawLinesOf(lastFrame()).map(line => line.replace(/^│ ?/, '').replace(/ ?│$/, '').trimEnd());
	} finally {
		unmount();
	}
}

void test('the promote dialog shows the member, its lag, the voters and failures tolerated after, the etcdctl command and the keys', () => {
	const lines = draw({confirmation: confirmation(checkPromote(summary, historyOf(...inSync), learnerNode.id))});
	assert.deepEqual(lines.filter(line => !/^[╭╰]/.test(line) && line !== ''), [
		'Promote learner etcd-4 to voter?',
		`Member     etcd-4 (${learnerNode.id})`,
		'Lag        0 entries behind leader etcd-1 (applied index: 0 entries)',
		'Voters     3 → 4 (quorum 2 → 3)',
		'Tolerates  1 failure → 1 failure (4 voters tolerate no more than 3)',
		`Sent to    the leader at ${leader.endpoint}, looked up again on confirm`,
		'etcdctl equivalent:',
		`etcdctl --endpoints=${leader.endpoint} member promote ${learnerNode.id}`,
		'y confirm · n or Esc cancel',
	]);
});

void test('the move-leader dialog names both members and the command for the leader\'s endpoint', () => {
	const text = draw({confirmation: confirmation(checkMoveLeader(summary, follower.id))}).join('\n');
	for (const expected of ['Move leadership from etcd-1 to etcd-2?', `From     etcd-1 (${leader.id})`, `To       etcd-2 (${follower.id})`, 'Voters   3, quorum 2, tolerates 1 failure (unchanged)', `etcdctl --endpoints=${leader.endpoint} move-leader ${follower.id}`]) {
		assert.ok(text.includes(expected), `"${expected}" missing from:\n${text}`);
	}
});

void test('while the request is on its way the dialog says so instead of offering the keys', () => {
	const lines = draw({confirmation: confirmation(checkMoveLeader(summary, follower.id)), pending: 'moving leadership… (waiting for etcd)'});
	assert.ok(lines.includes('moving leadership… (waiting for etcd)'), lines.join('\n'));
	assert.ok(!lines.some(line => line.includes('y confirm')), lines.join('\n'));
});

void test('a command longer than the dialog wraps rather than being cut, and no line passes the width', () => {
	const shown = confirmation(checkMoveLeader(summary, follower.id));
	const long = `etcdctl --endpoints=https://etcd-2.a-rather-long-domain-name.example.internal:2379 move-leader ${follower.id}`;
	const {lastFrame, unmount} = render(<ConfirmDialog title={shown.title} facts={shown.facts} command={long} width={60} />);
	const lines = rawLinesOf(lastFrame());
	unmount();
	assert.ok(lines.every(line => cells(line) <= 60), lines.join('\n'));
	// Ink breaks the command at its hyphens and spaces; read back without the breaks, it is whole.
	const joined = lines.map(line => line.replace(/^│ /, '').replace(/ *│$/, '')).join('').replace(/\s/g, '');
	assert.ok(joined.includes(long.replace(/\s/g, '')), joined);
});

void test('a dialog without a command shows no etcdctl line', () => {
	const lines = draw({confirmation: {...confirmation(checkMoveLeader(summary, follower.id)), etcdctl: ''}, command: undefined});
	assert.ok(!lines.some(line => line.includes('etcdctl equivalent')), lines.join('\n'));
});
