import {test} from 'node:test';
import assert from 'node:assert/strict';
import {demoKeys} from '../../source/demo/demo-keys.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 100, rows: 30});


const enter = chordFor('keys-enter', 'keys');

void test('the Keys pane in a real terminal: down three levels by Enter, a JSON value opened pretty-printed, changed by etcdctl while open', {timeout: 120_000}, async () => {
	const etcd = cluster();
	await etcd.putKeys(demoKeys());
	const screen = terminal();
	await screen.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]}; echo "etcdeck exited with $?"`);
	await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
	await screen.press(chordFor('keys'));
	await screen.waitForScreen('the top level with main/', text => /main\//.test(text) && text.includes('Enter open'));

	// The breadcrumb reads "/ › main/ › acl/"; the selected row is marked ›.
	for (const [crumb, child] of [['/ › main/', 'acl/'], ['/ › main/ › acl/', 'groups/'], ['/ › main/ › acl/ › groups/', 'allusers']] as const) {
		await screen.press(enter);
		await screen.waitForScreen(`the level ${crumb}, ${child} first`, text => text.split('\n').some(line => line.trimEnd() === crumb) && text.split('\n').some(line => line.startsWith('›') && line.includes(child)));
	}

	await screen.press(enter);
	const opened = await screen.waitForScreen('the JSON value, pretty-printed', text => text.split('\n').some(line => /^\s*│?\s*"group": "allusers",\s*│?$/.test(line.trimEnd())));
	assert.ok(opened.split('\n').some(line => line.includes('"roles": [')), opened);

	await etcd.etcdctl(['put', '/main/acl/groups/allusers', JSON.stringify({group: 'allusers', members: ['someone-new'], roles: ['schema-ro']})]);
	await screen.waitForScreen('the change made by etcdctl', text => text.includes('"someone-new"'));

	await screen.press(chordFor('quit'));
	await screen.waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
