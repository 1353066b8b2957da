import {test} from 'node:test';
import assert from 'node:assert/strict';
import {memberClientUrl, plaintextRefusal, tlsRequired} from '../../source/cluster/plaintext-refusal.ts';

const auth = {username: 'root', password: 'pw'};

void test('over TLS, no endpoint without TLS is connected to; with every endpoint http://, plain http is the operator\'s choice', () => {
	const secure = {endpoints: ['https://10.0.0.1:2379'], auth};
	assert.equal(tlsRequired(secure), true);
	assert.equal(plaintextRefusal('https://10.0.0.2:2379', secure), undefined);
	assert.equal(plaintextRefusal('http://10.0.0.2:2379', secure), 'advertises http://10.0.0.2:2379 while the cluster was reached over TLS: not connecting, credentials would travel in the clear');
	assert.match(plaintextRefusal('unix://etcd.sock', secure)!, /^advertises unix:\/\/etcd.sock/);
	assert.equal(plaintextRefusal('http://10.0.0.2:2379', {endpoints: ['https://10.0.0.1:2379']}), 'advertises http://10.0.0.2:2379 while the cluster was reached over TLS: not connecting, what it reads would travel in the clear');
	const mixed = {endpoints: ['http://10.0.0.3:2379', 'https://10.0.0.1:2379'], auth};
	assert.equal(plaintextRefusal('http://10.0.0.3:2379', mixed), 'http://10.0.0.3:2379 is given beside https:// endpoints: not connecting, credentials would travel in the clear');
	const plain = {endpoints: ['http://10.0.0.1:2379'], auth};
	assert.equal(tlsRequired(plain), false);
	assert.equal(plaintextRefusal('http://10.0.0.2:2379', plain), undefined);
});

void test('a member advertising both is reached on its https:// URL over TLS, on its first URL otherwise', () => {
	const member = {clientUrls: ['http://10.0.0.2:2379', 'https://10.0.0.2:2379']};
	assert.equal(memberClientUrl(member, {endpoints: ['https://10.0.0.1:2379']}), 'https://10.0.0.2:2379');
	assert.equal(memberClientUrl(member, {endpoints: ['http://10.0.0.1:2379']}), 'http://10.0.0.2:2379');
	assert.equal(memberClientUrl({clientUrls: ['http://10.0.0.2:2379']}, {endpoints: ['https://10.0.0.1:2379']}), 'http://10.0.0.2:2379');
	assert.equal(memberClientUrl({clientUrls: []}, {endpoints: ['https://10.0.0.1:2379']}), undefined);
});
