import {createElement} from 'react';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {enableAuthWithPrefixReader} from '../support/etcd-rbac.ts';
import type {KeysCommand} from '../../source/ui/keys/keys-keymap.ts';
import {KeysProbe} from '../support/keys-probe.tsx';
import {plain, sequencesFor, waitFor} from '../support/render.tsx';

let started: LocalCluster | undefined;
const password = 'app-Secret-3';
const size = {width: 100, height: 20};

function cluster(): LocalCluster {
	assert.ok(started, 'the test cluster has not started');
	return started;
}

before(async () => {
	started = await LocalCluster.start({voters: 1});
	await started.putKeys([
		['/main/config/props', '{"name":"deephaven","workers":4,"queries":["a","b"],"id":12345678901234567890}'],
		['/main/config/schema', 'text value'],
		['/main/queries/q1', 'x'],
		['/main/queries/q2', 'y'],
		['/other/secret', 's'],
	]);
	await enableAuthWithPrefixReader(started, {rootPassword: 'root-pw', role: 'main-ro', prefix: '/main/', user: 'app', password});
}, {timeout: 90_000});

after(async () => {
	await started?.stop();
});

/** The key bound to `command` in the pane's keymap, as a terminal sends it. */
function keyFor(command: KeysCommand): string {
	const sequence = sequencesFor(command)[0];
	assert.ok(sequence, `a key for ${command}`);
	return sequence;
}

function mount(prefix: string | undefined) {
	const service = new KeyBrowserService({endpoints: cluster().endpoints, timeoutMs: 5000, auth: {username: 'app', password}});
	const rendered = render(createElement(KeysProbe, {source: service, prefix, width: size.width, height: size.height}));
	const frame = () => plain(rendered.lastFrame());
	const until = async (what: string, check: (text: string) => boolean) => {
		await waitFor(() => {
			assert.ok(check(frame()), `${what}; the pane shows:\n${frame()}`);
		}, 10_000, what);
	};

	return {
		frame,
		until,
		press: (command: KeysCommand) => rendered.stdin.write(keyFor(command)),
		type: (text: string) => rendered.stdin.write(text),
		done: () => {
			rendered.unmount();
			service.close();
		},
	};
}

void test('descending two levels and opening a JSON key shows it pretty-printed with its metadata; an etcdctl put while open shows', async () => {
	const pane = mount('/');
	try {
		// "/" is denied to this user: the error shows where it happens, and the pane keeps working.
		await pane.until('the permission error for /', text => text.includes('permission denied for / (user app)'));
		pane.press('keys-prompt-open');
		await pane.until('the / line', text => text.includes('Enter go'));
		pane.type('/main/');
		pane.press('keys-prompt-apply');
		await pane.until('the /main/ level with counts', text => /config\/ +2 keys/.test(text) && /queries\/ +2 keys/.test(text));
		assert.match(pane.frame(), /› main\//);
		pane.press('keys-enter');
		await pane.until('the /main/config/ level', text => text.includes('props') && text.includes('schema'));
		pane.press('keys-enter');
		await pane.until('the JSON value, pretty-printed', text => text.includes('"workers": 4,') && text.includes('"name": "deephaven",'));
		const lines = pane.frame().split('\n');
		assert.ok(lines.some(line => line.trimEnd() === '  "id": 12345678901234567890'), pane.frame());
		assert.ok(lines.some(line => line.trimEnd() === '  "queries": ['), pane.frame());
		assert.match(pane.frame(), /create rev \d+ · mod rev \d+ · version 1 · lease none/);

		const root = ['--user', `root:root-pw`];
		await cluster().etcdctl([...root, 'put', '/main/config/props', '{"name":"changed by etcdctl"}']);
		await pane.until('the new value and the change mark', text => text.includes('"name": "changed by etcdctl"') && /CHANGED at rev \d+/.test(text) && text.includes('version 2'));

		pane.press('keys-up');
		await pane.until('the level again, the row marked', text => /\* props +updated r\d+/.test(text));
		await cluster().etcdctl([...root, 'put', '/main/config/added', '1']);
		await pane.until('the new row', text => /\+ added +created r\d+/.test(text));
	} finally {
		pane.done();
	}
});

void test('jumping to a prefix the user may not read shows the permission error, and going back works', async () => {
	const pane = mount('/main/');
	try {
		await pane.until('the /main/ level', text => text.includes('config/'));
		pane.press('keys-prompt-open');
		pane.type('/other/');
		pane.press('keys-prompt-apply');
		await pane.until('the permission error for /other/', text => text.includes('permission denied for /other/ (user app)'));
		pane.press('keys-prompt-open');
		pane.type('/main/q');
		pane.press('keys-prompt-apply');
		await pane.until('/main/ filtered to names starting q', text => text.includes('names starting q') && text.includes('queries/') && !text.includes('config/'));
	} finally {
		pane.done();
	}
});
