import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {enableAuthWithPrefixReader} from '../support/etcd-rbac.ts';
import type {LevelAddress} from '../../source/cluster/key-range.ts';

let started: LocalCluster | undefined;
const rootPassword = 'root-Secret-1';
const appPassword = 'app-Secret-2';
const separator = Buffer.from('/');

function level(prefix: string): LevelAddress {
	return {prefix: Buffer.from(prefix), filter: Buffer.alloc(0)};
}

// One hook: node:test does not wait for one root-level before hook to end before the next.
before(async () => {
	started = await LocalCluster.start({voters: 1});
	await started.putKeys([['/app/config/a', '{"a":1}'], ['/app/config/b', 'b'], ['/other/secret', 's'], ['/other/more/x', 'x']]);
	await enableAuthWithPrefixReader(started, {rootPassword, role: 'app-ro', prefix: '/app/', user: 'app', password: appPassword});
}, {timeout: 90_000});

after(async () => {
	await started?.stop();
});

function service(): KeyBrowserService {
	assert.ok(started);
	return new KeyBrowserService({endpoints: started.endpoints, timeoutMs: 5000, auth: {username: 'app', password: appPassword}});
}

void test('a user allowed one prefix gets "permission denied for <prefix>" elsewhere and still browses its own prefix', async () => {
	const browser = service();
	try {
		const elsewhere = await browser.page(level('/other/'), separator, {from: 'start'}, 50);
		assert.deepEqual(elsewhere, {ok: false, error: 'permission denied for /other/ (user app)'});
		const top = await browser.page(level('/'), separator, {from: 'start'}, 50);
		assert.deepEqual(top, {ok: false, error: 'permission denied for / (user app)'});
		const count = await browser.count(Buffer.from('/other/'));
		assert.deepEqual(count, {ok: false, error: 'permission denied for /other/ (user app)'});
		const value = await browser.get(Buffer.from('/other/secret'));
		assert.deepEqual(value, {ok: false, error: 'permission denied for /other/secret (user app)'});

		const own = await browser.page(level('/app/config/'), separator, {from: 'start'}, 50);
		assert.ok(own.ok, own.ok ? '' : own.error);
		assert.deepEqual(own.value.entries.map(entry => entry.bytes.toString()), ['/app/config/a', '/app/config/b']);
		const opened = await browser.get(Buffer.from('/app/config/a'));
		assert.ok(opened.ok && opened.value !== undefined);
		assert.equal(opened.value.value.toString(), '{"a":1}');
		// Without read on the whole key space, where to start cannot be told: the separator, as without keys.
		assert.deepEqual(await browser.defaultStartPrefix(separator), separator);
	} finally {
		browser.close();
	}
});

void test('no message carries the password', async () => {
	assert.ok(started);
	const wrong = new KeyBrowserService({endpoints: started.endpoints, timeoutMs: 5000, auth: {username: 'app', password: 'not-the-password'}});
	try {
		const result = await wrong.page(level('/app/'), separator, {from: 'start'}, 10);
		assert.equal(result.ok, false);
		assert.ok(!result.ok && !result.error.includes('not-the-password'), result.ok ? '' : result.error);
		assert.match(result.ok ? '' : result.error, /authentication failed/);
	} finally {
		wrong.close();
	}
});
