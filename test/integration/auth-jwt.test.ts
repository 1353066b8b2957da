import {test} from 'node:test';
import assert from 'node:assert/strict';
import {generateKeyPairSync} from 'node:crypto';
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import {KeyBrowserService} from '../../source/cluster/key-browser/key-browser-service.ts';
import type {ConnectionSettings} from '../../source/config/settings.ts';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {startForFile} from '../support/for-file.ts';

/** A JWT lives this long (its ttl), then every member refuses it, whatever it served before. */
const jwtTtlSeconds = 3;

/**
 * etcd with JWT tokens (--auth-token=jwt): a token is a signed claim of user and auth revision, known to
 * every member without raft and through restarts, refused once its ttl passed or once users or roles
 * changed after it was signed ("revision of auth store is old").
 */
const cluster = startForFile('cluster', async () => {
	const baseDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-jwt-'));
	const keys = generateKeyPairSync('ec', {namedCurve: 'P-256', publicKeyEncoding: {type: 'spki', format: 'pem'}, privateKeyEncoding: {type: 'pkcs8', format: 'pem'}});
	writeFileSync(path.join(baseDir, 'jwt.pub'), keys.publicKey);
	writeFileSync(path.join(baseDir, 'jwt.key'), keys.privateKey);
	const jwt = `--auth-token=jwt,pub-key=${path.join(baseDir, 'jwt.pub')},priv-key=${path.join(baseDir, 'jwt.key')},sign-method=ES256,ttl=${jwtTtlSeconds}s`;
	const started = await LocalCluster.start({voters: 1, baseDir, etcdArgs: [jwt]});
	try {
		await started.putKeys([['/limited/a', '1']]);
		await started.enableAuth();
	} catch (error) {
		await started.stop();
		throw error;
	}

	return started;
}, async started => started.stop(), 90_000);

void test('JWT: one token while it lives; a new one after its ttl and after a change of roles, the reads never failing', async () => {
	const {root} = cluster().auth!;
	const settings: ConnectionSettings = {endpoints: cluster().endpoints, timeoutMs: 3000, auth: {...root}};
	const service = new ClusterService(settings);
	const browser = new KeyBrowserService(settings);
	const readKeys = async () => {
		const read = await browser.count(Buffer.from('/limited/'));
		assert.deepEqual(read.ok ? read.value : read.error, 1);
		const snapshot = await service.refresh();
		assert.ok(snapshot.probes.every(probe => probe.status !== undefined), snapshot.probes.map(probe => probe.error).join('; '));
	};

	try {
		for (let round = 0; round < 5; round++) {
			await readKeys();
		}

		assert.equal(service.session?.authentications, 1);

		await cluster().etcdctl(['role', 'add', 'added-while-watching']);
		await readKeys();
		assert.equal(service.session?.authentications, 2, 'a new token once the auth store changed');

		await new Promise(resolve => {
			setTimeout(resolve, (jwtTtlSeconds + 1) * 1000);
		});
		await readKeys();
		assert.equal(service.session?.authentications, 3, 'a new token once the old one expired');
		await readKeys();
		assert.equal(service.session?.authentications, 3);
	} finally {
		service.close();
		browser.close();
	}
});
