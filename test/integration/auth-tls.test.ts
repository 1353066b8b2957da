import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {ClusterService} from '../../source/cluster/cluster-service.ts';
import type {ConnectionSettings} from '../../source/config/settings.ts';
import {LocalCluster, type LocalClusterAuth} from '../../source/demo/local-cluster.ts';
import {createCertificateAuthority, type CertificateAuthority} from '../../source/demo/throwaway-pki.ts';
import {etcdLineVersion, statusServedWithoutUser} from '../support/etcd-line.ts';
import {runCli, type CliResult} from '../support/run-cli.ts';

/**
 * Authentication and TLS failures against real etcd: three voters with auth enabled over plain http, one
 * member serving https, and one that also demands a client certificate. Every failure must exit before
 * the dashboard starts, say what is wrong, and never show a password.
 */
let authCluster: LocalCluster;
let auth: LocalClusterAuth;
let tlsCluster: LocalCluster;
let mtlsCluster: LocalCluster;
let otherCa: CertificateAuthority;
let scratch: string;

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-auth-tls-'));
	[authCluster, tlsCluster, mtlsCluster] = await LocalCluster.startAll([
		{voters: 3},
		{voters: 1, tls: {}},
		{voters: 1, tls: {clientCertAuth: true}},
	]) as [LocalCluster, LocalCluster, LocalCluster];
	auth = await authCluster.enableAuth();
	otherCa = await createCertificateAuthority(path.join(scratch, 'other-ca'), 'other-ca');
}, {timeout: 120_000});

after(async () => {
	await Promise.all([authCluster?.stop(), tlsCluster?.stop(), mtlsCluster?.stop()]);
	rmSync(scratch, {recursive: true, force: true});
});

const timeout = ['--timeout', '1500'];
const wrongPassword = () => `wrong-${randomBytes(6).toString('hex')}`;

function assertNoSecret(result: CliResult, ...secrets: string[]): void {
	for (const secret of secrets) {
		assert.ok(!result.stdout.includes(secret), `stdout shows a password:\n${result.stdout}`);
		assert.ok(!result.stderr.includes(secret), `stderr shows a password:\n${result.stderr}`);
	}
}

/**
 * `etcdeck status` exits 2 with `reason` as the verdict and on the endpoint's row; the dashboard refuses
 * to start with the same reason for the endpoint. Neither shows any of `secrets`. A pattern for the
 * reason allows what differs between etcd builds (the TLS alert Go sends); the three places must
 * still say the same.
 */
async function assertRefused(args: string[], endpoint: string, expected: string | RegExp, env: Record<string, string> = {}, secrets: string[] = []): Promise<void> {
	const status = await runCli(['status', ...timeout, ...args], env);
	assert.equal(status.code, 2, `${args.join(' ')}\n${status.stdout}${status.stderr}`);
	const reason = typeof expected === 'string' ? expected : new RegExp(`CRITICAL: no endpoint answers: (${expected.source})\n`).exec(status.stdout)?.[1] ?? String(expected);
	assert.ok(status.stdout.includes(`CRITICAL: no endpoint answers: ${reason}\n`), `status names the reason "${reason}":\n${status.stdout}`);
	assert.ok(status.stdout.includes(`CRITICAL: ${endpoint} unreachable: ${reason}\n`), `status names the endpoint:\n${status.stdout}`);
	assert.equal(status.stderr, '');
	const dashboard = await runCli([...timeout, ...args], env);
	assert.equal(dashboard.code, 2, dashboard.stderr);
	assert.equal(dashboard.stderr, `etcdeck: cannot reach the cluster:\n  ${endpoint}: ${reason}\n`);
	assertNoSecret(status, ...secrets);
	assertNoSecret(dashboard, ...secrets);
}

