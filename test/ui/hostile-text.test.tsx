import React from 'react';
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup, render} from 'ink-testing-library';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {memberColumns, memberRows} from '../../source/model/cluster/member-rows.ts';
import {DataTable} from '../../source/ui/shared/DataTable.tsx';
import {Text} from '../../source/ui/shared/text.tsx';
import {linesOf, renderApp, waitFor} from '../support/render.tsx';
import {fixtureQuotaBytes, healthyReading} from '../support/reading-fixtures.ts';

afterEach(() => {
	cleanup();
});

const evil = 'evil\u001B]0;PWN\u0007\u001B[41mRED\rX';

/** A frame's escape sequences other than SGR (which Ink writes for colours), and its BEL, CR and C1 characters. */
function foreign(frame: string): string[] {
	// eslint-disable-next-line no-control-regex -- control characters are what is looked for
	return [...frame.replaceAll(/\u001B\[[\d;]*m/g, '').matchAll(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g)].map(match => JSON.stringify(match[0]));
}

void test('Text escapes every string it is given, also inside fragments and arrays; colours stay props', () => {
	const {lastFrame} = render(
		<Text color="red">
			{evil}
			<>{'a\u202Eb'}</>
			{['c\u0085', 1]}
		</Text>,
	);
	assert.deepEqual(foreign(lastFrame() ?? ''), []);
	assert.ok((lastFrame() ?? '').includes('evil\\x1b]0;PWN\\x07\\x1b[41mRED\\rXa\\u202ebc\\x851'), lastFrame());
});

void test('a member named with escapes keeps its table row aligned: cells are measured escaped', () => {
	const snapshot = healthyReading();
	const [first, ...rest] = snapshot.members;
	const hostile = {...snapshot, members: [{...first!, name: evil, peerUrls: ['http://10.0.0.1:2380\r\u001B[2K'], clientUrls: [`${first!.clientUrls[0]!}\u202E`]}, ...rest]};
	const rows = memberRows(summarize(hostile, {quotaBytes: fixtureQuotaBytes}));
	const {lastFrame} = render(<DataTable columns={memberColumns} rows={rows} width={160} height={10} selectedId={undefined} emptyText="" />);
	const frame = lastFrame() ?? '';
	assert.deepEqual(foreign(frame), []);
	const lines = linesOf(frame).slice(0, 1 + rows.length);
	assert.ok(lines.some(line => line.includes('  evil\\x1b]0;PWN\\x07\\x1b[41mRED\\rX  leader    http://10.0.0.1:2380\\r\\x1b[2K  ')), lines.join('\n'));
	// Every column starts at the same cell on every row.
	const [titles, ...body] = lines;
	for (const title of ['STATUS', 'NAME', 'ROLE', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER']) {
		const at = titles!.indexOf(title);
		assert.ok(body.every(line => line[at - 1] === ' ' && line[at] !== ' '), `${title}:\n${lines.join('\n')}`);
	}
});

void test('the dashboard draws a hostile leader name in the header escaped, with nothing raw in the frame', async () => {
	const snapshot = healthyReading();
	const hostile = {...snapshot, members: snapshot.members.map(member => ({...member, name: `${member.name}${evil}`}))};
	const app = renderApp({snapshot: hostile});
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	assert.deepEqual(foreign(app.lastFrame() ?? ''), []);
	assert.match(app.frame(), /leader etcd-1evil\\x1b\]0;PWN\\x07\\x1b\[41mRED\\rX/);
});
