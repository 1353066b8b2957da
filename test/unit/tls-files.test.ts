import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {generateKeyPairSync} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {resolveSettings, type RawOptions} from '../../source/config/resolve-settings.ts';
import {ConfigError} from '../../source/config/settings.ts';
import {caPem, certPem, keyPem, otherCaPem, otherKeyPem} from '../support/tls-fixtures.ts';

let root: string;

before(() => {
	root = mkdtempSync(path.join(tmpdir(), 'etcdeck-tls-files-test-'));
});

after(() => {
	rmSync(root, {recursive: true, force: true});
});

function file(name: string, content: string): string {
	const target = path.join(root, name);
	writeFileSync(target, content);
	return target;
}

function configError(flags: RawOptions, env: Record<string, string> = {}): string {
	try {
		resolveSettings({endpoints: 'https://127.0.0.1:2379', ...flags}, env);
	} catch (error) {
		assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
		return error.message;
	}

	assert.fail('expected a ConfigError, got none');
}

void describe('TLS files are checked before connecting', () => {
	void test('a CA bundle, client certificate and its key that belong together are accepted', () => {
		const bundle = file('bundle.pem', `${caPem}${otherCaPem}`);
		const tls = resolveSettings({endpoints: 'https://127.0.0.1:2379', cacert: bundle, cert: file('client.crt', certPem), key: file('client.key', keyPem)}, {}).connection.tls;
		assert.equal(tls?.ca?.toString(), `${caPem}${otherCaPem}`);
		assert.equal(tls?.key?.toString(), keyPem);
	});

	void test('a --cacert file without a PEM certificate names the flag and the file', () => {
		const notPem = file('not-pem.crt', 'hello');
		assert.equal(configError({cacert: notPem}), `--cacert: ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
		const aKey = file('a-key-as-ca.pem', keyPem);
		assert.equal(configError({}, {ETCDCTL_CACERT: aKey}), `ETCDCTL_CACERT: ${aKey} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
	});

	void test('a damaged certificate in a bundle says which one', () => {
		const damaged = file('damaged.pem', `${caPem}-----BEGIN CERTIFICATE-----\nMIIBdamaged\n-----END CERTIFICATE-----\n`);
		assert.match(configError({cacert: damaged}), new RegExp(`^--cacert: ${damaged}: certificate 2 of 2 cannot be read \\(`));
	});

	void test('--cert must hold a certificate', () => {
		const notCert = file('key-as-cert.pem', keyPem);
		const key = file('client2.key', keyPem);
		assert.equal(configError({cert: notCert, key}), `--cert: ${notCert} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
	});

	void test('--key must hold a private key, and the one of --cert', () => {
		const cert = file('client3.crt', certPem);
		const notKey = file('cert-as-key.pem', certPem);
		assert.match(configError({cert, key: notKey}), new RegExp(`^--key: ${notKey} holds no readable PEM private key \\(`));
		const otherKey = file('other.key', otherKeyPem);
		assert.equal(configError({cert, key: otherKey}), `--key: ${otherKey} is not the key of the certificate in --cert ${cert}`);
	});

	void test('an encrypted key is refused with the reason', () => {
		const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256', privateKeyEncoding: {type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'unused'}, publicKeyEncoding: {type: 'spki', format: 'pem'}});
		const encrypted = file('encrypted.key', privateKey);
		assert.equal(configError({cert: file('client4.crt', certPem), key: encrypted}), `--key: ${encrypted} is encrypted; give an unencrypted key, as etcdctl needs too`);
	});
});