/** `etcdeck status` and the dashboard exit 2 before connecting, with exactly this message. */
async function assertConfigError(args: string[], message: string, env: Record<string, string> = {}, secrets: string[] = []): Promise<void> {
	for (const command of [['status'], []]) {
		const result = await runCli([...command, ...timeout, ...args], env);
		assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, `etcdeck: ${message}\n`);
		assertNoSecret(result, ...secrets);
	}
}

async function assertHealthy(args: string[], env: Record<string, string> = {}, secrets: string[] = []): Promise<CliResult> {
	const result = await runCli(['status', ...timeout, ...args], env);
	assert.equal(result.code, 0, `${args.join(' ')}\n${result.stdout}${result.stderr}`);
	assert.match(result.stdout, /: healthy; leader m\d/);
	assert.equal(result.stderr, '');
	assertNoSecret(result, ...secrets);
	return result;
}

function clientDir(name: string, files: Record<string, string>): string {
	const dir = path.join(scratch, name);
	mkdirSync(dir);
	for (const [file, content] of Object.entries(files)) {
		writeFileSync(path.join(dir, file), content);
	}

	return dir;
}

function tlsOf(cluster: LocalCluster): NonNullable<LocalCluster['tls']> {
	assert.ok(cluster.tls, 'the cluster serves TLS');
	return cluster.tls;
}

