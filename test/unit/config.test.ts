import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseEndpoints} from '../../source/config/endpoints.ts';
import {resolveKeyBrowsing} from '../../source/config/key-browsing.ts';
import {resolveSettings, type RawOptions} from '../../source/config/resolve-settings.ts';
import {ConfigError, defaults} from '../../source/config/settings.ts';
import {caPem, certPem, keyPem, otherCaPem} from '../support/tls-fixtures.ts';

const secret = 's3cret-Pa55';

let root: string;
let caFile: string;
let certFile: string;
let keyFile: string;
let dirCount = 0;

before(() => {
	root = mkdtempSync(path.join(tmpdir(), 'etcdeck-config-test-'));
	caFile = path.join(root, 'ca.pem');
	certFile = path.join(root, 'client.pem');
	keyFile = path.join(root, 'client-key.pem');
	writeFileSync(caFile, caPem);
	writeFileSync(certFile, certPem);
	writeFileSync(keyFile, keyPem);
});

after(() => {
	rmSync(root, {recursive: true, force: true});
});

/** A fresh client directory holding the given files. */
function clientDir(files: Record<string, string>): string {
	const dir = path.join(root, `client-${dirCount++}`);
	mkdirSync(dir);
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(path.join(dir, name), content);
	}

	return dir;
}

/** The ConfigError message `run` throws; fails when it throws nothing or something else. */
function configError(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
		return error.message;
	}

	assert.fail('expected a ConfigError, but nothing was thrown');
}

function resolve(flags: RawOptions, env: Record<string, string | undefined> = {}) {
	return resolveSettings(flags, env);
}

