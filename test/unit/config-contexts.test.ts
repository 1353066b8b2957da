import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {configPath, loadConfig} from '../../source/config/contexts/config-file.ts';
import {findContext, openAllContexts, resolveContext, withContextFlags} from '../../source/config/contexts/open-context.ts';
import {ConfigFileError} from '../../source/config/contexts/config-file-error.ts';
import type {EtcdeckConfig} from '../../source/config/contexts/context-spec.ts';
import {parseConfig} from '../../source/config/contexts/parse-config.ts';
import {ConfigError} from '../../source/config/settings.ts';
import {caPem} from '../support/tls-fixtures.ts';

const secret = 'Pa55-w0rd-in-file';
let root: string;
let caFile: string;

before(() => {
	root = mkdtempSync(path.join(tmpdir(), 'etcdeck-contexts-test-'));
	caFile = path.join(root, 'ca.pem');
	writeFileSync(caFile, caPem);
});

after(() => {
	rmSync(root, {recursive: true, force: true});
});

const file = '/etc/etcdeck/config.yaml';

/** The example file. */
const example = `current-context: eqiad
contexts:
  - name: eqiad
    endpoints: [https://conf1001:2379, https://conf1002:2379]
    cacert: /etc/ssl/certs/wmf-ca.pem
    user: root
    password-env: ETCD_EQIAD_PASSWORD
    read-only: true
  - name: dh-prod
    client-dir: /etc/sysconfig/deephaven/etcd/client/root
    log-unit: dh-etcd
`;

function parseError(text: string): ConfigFileError {
	try {
		parseConfig(text, file, '/home/op');
	} catch (error) {
		assert.ok(error instanceof ConfigFileError, `expected a ConfigFileError, got ${String(error)}`);
		return error;
	}

	assert.fail('the file was accepted');
}

function configError(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
		return error.message;
	}

	assert.fail('expected a ConfigError, but nothing was thrown');
}

function writeConfig(text: string, name = `config-${Math.random().toString(36).slice(2)}.yaml`): string {
	const written = path.join(root, name);
	writeFileSync(written, text);
	return written;
}