void describe('authentication', () => {
	const seed = () => authCluster.endpoints[0]!;

	void test('the right password works from --user NAME:PASSWORD, --password, ETCDCTL_* and --client-dir', async () => {
		const {username, password} = auth.root;
		const report = await assertHealthy(['--endpoints', seed(), '--user', `${username}:${password}`], {}, [password]);
		assert.match(report.stdout, /voters 3\/3 healthy/);
		await assertHealthy(['--endpoints', seed(), '--user', username, '--password', password], {}, [password]);
		await assertHealthy([], {ETCDCTL_ENDPOINTS: seed(), ETCDCTL_USER: username, ETCDCTL_PASSWORD: password}, [password]);
		const dir = clientDir('client-root', {endpoints: `${authCluster.endpoints.join(',')}\n`, user: `${username}\n`, password: `${password}\n`});
		await assertHealthy(['--client-dir', dir], {}, [password]);
	});

	void test('a wrong password: exit 2, "authentication failed", the password shown nowhere', async () => {
		const wrong = wrongPassword();
		const reason = 'authentication failed: wrong user name or password';
		await assertRefused(['--endpoints', seed(), '--user', `root:${wrong}`], seed(), reason, {}, [wrong, auth.root.password]);
		await assertRefused(['--endpoints', seed(), '--user', 'root'], seed(), reason, {ETCDCTL_PASSWORD: wrong}, [wrong]);
		const dir = clientDir('client-wrong', {endpoints: seed(), user: 'root', password: wrong});
		await assertRefused(['--client-dir', dir], seed(), reason, {}, [wrong]);
	});

	void test('a user etcd does not know gets the same answer as a wrong password, as etcd gives', async () => {
		const wrong = wrongPassword();
		await assertRefused(['--endpoints', seed(), '--user', `nobody:${wrong}`], seed(), 'authentication failed: wrong user name or password', {}, [wrong]);
	});

	void test('a user on a cluster without authentication: exit 2, saying to leave the user out', async () => {
		const tls = tlsOf(tlsCluster);
		const password = wrongPassword();
		const endpoint = tlsCluster.endpoints[0]!;
		const reason = 'a user was given (--user, ETCDCTL_USER or --client-dir) but this cluster has authentication disabled: leave the user out';
		await assertRefused(['--endpoints', endpoint, '--cacert', tls.ca.certFile, '--user', `root:${password}`], endpoint, reason, {}, [password]);
	});

	void test('no user on a cluster with authentication: status where etcd serves it without one (3.4), else refused saying to pass --user; a snapshot is refused by name', async () => {
		// etcd 3.4 (and 3.5.16) answer Status and MemberList without a user, so status works read-only;
		// 3.5.30 refuses Status without one, and etcdeck says what to pass.
		if (await statusServedWithoutUser(authCluster, seed())) {
			await assertHealthy(['--endpoints', seed()]);
		} else {
			const refused = await runCli(['status', ...timeout, '--endpoints', seed()]);
			assert.equal(refused.code, 2, refused.stdout);
			assert.match(refused.stdout, /CRITICAL: no endpoint answers: this cluster has authentication enabled: pass --user NAME\[:PASSWORD\] \(or set ETCDCTL_USER\)/);
		}

		const target = path.join(scratch, 'no-user.db');
		const snapshot = await runCli(['snapshot', 'save', target, ...timeout, '--endpoints', seed()]);
		assert.notEqual(snapshot.code, 0, snapshot.stdout);
		assert.match(snapshot.stderr, /this cluster has authentication enabled: pass --user NAME\[:PASSWORD\] \(or set ETCDCTL_USER\)/);
	});

	void test('a user whose roles do not allow a snapshot is told so; root may take one', async () => {
		const {password} = auth.limited;
		const denied = await runCli(['snapshot', 'save', path.join(scratch, 'limited.db'), ...timeout, '--endpoints', seed(), '--user', `${auth.limited.username}:${password}`]);
		assert.notEqual(denied.code, 0, denied.stdout);
		assert.match(denied.stderr, /permission denied: the user's roles do not allow this request/);
		assertNoSecret(denied, password);
		const saved = await runCli(['snapshot', 'save', path.join(scratch, 'root.db'), ...timeout, '--endpoints', seed(), '--user', auth.root.username], {ETCDCTL_PASSWORD: auth.root.password});
		assert.equal(saved.code, 0, saved.stderr);
		assertNoSecret(saved, auth.root.password);
	});

	void test('ClusterService: with the password every discovered member answers; with a wrong one each error says why', async () => {
		const settings: ConnectionSettings = {endpoints: [seed()], timeoutMs: 1500, auth: auth.root};
		const good = new ClusterService(settings);
		try {
			const snapshot = await good.refresh();
			assert.equal(snapshot.memberListError, undefined);
			assert.deepEqual(snapshot.probes.map(probe => probe.error), [undefined, undefined, undefined]);
			assert.deepEqual(snapshot.probes.map(probe => probe.endpoint).sort(), [...authCluster.endpoints].sort());
			assert.deepEqual(snapshot.alarms, []);
		} finally {
			good.close();
		}

		const wrong = wrongPassword();
		const bad = new ClusterService({...settings, endpoints: authCluster.endpoints, auth: {username: 'root', password: wrong}});
		try {
			const snapshot = await bad.refresh();
			const reason = 'authentication failed: wrong user name or password';
			assert.equal(snapshot.memberListError, reason);
			assert.equal(snapshot.alarmsError, 'no member answered its Status');
			assert.deepEqual(snapshot.probes.map(probe => probe.error), [reason, reason, reason]);
			assert.ok(!JSON.stringify(snapshot).includes(wrong));
		} finally {
			bad.close();
		}
	});
});

void describe('TLS', () => {
	const endpoint = () => tlsCluster.endpoints[0]!;

	void test('the cluster\'s CA works from --cacert, ETCDCTL_CACERT and --client-dir (a PEM or a path)', async () => {
		const {ca} = tlsOf(tlsCluster);
		await assertHealthy(['--endpoints', endpoint(), '--cacert', ca.certFile]);
		await assertHealthy([], {ETCDCTL_ENDPOINTS: endpoint(), ETCDCTL_CACERT: ca.certFile});
		await assertHealthy(['--client-dir', clientDir('client-tls-pem', {endpoints: endpoint(), cacert: readFileSync(ca.certFile, 'utf8')})]);
		await assertHealthy(['--client-dir', clientDir('client-tls-path', {endpoints: endpoint(), cacert: ca.certFile})]);
	});

	void test('https without --cacert: the certificate is not trusted by the system, pass --cacert', async () => {
		await assertRefused(['--endpoints', endpoint()], endpoint(), 'TLS: the server\'s certificate is not signed by a CA this system trusts: pass --cacert with the cluster\'s CA (unable to verify the first certificate)');
	});

	void test('a CA that did not sign the server\'s certificate', async () => {
		await assertRefused(['--endpoints', endpoint(), '--cacert', otherCa.certFile], endpoint(), 'TLS: the server\'s certificate is not signed by the --cacert CA (unable to verify the first certificate)');
	});

	void test('http:// to an endpoint that speaks TLS, and https:// to one that does not, name the URL to use', async () => {
		const {ca} = tlsOf(tlsCluster);
		const plain = endpoint().replace('https://', 'http://');
		await assertRefused(['--endpoints', plain, '--cacert', ca.certFile], plain, `this endpoint speaks TLS: use ${endpoint()} (with --cacert)`);
		const secure = authCluster.endpoints[0]!.replace('http://', 'https://');
		await assertRefused(['--endpoints', secure, '--cacert', ca.certFile], secure, `this endpoint does not speak TLS: use ${authCluster.endpoints[0]!}`);
	});

	void test('a host name the certificate does not name', async () => {
		const {ca} = tlsOf(tlsCluster);
		const byName = endpoint().replace('127.0.0.1', 'localhost');
		const status = await runCli(['status', ...timeout, '--endpoints', byName, '--cacert', ca.certFile]);
		assert.equal(status.code, 2, status.stdout);
		assert.match(status.stdout, /CRITICAL: https:\/\/localhost:\d+ unreachable: TLS: the server's certificate is not for this address: use an endpoint address it names \(Hostname\/IP does not match certificate's altnames: Host: localhost\./);
	});

	void test('CA files missing, empty or not PEM are refused before connecting', async () => {
		const missing = path.join(scratch, 'no-such-ca.pem');
		await assertConfigError(['--endpoints', endpoint(), '--cacert', missing], `--cacert: file ${missing} does not exist`);
		await assertConfigError(['--endpoints', endpoint()], `ETCDCTL_CACERT: file ${missing} does not exist`, {ETCDCTL_CACERT: missing});
		const notPem = path.join(scratch, 'not-a-ca.pem');
		writeFileSync(notPem, 'not a certificate');
		await assertConfigError(['--endpoints', endpoint(), '--cacert', notPem], `--cacert: ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
		const dir = clientDir('client-missing-ca', {endpoints: endpoint(), cacert: missing});
		await assertConfigError(['--client-dir', dir], `--client-dir ${path.join(dir, 'cacert')}: file ${missing} does not exist`);
	});

	void test('ClusterService over https: the right CA answers, http:// is diagnosed in every error', async () => {
		const {ca} = tlsOf(tlsCluster);
		const good = new ClusterService({endpoints: [endpoint()], timeoutMs: 1500, tls: {ca: readFileSync(ca.certFile)}});
		try {
			const snapshot = await good.refresh();
			assert.equal(snapshot.probes[0]?.error, undefined);
			assert.equal(snapshot.probes[0]?.status?.version, etcdLineVersion(), 'the version etcd --version prints');
		} finally {
			good.close();
		}

		const plain = endpoint().replace('https://', 'http://');
		const wrongScheme = new ClusterService({endpoints: [plain], timeoutMs: 1500, tls: {ca: readFileSync(ca.certFile)}});
		try {
			const snapshot = await wrongScheme.refresh();
			const reason = `this endpoint speaks TLS: use ${endpoint()} (with --cacert)`;
			assert.equal(snapshot.probes[0]?.error, reason);
			assert.equal(snapshot.memberListError, reason);
		} finally {
			wrongScheme.close();
		}
	});
});

void describe('client certificates', () => {
	const endpoint = () => mtlsCluster.endpoints[0]!;

	void test('--cacert, --cert and --key from the cluster\'s CA work', async () => {
		const {ca, client} = tlsOf(mtlsCluster);
		await assertHealthy(['--endpoints', endpoint(), '--cacert', ca.certFile, '--cert', client.certFile, '--key', client.keyFile]);
		await assertHealthy([], {ETCDCTL_ENDPOINTS: endpoint(), ETCDCTL_CACERT: ca.certFile, ETCDCTL_CERT: client.certFile, ETCDCTL_KEY: client.keyFile});
	});

	void test('no client certificate: pass --cert and --key', async () => {
		const {ca} = tlsOf(mtlsCluster);
		// Go's TLS server sends "certificate required" (TLS 1.3, newer Go: etcd 3.5.30) or "bad certificate" (3.4.23).
		await assertRefused(['--endpoints', endpoint(), '--cacert', ca.certFile], endpoint(), /TLS: the server requires a client certificate: pass --cert and --key \(TLS alert: (?:certificate required|bad certificate)\)/);
	});

	void test('a client certificate from another CA is refused by the server', async () => {
		const {ca} = tlsOf(mtlsCluster);
		const stranger = tlsOf(tlsCluster).client;
		await assertRefused(
			['--endpoints', endpoint(), '--cacert', ca.certFile, '--cert', stranger.certFile, '--key', stranger.keyFile],
			endpoint(),
			// "unknown ca" from newer Go (etcd 3.5.30), "bad certificate" from older (3.4.23): both name the certificate.
			/TLS: the server refused the client certificate \(--cert\): is it signed by a CA the server trusts, and valid\? \(TLS alert: (?:unknown ca|bad certificate)\)/,
		);
	});

	void test('certificate and key files missing, alone, or not a pair are refused before connecting', async () => {
		const {ca, client} = tlsOf(mtlsCluster);
		const base = ['--endpoints', endpoint(), '--cacert', ca.certFile];
		const missing = path.join(scratch, 'no-such-client.crt');
		await assertConfigError([...base, '--cert', missing, '--key', client.keyFile], `--cert: file ${missing} does not exist`);
		await assertConfigError([...base, '--cert', client.certFile, '--key', missing], `--key: file ${missing} does not exist`);
		await assertConfigError([...base, '--cert', client.certFile], '--cert is given without --key (or ETCDCTL_KEY): a client certificate needs both');
		const strangerKey = tlsOf(tlsCluster).client.keyFile;
		await assertConfigError([...base, '--cert', client.certFile, '--key', strangerKey], `--key: ${strangerKey} is not the key of the certificate in --cert ${client.certFile}`);
	});
});

void describe('--client-dir missing or incomplete', () => {
	void test('each gap is named, before connecting, without the password', async () => {
		const password = wrongPassword();
		const missing = path.join(scratch, 'no-such-dir');
		await assertConfigError(['--client-dir', missing], `--client-dir: ${missing} does not exist`);
		const noEndpoints = clientDir('client-no-endpoints', {user: 'root', password});
		await assertConfigError(['--client-dir', noEndpoints], `--client-dir: ${noEndpoints} has no "endpoints" file`, {}, [password]);
		const noPassword = clientDir('client-no-password', {endpoints: authCluster.endpoints[0]!, user: 'root'});
		await assertConfigError(['--client-dir', noPassword], `--client-dir: ${noPassword} has a "user" file but no "password" file`);
		const noUser = clientDir('client-no-user', {endpoints: authCluster.endpoints[0]!, password});
		await assertConfigError(['--client-dir', noUser], `--client-dir: ${noUser} has a "password" file but no "user" file`, {}, [password]);
		const emptyPassword = clientDir('client-empty-password', {endpoints: authCluster.endpoints[0]!, user: 'root', password: '\n'});
		await assertConfigError(['--client-dir', emptyPassword], `--client-dir ${path.join(emptyPassword, 'password')} is empty`);
	});
});