void describe('parseEndpoints', () => {
	void test('a bare host:port means http', () => {
		assert.deepEqual(parseEndpoints('127.0.0.1:2379', '--endpoints'), ['http://127.0.0.1:2379']);
		assert.deepEqual(parseEndpoints('etcd-0.example:2379', '--endpoints'), ['http://etcd-0.example:2379']);
	});

	void test('http and https are kept, normalised to scheme://host:port', () => {
		assert.deepEqual(parseEndpoints('https://etcd.example:2379,http://10.0.0.2:2379/', '--endpoints'), ['https://etcd.example:2379', 'http://10.0.0.2:2379']);
		assert.deepEqual(parseEndpoints('HTTPS://ETCD.example:2379', '--endpoints'), ['https://etcd.example:2379']);
		assert.deepEqual(parseEndpoints('http://[::1]:2379', '--endpoints'), ['http://[::1]:2379']);
	});

	void test('commas and whitespace separate, duplicates removed in order', () => {
		assert.deepEqual(parseEndpoints(' a:1 , b:2\n\tc:3,a:1 http://b:2 \n', 'x'), ['http://a:1', 'http://b:2', 'http://c:3']);
	});

	void test('an empty entry between commas is refused, naming the origin', () => {
		for (const text of ['a:1,,b:2', 'a:1, ,b:2', 'a:1,', ',a:1']) {
			assert.match(configError(() => parseEndpoints(text, '--endpoints')), /^--endpoints: ".*" has an empty entry/, text);
		}
	});

	void test('an explicit default port is kept, not mistaken for a missing one', () => {
		assert.deepEqual(parseEndpoints('http://h:80,https://h:443,h2:80,http://[::1]:80', '--endpoints'), ['http://h:80', 'https://h:443', 'http://h2:80', 'http://[::1]:80']);
		assert.deepEqual(parseEndpoints('https://h:80,http://h:443', '--endpoints'), ['https://h:80', 'http://h:443']);
	});

	void test('port 0 and ports beyond 65535 are refused, naming the endpoint', () => {
		assert.equal(configError(() => parseEndpoints('h:1,h:0', '--endpoints')), '--endpoints: "h:0" has port 0; a port is between 1 and 65535 (etcd clients usually use 2379)');
		assert.match(configError(() => parseEndpoints('http://h:00', 'ETCDCTL_ENDPOINTS')), /^ETCDCTL_ENDPOINTS: "http:\/\/h:00" has port 00; a port is between 1 and 65535/);
		assert.match(configError(() => parseEndpoints('https://h:65536', '--endpoints')), /"https:\/\/h:65536" has port 65536; a port is between 1 and 65535/);
	});

	void test('a missing host is refused', () => {
		assert.equal(configError(() => parseEndpoints('http://:2379', '--endpoints')), '--endpoints: "http://:2379" has no host');
	});

	void test('an empty list is an error naming the origin', () => {
		for (const text of ['', '  ', ',,', ' , \n']) {
			const message = configError(() => parseEndpoints(text, 'ETCDCTL_ENDPOINTS'));
			assert.match(message, /^ETCDCTL_ENDPOINTS names no endpoint/);
		}
	});

	void test('other schemes are refused by name', () => {
		assert.match(configError(() => parseEndpoints('unix:///var/run/etcd.sock', '--endpoints')), /^--endpoints: "unix:\/\/\/var\/run\/etcd.sock" uses unix; etcd endpoints are http:\/\/ or https:\/\//);
		assert.match(configError(() => parseEndpoints('h:1,grpc://h:2379', '--endpoints')), /uses grpc;/);
	});

	void test('a missing port is refused', () => {
		assert.match(configError(() => parseEndpoints('etcd.example', '--endpoints')), /"etcd.example" has no port/);
		assert.match(configError(() => parseEndpoints('https://etcd.example', '--endpoints')), /"https:\/\/etcd.example" has no port/);
		assert.match(configError(() => parseEndpoints('http://etcd.example:', '--endpoints')), /"http:\/\/etcd.example:" has no port/);
		assert.match(configError(() => parseEndpoints('http://[::1]', '--endpoints')), /"http:\/\/\[::1\]" has no port/);
	});

	void test('a path, query or fragment is refused', () => {
		for (const item of ['http://h:2379/v3', 'h:2379/x', 'http://h:2379?a=1', 'http://h:2379#frag']) {
			assert.match(configError(() => parseEndpoints(item, '--endpoints')), /has a path; an endpoint is only scheme:\/\/host:port/, item);
		}
	});

	void test('an unparseable endpoint is refused', () => {
		assert.equal(configError(() => parseEndpoints('http://h:notaport', '--endpoints')), '--endpoints: "http://h:notaport" has port "notaport", which is not a number');
		assert.match(configError(() => parseEndpoints('http://h%:2379', '--endpoints')), /"http:\/\/h%:2379" is not a valid endpoint URL/);
	});

	void test('credentials in the URL are refused without repeating them', () => {
		for (const item of [`http://alice:${secret}@h:2379`, `alice:${secret}@h:2379`, `https://alice:${secret}@h:2379/path`, 'http://alice@h:2379']) {
			const message = configError(() => parseEndpoints(item, '--endpoints'));
			assert.match(message, /^--endpoints: an endpoint carries a user or password \(\*\*\*@h:2379(\/path)?\); give them with --user NAME and --password instead$/);
			assert.ok(!message.includes(secret) && !message.includes('alice'), message);
		}
	});

	void test('credentials are refused before any other check could echo them', () => {
		const cases = [
			`ftp://root:${secret}@h:2379`,
			`http://root:${secret}@[bad`,
			`http://root:${secret}@h:0`,
			`h:1,,http://root:${secret}@h:2379`,
			'http://root:s3,cret@h:2379',
			'http://root:s3 cret@h:2379',
			'http://root:s3@cret@h:2379',
		];
		for (const text of cases) {
			const message = configError(() => parseEndpoints(text, 'ETCDCTL_ENDPOINTS'));
			assert.match(message, /^ETCDCTL_ENDPOINTS: an endpoint carries a user or password \(\*\*\*@/, text);
			for (const fragment of [secret, 's3', 'cret', 'root']) {
				assert.ok(!message.includes(fragment), message);
			}
		}
	});
});

void describe('resolveSettings: sources and precedence', () => {
	void test('with only endpoints, everything else takes the defaults', () => {
		assert.deepEqual(resolve({endpoints: 'h:2379'}), {
			connection: {endpoints: ['http://h:2379'], timeoutMs: defaults.timeoutMs},
			refreshMs: defaults.refreshMs,
			quotaBytes: undefined,
			readOnly: false,
		});
	});

	void test('no endpoints anywhere is an error; an empty ETCDCTL_ENDPOINTS counts as unset', () => {
		assert.match(configError(() => resolve({}, {})), /^no endpoints: pass --endpoints/);
		assert.match(configError(() => resolve({}, {ETCDCTL_ENDPOINTS: ''})), /^no endpoints/);
	});

	void test('ETCDCTL_* variables are used when no flag is given, and errors name the variable', () => {
		const settings = resolve({}, {ETCDCTL_ENDPOINTS: 'e1:2379,e2:2379', ETCDCTL_USER: 'root', ETCDCTL_PASSWORD: secret, ETCDCTL_CACERT: caFile});
		assert.deepEqual(settings.connection.endpoints, ['http://e1:2379', 'http://e2:2379']);
		assert.deepEqual(settings.connection.auth, {username: 'root', password: secret});
		assert.equal(settings.connection.tls?.ca?.toString(), caPem);
		assert.match(configError(() => resolve({}, {ETCDCTL_ENDPOINTS: 'ftp://e:21'})), /^ETCDCTL_ENDPOINTS: "ftp:\/\/e:21" uses ftp/);
	});

	void test('flags win over ETCDCTL_* variables', () => {
		const settings = resolve({endpoints: 'flag:2379', user: 'flaguser', password: 'flagpw'}, {ETCDCTL_ENDPOINTS: 'env:2379', ETCDCTL_USER: 'envuser', ETCDCTL_PASSWORD: 'envpw'});
		assert.deepEqual(settings.connection.endpoints, ['http://flag:2379']);
		assert.deepEqual(settings.connection.auth, {username: 'flaguser', password: 'flagpw'});
	});

	void test('a flag given as an empty string is not silently replaced by the variable', () => {
		assert.match(configError(() => resolve({endpoints: ''}, {ETCDCTL_ENDPOINTS: 'env:2379'})), /^--endpoints names no endpoint/);
	});
});

void describe('resolveSettings: user and password', () => {
	void test('--user NAME:PASSWORD splits at the first colon', () => {
		assert.deepEqual(resolve({endpoints: 'h:1', user: 'alice:pa:ss'}).connection.auth, {username: 'alice', password: 'pa:ss'});
	});

	void test('--password overrides a password written in --user', () => {
		assert.deepEqual(resolve({endpoints: 'h:1', user: 'alice:inline', password: 'explicit'}).connection.auth, {username: 'alice', password: 'explicit'});
	});

	void test('a password written in --user beats ETCDCTL_PASSWORD and a --client-dir password', () => {
		assert.deepEqual(resolve({endpoints: 'h:1', user: 'alice:inline'}, {ETCDCTL_PASSWORD: 'envpw'}).connection.auth, {username: 'alice', password: 'inline'});
		const dir = clientDir({endpoints: 'h:1', user: 'root', password: 'dirpw'});
		assert.deepEqual(resolve({clientDir: dir, user: 'alice:inline'}).connection.auth, {username: 'alice', password: 'inline'});
	});

	void test('--password beats a password written in ETCDCTL_USER or the --client-dir user file', () => {
		assert.deepEqual(resolve({endpoints: 'h:1', password: 'flagpw'}, {ETCDCTL_USER: 'bob:inline'}).connection.auth, {username: 'bob', password: 'flagpw'});
		const dir = clientDir({endpoints: 'h:1', user: 'root:inline', password: 'dirpw'});
		assert.deepEqual(resolve({clientDir: dir, password: 'flagpw'}).connection.auth, {username: 'root', password: 'flagpw'});
	});

	void test('within one source, the explicit password beats the NAME:PASSWORD one', () => {
		assert.deepEqual(resolve({endpoints: 'h:1'}, {ETCDCTL_USER: 'bob:inline', ETCDCTL_PASSWORD: 'envpw'}).connection.auth, {username: 'bob', password: 'envpw'});
		const dir = clientDir({endpoints: 'h:1', user: 'root:inline', password: 'dirpw'});
		assert.deepEqual(resolve({clientDir: dir}).connection.auth, {username: 'root', password: 'dirpw'});
	});

	void test('a password written in a user that lost to --user is not used', () => {
		assert.match(configError(() => resolve({endpoints: 'h:1', user: 'alice'}, {ETCDCTL_USER: `bob:${secret}`})), /^--user names user "alice" without a password/);
	});

	void test('--user NAME takes its password from --password or ETCDCTL_PASSWORD', () => {
		assert.deepEqual(resolve({endpoints: 'h:1', user: 'alice', password: secret}).connection.auth, {username: 'alice', password: secret});
		assert.deepEqual(resolve({endpoints: 'h:1', user: 'alice'}, {ETCDCTL_PASSWORD: secret}).connection.auth, {username: 'alice', password: secret});
		assert.deepEqual(resolve({endpoints: 'h:1', password: secret}, {ETCDCTL_USER: 'bob'}).connection.auth, {username: 'bob', password: secret});
	});

	void test('a user without a password is an error naming the source and the user (the CLI asks on a terminal instead)', () => {
		assert.equal(
			configError(() => resolve({endpoints: 'h:1', user: 'alice'})),
			'--user names user "alice" without a password, and stdin is not a terminal to ask for it on: use --password, ETCDCTL_PASSWORD or --client-dir (or NAME:PASSWORD)',
		);
		assert.match(configError(() => resolve({endpoints: 'h:1'}, {ETCDCTL_USER: 'carol'})), /^ETCDCTL_USER names user "carol" without a password/);
	});

	void test('a password without a user is an error that does not show the password', () => {
		const fromFlag = configError(() => resolve({endpoints: 'h:1', password: secret}));
		assert.equal(fromFlag, '--password is set but no user is: pass --user NAME as well');
		const fromEnv = configError(() => resolve({endpoints: 'h:1'}, {ETCDCTL_PASSWORD: secret}));
		assert.match(fromEnv, /^ETCDCTL_PASSWORD is set but no user is/);
		assert.ok(!fromFlag.includes(secret) && !fromEnv.includes(secret));
	});

	void test('an empty user name is an error that does not show the password', () => {
		const message = configError(() => resolve({endpoints: 'h:1', user: `:${secret}`}));
		assert.equal(message, '--user has an empty user name');
	});

	void test('without a user or password there is no auth at all', () => {
		assert.equal('auth' in resolve({endpoints: 'h:1'}).connection, false);
	});
});

void describe('resolveSettings: TLS files', () => {
	void test('--cacert, --cert and --key are read into buffers', () => {
		const tls = resolve({endpoints: 'https://h:2379', cacert: caFile, cert: certFile, key: keyFile}).connection.tls;
		assert.ok(tls?.ca && tls.cert && tls.key);
		assert.equal(tls.ca.toString(), caPem);
		assert.equal(tls.cert.toString(), certPem);
		assert.equal(tls.key.toString(), keyPem);
	});

	void test('--cacert alone gives TLS with only a CA', () => {
		assert.deepEqual(Object.keys(resolve({endpoints: 'https://h:2379', cacert: caFile}).connection.tls ?? {}), ['ca']);
	});

	void test('--cert without --key, and --key without --cert, are errors', () => {
		assert.equal(configError(() => resolve({endpoints: 'h:1', cert: certFile})), '--cert is given without --key (or ETCDCTL_KEY): a client certificate needs both');
		assert.equal(configError(() => resolve({endpoints: 'h:1', key: keyFile})), '--key is given without --cert (or ETCDCTL_CERT): a client certificate needs both');
		assert.match(configError(() => resolve({endpoints: 'h:1'}, {ETCDCTL_KEY: keyFile})), /^ETCDCTL_KEY is given without --cert \(or ETCDCTL_CERT\)/);
	});

	void test('--cacert, --cert and --key win over their ETCDCTL_* variables', () => {
		const other = path.join(root, 'env-tls.pem');
		writeFileSync(other, 'from the environment');
		const tls = resolve({endpoints: 'https://h:2379', cacert: caFile, cert: certFile, key: keyFile}, {ETCDCTL_CACERT: other, ETCDCTL_CERT: other, ETCDCTL_KEY: other}).connection.tls;
		assert.equal(tls?.ca?.toString(), caPem);
		assert.equal(tls?.cert?.toString(), certPem);
		assert.equal(tls?.key?.toString(), keyPem);
	});

	void test('a TLS flag given as an empty string is an error naming it', () => {
		assert.equal(configError(() => resolve({endpoints: 'h:1', cacert: ''})), '--cacert is empty: give the path of a file');
		assert.equal(configError(() => resolve({endpoints: 'h:1', cert: '', key: keyFile})), '--cert is empty: give the path of a file');
	});

	void test('a missing TLS file is an error naming the flag and the path', () => {
		const missing = path.join(root, 'no-such-ca.pem');
		assert.equal(configError(() => resolve({endpoints: 'h:1', cacert: missing})), `--cacert: file ${missing} does not exist`);
		assert.equal(configError(() => resolve({endpoints: 'h:1', cert: missing, key: keyFile})), `--cert: file ${missing} does not exist`);
		assert.equal(configError(() => resolve({endpoints: 'h:1', cert: certFile, key: missing})), `--key: file ${missing} does not exist`);
		assert.equal(configError(() => resolve({endpoints: 'h:1'}, {ETCDCTL_CACERT: missing})), `ETCDCTL_CACERT: file ${missing} does not exist`);
	});

	void test('a directory given as a TLS file is an error', () => {
		assert.equal(configError(() => resolve({endpoints: 'h:1', cacert: root})), `--cacert: ${root} is not a file`);
	});
});

void describe('resolveSettings: --client-dir', () => {
	void test('reads endpoints, user, password and a PEM cacert', () => {
		const dir = clientDir({endpoints: 'https://e1:2379,https://e2:2379\n', user: 'root\n', password: `${secret}\n`, cacert: caPem});
		const settings = resolve({clientDir: dir});
		assert.deepEqual(settings.connection.endpoints, ['https://e1:2379', 'https://e2:2379']);
		assert.deepEqual(settings.connection.auth, {username: 'root', password: secret});
		assert.equal(settings.connection.tls?.ca?.toString(), caPem);
	});

	void test('a cacert file naming a path reads the PEM at that path', () => {
		const dir = clientDir({endpoints: 'https://e1:2379', cacert: `${caFile}\n`});
		assert.equal(resolve({clientDir: dir}).connection.tls?.ca?.toString(), caPem);
	});

	void test('a relative path in the cacert file is relative to the client directory, not the working directory', () => {
		const dir = clientDir({endpoints: 'https://e1:2379', cacert: 'pki/ca.pem\n'});
		mkdirSync(path.join(dir, 'pki'));
		writeFileSync(path.join(dir, 'pki', 'ca.pem'), caPem);
		assert.notEqual(process.cwd(), dir);
		assert.equal(resolve({clientDir: dir}).connection.tls?.ca?.toString(), caPem);
		const missing = clientDir({endpoints: 'https://e1:2379', cacert: 'pki/gone.pem'});
		assert.equal(configError(() => resolve({clientDir: missing})), `--client-dir ${path.join(missing, 'cacert')}: file ${path.join(missing, 'pki', 'gone.pem')} does not exist`);
	});

	void test('--cacert wins even over a broken cacert file in the client directory', () => {
		const dir = clientDir({endpoints: 'https://e1:2379', cacert: path.join(root, 'gone.pem')});
		assert.equal(resolve({clientDir: dir, cacert: caFile}).connection.tls?.ca?.toString(), caPem);
	});

	void test('an empty cacert or password file is an error naming the file', () => {
		const emptyCa = clientDir({endpoints: 'https://e1:2379', cacert: '\n'});
		assert.equal(configError(() => resolve({clientDir: emptyCa})), `--client-dir ${path.join(emptyCa, 'cacert')} is empty: give the path of a file`);
		const emptyPassword = clientDir({endpoints: 'https://e1:2379', user: 'root', password: '\n'});
		assert.equal(configError(() => resolve({clientDir: emptyPassword})), `--client-dir ${path.join(emptyPassword, 'password')} is empty`);
	});

	void test('a cacert file naming a missing path is an error naming the cacert file and the path', () => {
		const missing = path.join(root, 'gone.pem');
		const dir = clientDir({endpoints: 'https://e1:2379', cacert: missing});
		assert.equal(configError(() => resolve({clientDir: dir})), `--client-dir ${path.join(dir, 'cacert')}: file ${missing} does not exist`);
	});

	void test('only endpoints is enough; no auth and no TLS then', () => {
		const connection = resolve({clientDir: clientDir({endpoints: 'e1:2379'})}).connection;
		assert.deepEqual(connection.endpoints, ['http://e1:2379']);
		assert.equal(connection.auth, undefined);
		assert.equal(connection.tls, undefined);
	});

	void test('errors in its files name the file', () => {
		const dir = clientDir({endpoints: 'e1'});
		assert.match(configError(() => resolve({clientDir: dir})), new RegExp(`^--client-dir ${path.join(dir, 'endpoints')}: "e1" has no port`));
	});

	void test('a missing directory, a missing endpoints file and a user without password are errors', () => {
		const missing = path.join(root, 'no-such-dir');
		assert.equal(configError(() => resolve({clientDir: missing})), `--client-dir: ${missing} does not exist`);
		assert.equal(configError(() => resolve({clientDir: caFile})), `--client-dir: ${caFile} is not a directory`);
		assert.equal(configError(() => resolve({clientDir: ''})), '--client-dir is empty: give the path of a directory');
		const noUser = clientDir({endpoints: 'e1:2379', password: secret});
		assert.equal(configError(() => resolve({clientDir: noUser})), `--client-dir: ${noUser} has a "password" file but no "user" file`);
		const noEndpoints = clientDir({user: 'root', password: secret});
		assert.equal(configError(() => resolve({clientDir: noEndpoints})), `--client-dir: ${noEndpoints} has no "endpoints" file`);
		const noPassword = clientDir({endpoints: 'e1:2379', user: 'root'});
		assert.equal(configError(() => resolve({clientDir: noPassword})), `--client-dir: ${noPassword} has a "user" file but no "password" file`);
	});

	void test('flags win over its files', () => {
		const dir = clientDir({endpoints: 'dir:2379', user: 'diruser', password: 'dirpw', cacert: `${caFile}\n`});
		const otherCa = path.join(root, 'other-ca.pem');
		writeFileSync(otherCa, otherCaPem);
		const settings = resolve({clientDir: dir, endpoints: 'flag:2379', user: 'flaguser', password: 'flagpw', cacert: otherCa});
		assert.deepEqual(settings.connection.endpoints, ['http://flag:2379']);
		assert.deepEqual(settings.connection.auth, {username: 'flaguser', password: 'flagpw'});
		assert.equal(settings.connection.tls?.ca?.toString(), otherCaPem);
	});

	void test('its files win over ETCDCTL_* variables', () => {
		const otherCa = path.join(root, 'env-ca.pem');
		writeFileSync(otherCa, 'env CA');
		const dir = clientDir({endpoints: 'dir:2379', user: 'diruser', password: 'dirpw', cacert: caPem});
		const settings = resolve(
			{clientDir: dir},
			{ETCDCTL_ENDPOINTS: 'env:2379', ETCDCTL_USER: 'envuser', ETCDCTL_PASSWORD: 'envpw', ETCDCTL_CACERT: otherCa},
		);
		assert.deepEqual(settings.connection.endpoints, ['http://dir:2379']);
		assert.deepEqual(settings.connection.auth, {username: 'diruser', password: 'dirpw'});
		assert.equal(settings.connection.tls?.ca?.toString(), caPem);
	});
});

void describe('resolveSettings: numbers', () => {
	void test('good values are kept', () => {
		const settings = resolve({endpoints: 'h:1', refresh: 250, timeout: 100, quotaBytes: 8 * 1024 ** 3});
		assert.equal(settings.refreshMs, 250);
		assert.equal(settings.connection.timeoutMs, 100);
		assert.equal(settings.quotaBytes, 8 * 1024 ** 3);
	});

	for (const [flag, option] of [['--refresh', 'refresh'], ['--timeout', 'timeout']] as const) {
		// Above an hour, and above what a Node timer holds (1e12 ms fired after 1 ms: "no endpoint answers").
		for (const value of [Number.NaN, 0, 50, 99, -1000, 150.5, 3_600_001, 2 ** 31, 1e12, Number.POSITIVE_INFINITY]) {
			void test(`${flag} ${String(value)} is refused, naming the range`, () => {
				assert.equal(configError(() => resolve({endpoints: 'h:1', [option]: value})), `${flag} must be a whole number of milliseconds from 100 to 3600000 (one hour), got ${String(value)}`);
			});
		}

		void test(`${flag} of one hour is kept`, () => {
			const settings = resolve({endpoints: 'h:1', [option]: 3_600_000});
			assert.equal(option === 'refresh' ? settings.refreshMs : settings.connection.timeoutMs, 3_600_000);
		});
	}

	void test('--quota-bytes must be a positive whole number', () => {
		assert.equal(configError(() => resolve({endpoints: 'h:1', quotaBytes: 0})), '--quota-bytes must be a whole number of at least 1, got 0');
		assert.match(configError(() => resolve({endpoints: 'h:1', quotaBytes: Number.NaN})), /^--quota-bytes must be/);
	});
});

void describe('resolveSettings never shows the password in an error', () => {
	const cases: Array<[string, () => RawOptions, Record<string, string>]> = [
		['bad --timeout', () => ({endpoints: 'h:1', user: `alice:${secret}`, timeout: 0}), {}],
		['bad --refresh', () => ({endpoints: 'h:1', user: 'alice', password: secret, refresh: Number.NaN}), {}],
		['missing --cacert', () => ({endpoints: 'h:1', user: `alice:${secret}`, cacert: path.join(root, 'missing.pem')}), {}],
		['--cert without --key', () => ({endpoints: 'h:1', user: `alice:${secret}`, cert: certFile}), {}],
		['empty user name', () => ({endpoints: 'h:1', user: `:${secret}`}), {}],
		['password without user', () => ({endpoints: 'h:1'}), {ETCDCTL_PASSWORD: secret}],
		['credentials in an endpoint', () => ({endpoints: `http://alice:${secret}@h:2379`}), {}],
		['credentials in an endpoint with another scheme', () => ({endpoints: `ftp://alice:${secret}@h:2379`}), {}],
		['credentials in an unparseable endpoint', () => ({endpoints: `http://alice:${secret}@[bad`}), {}],
		['credentials in ETCDCTL_ENDPOINTS', () => ({}), {ETCDCTL_ENDPOINTS: `alice:${secret}@h:0`}],
		['no endpoints', () => ({user: `alice:${secret}`}), {}],
	];
	for (const [name, flags, env] of cases) {
		void test(name, () => {
			const message = configError(() => resolve(flags(), env));
			assert.ok(!message.includes(secret), message);
		});
	}

	void test('nor a password from a client directory', () => {
		const dir = clientDir({endpoints: 'h:1', user: 'root', password: secret, cacert: path.join(root, 'missing.pem')});
		const message = configError(() => resolve({clientDir: dir}));
		assert.ok(!message.includes(secret), message);
	});
});

void describe('resolveKeyBrowsing', () => {
	void test('--prefix with a sound \\x escape is kept as typed', () => {
		assert.deepEqual(resolveKeyBrowsing({prefix: String.raw`/a\x2f`}), {prefix: String.raw`/a\x2f`, separator: '/'});
	});

	void test('--prefix with a bad \\x escape is refused with its position', () => {
		const message = configError(() => resolveKeyBrowsing({prefix: String.raw`/ab\xZZ`}));
		assert.match(message, /^--prefix: bad escape "\\xZZ" at position 4: \\x takes two hex digits/);
	});
});