describe('the config file', () => {
	test('the issue\'s example parses: names, fields as the flags name them, positions of each field', () => {
		const config = parseConfig(example, file, '/home/op');
		assert.equal(config.currentContext, 'eqiad');
		assert.deepEqual(config.contexts.map(context => context.name), ['eqiad', 'dh-prod']);
		const [eqiad, dhProd] = config.contexts;
		assert.deepEqual(eqiad!.values, {
			endpoints: ['https://conf1001:2379', 'https://conf1002:2379'],
			cacert: '/etc/ssl/certs/wmf-ca.pem',
			user: 'root',
			passwordEnv: 'ETCD_EQIAD_PASSWORD',
			readOnly: true,
		});
		assert.equal(eqiad!.origins.cacert, `${file}:5: context "eqiad" cacert`);
		assert.equal(eqiad!.label, `${file}:3: context "eqiad"`);
		assert.deepEqual(dhProd!.values, {clientDir: '/etc/sysconfig/deephaven/etcd/client/root', logUnit: ['dh-etcd']});
	});

	test('relative paths are the config file\'s directory\'s, ~/ the home directory\'s; endpoints as one text or a list', () => {
		const config = parseConfig('contexts:\n  - name: a\n    endpoints: 10.0.0.1:2379, http://10.0.0.2:2379\n    cacert: certs/ca.pem\n    snapshot-dir: ~/backups\n', file, '/home/op');
		assert.deepEqual(config.contexts[0]!.values, {endpoints: ['http://10.0.0.1:2379', 'http://10.0.0.2:2379'], cacert: '/etc/etcdeck/certs/ca.pem', snapshotDir: '/home/op/backups'});
	});

	test('an empty file has no contexts', () => {
		assert.deepEqual(parseConfig('# nothing yet\n', file, '/home/op').contexts, []);
	});

	const refused: Array<[string, string, number, string | undefined, RegExp]> = [
		['bad YAML', 'contexts:\n  - name: a\n    endpoints: [http://a:1\n    user: root\n', 4, undefined, /not valid YAML \(near field user\): Flow sequence/],
		['an unknown field', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    endpoint: http://b:1\n', 4, 'endpoint', /context "a" endpoint: unknown field; a context has name, endpoints, user/],
		['an unknown top-level field', 'contexts: []\ncurrent: a\n', 2, 'current', /current: unknown field/],
		['a password in plain text', `contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root\n    password: ${secret}\n`, 5, 'password', /context "a" password: a password is never written in the config file .*password-env.*password-file/],
		['a password after the user name', `contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root:${secret}\n`, 4, 'user', /context "a" user: holds a password after "root:"/],
		['a context without a name', 'contexts:\n  - endpoints: http://a:1\n', 2, 'name', /contexts\[0\] name: missing/],
		['two contexts of one name', 'contexts:\n  - name: a\n    endpoints: http://a:1\n  - name: a\n    endpoints: http://b:1\n', 4, 'name', /"a" is already the name of the context on line 2/],
		['current-context naming none', 'current-context: b\ncontexts:\n  - name: a\n    endpoints: http://a:1\n', 1, 'current-context', /no context is named "b" \(the contexts are a\)/],
		['a context without endpoints', 'contexts:\n  - name: a\n    user: root\n', 2, 'endpoints', /missing/],
		['read-only: yes', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    read-only: yes\n', 4, 'read-only', /is true or false, got the text "yes"/],
		['a timeout out of range', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    timeout: 5\n', 4, 'timeout', /from 100 to 3600000/],
		['an endpoint with credentials', `contexts:\n  - name: a\n    endpoints: http://root:${secret}@a:1\n`, 3, 'endpoints', /carries a user or password \(\*\*\*@a:1\)/],
		['log-command with log-unit', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    log-unit: etcd\n    log-command: ssh a journalctl\n', 5, 'log-command', /would be ignored/],
		['cert without key', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    cert: c.pem\n', 4, 'cert', /without key/],
		['password-env with no user', 'contexts:\n  - name: a\n    endpoints: http://a:1\n    password-env: PW\n', 4, 'password-env', /names no user/],
		['a password where its variable\'s name goes', `contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root\n    password-env: "${secret} x"\n`, 5, 'password-env', /not the name of an environment variable/],
		['contexts that are not a list', 'contexts:\n  name: a\n', 2, 'contexts', /a list of contexts/],
		['an alias', 'contexts:\n  - name: a\n    endpoints: &e http://a:1\n  - name: b\n    endpoints: *e\n', 5, 'endpoints', /alias/],
	];
	for (const [what, text, line, field, message] of refused) {
		test(`refused, naming the file, line and field: ${what}`, () => {
			const error = parseError(text);
			assert.equal(error.line, line, error.message);
			if (field !== undefined) {
				assert.equal(error.field, field, error.message);
			}

			assert.ok(error.message.startsWith(`${file}:${line}: `), error.message);
			assert.match(error.message, message);
			assert.doesNotMatch(error.message, new RegExp(secret), 'the password is not repeated');
		});
	}

	test('a YAML syntax error names the field written on its line', () => {
		const error = parseError('contexts:\n  - name: a\n    endpoints: http://a:1\n    user: [root\n');
		assert.match(error.message, /not valid YAML/);
		assert.ok(error.line >= 4, error.message);
	});

	test('the file is $XDG_CONFIG_HOME/etcdeck/config.yaml, else ~/.config/etcdeck/config.yaml, or --config', () => {
		assert.equal(configPath(undefined, {XDG_CONFIG_HOME: '/x/conf'}, '/home/op', '/w').file, '/x/conf/etcdeck/config.yaml');
		assert.equal(configPath(undefined, {XDG_CONFIG_HOME: 'relative'}, '/home/op', '/w').file, '/home/op/.config/etcdeck/config.yaml');
		assert.equal(configPath(undefined, {}, '/home/op', '/w').file, '/home/op/.config/etcdeck/config.yaml');
		assert.deepEqual(configPath('my.yaml', {}, '/home/op', '/w'), {file: '/w/my.yaml', explicit: true});
	});

	test('no file at the default place is no config; --config naming no file is an error', () => {
		assert.equal(loadConfig(undefined, {XDG_CONFIG_HOME: path.join(root, 'none')}, root, root), undefined);
		assert.match(configError(() => loadConfig(path.join(root, 'missing.yaml'), {}, root, root)), /--config .*missing\.yaml: does not exist/);
	});
});

describe('opening a context', () => {
	const config = (text: string): EtcdeckConfig => loadConfig(writeConfig(text), {}, root, root)!;

	test('--context naming none lists the names there are; without a config file it says so', () => {
		const loaded = config('contexts:\n  - name: a\n    endpoints: http://a:1\n  - name: b\n    endpoints: http://b:1\n');
		assert.match(configError(() => findContext(loaded, 'c')), /--context c: .* has no context of that name \(it has a, b\)/);
		assert.match(configError(() => findContext(undefined, 'c')), /there is no config file/);
	});

	test('a context\'s fields become settings; flags override them; ETCDCTL_* variables do not leak in', () => {
		const loaded = config(`contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root\n    password-env: A_PASSWORD\n    timeout: 700\n    read-only: true\n`);
		const context = findContext(loaded, 'a');
		const env = {A_PASSWORD: secret, ETCDCTL_ENDPOINTS: 'http://elsewhere:2379', ETCDCTL_CACERT: '/nonexistent'};
		const settings = resolveContext(context, {}, env);
		assert.deepEqual(settings.connection.endpoints, ['http://a:1']);
		assert.deepEqual(settings.connection.auth, {username: 'root', password: secret});
		assert.equal(settings.connection.timeoutMs, 700);
		assert.equal(settings.connection.tls, undefined);
		assert.equal(settings.readOnly, true);
		const overridden = resolveContext(context, {endpoints: 'http://b:2', timeout: 900, readOnly: false}, env);
		assert.deepEqual(overridden.connection.endpoints, ['http://b:2']);
		assert.equal(overridden.connection.timeoutMs, 900);
		assert.equal(overridden.readOnly, false);
	});

	test('an unset password variable, a missing CA file: the line and field are named', () => {
		const loaded = config(`contexts:\n  - name: a\n    endpoints: https://a:1\n    user: root\n    password-env: A_PASSWORD\n  - name: b\n    endpoints: https://b:1\n    cacert: nowhere/ca.pem\n`);
		assert.match(configError(() => resolveContext(findContext(loaded, 'a'), {}, {})), /config-.*\.yaml:5: context "a" password-env: the variable A_PASSWORD is not set/);
		assert.match(configError(() => resolveContext(findContext(loaded, 'b'), {}, {})), /config-.*\.yaml:8: context "b" cacert: file .*nowhere\/ca\.pem does not exist/);
	});

	test('a password file is read only when its owner alone may read it', () => {
		const passwordFile = path.join(root, 'pw');
		writeFileSync(passwordFile, `${secret}\n`);
		chmodSync(passwordFile, 0o644);
		const loaded = config(`contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root\n    password-file: ${passwordFile}\n`);
		const message = configError(() => resolveContext(findContext(loaded, 'a'), {}, {}));
		assert.match(message, /config-.*\.yaml:5: context "a" password-file: .*pw has mode 0644, so others may read the password; allow only its owner: chmod 600/);
		assert.doesNotMatch(message, new RegExp(secret));
		chmodSync(passwordFile, 0o600);
		assert.deepEqual(resolveContext(findContext(loaded, 'a'), {}, {}).connection.auth, {username: 'root', password: secret});
	});

	test('a user without any password is refused in the fleet, which asks none', () => {
		const loaded = config('contexts:\n  - name: a\n    endpoints: http://a:1\n    user: root\n');
		assert.match(configError(() => openAllContexts(loaded, {}, {}, 'the fleet')), /:4: context "a" user names user "root" with no password/);
	});

	test('the fleet refuses connection flags and takes the others for every context', () => {
		const loaded = config('contexts:\n  - name: a\n    endpoints: http://a:1\n  - name: b\n    endpoints: http://b:1\n    timeout: 300\n');
		assert.match(configError(() => openAllContexts(loaded, {endpoints: 'http://c:1'}, {}, '--all-contexts')), /--endpoints does not go with --all-contexts/);
		const opened = openAllContexts(loaded, {timeout: 450}, {}, 'the fleet');
		assert.deepEqual(opened.map(entry => entry.settings.connection.timeoutMs), [450, 450]);
	});

	test('a client-dir in a context gives its files, named by the context\'s line', () => {
		const dir = path.join(root, 'client');
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, 'endpoints'), 'https://a:2379');
		writeFileSync(path.join(dir, 'user'), 'root');
		writeFileSync(path.join(dir, 'password'), secret);
		writeFileSync(path.join(dir, 'cacert'), caFile);
		const loaded = config(`contexts:\n  - name: dh\n    client-dir: ${dir}\n`);
		const settings = resolveContext(findContext(loaded, 'dh'), {}, {});
		assert.deepEqual(settings.connection.endpoints, ['https://a:2379']);
		assert.equal(settings.connection.auth?.password, secret);
		assert.ok(settings.connection.tls?.ca !== undefined);
	});

	test('the context\'s log source gives way whole to one given as a flag; other fields under the flags', () => {
		const loaded = config('contexts:\n  - name: a\n    endpoints: http://a:1\n    log-command: ssh a journalctl -f\n    log-lines: 200\n    separator: "."\n');
		const context = findContext(loaded, 'a');
		assert.deepEqual(withContextFlags({}, context), {logCommand: 'ssh a journalctl -f', logLines: 200, separator: '.'});
		assert.deepEqual(withContextFlags({logUnit: 'etcd', separator: '/', prefix: undefined}, context), {logUnit: 'etcd', logLines: 200, separator: '/', prefix: undefined});
	});
});
