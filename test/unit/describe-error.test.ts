import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {DiagnosedError, describeConnectionError, describeError, redact, type ErrorContext} from '../../source/cluster/describe-error.ts';

const timeoutMs = 1500;
const explain = (message: string, secrets: string[] = [], context: ErrorContext = {}) => describeError(new Error(message), timeoutMs, secrets, context);

void describe('describeError', () => {
	void test('a refused connection (grpc UNAVAILABLE) says so, not "no connection established"', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1'),
			'connection refused: is etcd running and listening on this address?',
		);
	});

	void test('any other failure to connect keeps grpc\'s detail, without the status prefix', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: Error: socket hang up. Resolution note: '),
			'cannot connect (socket hang up)',
		);
	});

	void test('a connection that closes without a reason points at the URL and its scheme', () => {
		const expected = 'the connection closed before etcd answered: is this an etcd client URL, and is http:// or https:// right?';
		assert.equal(explain('14 UNAVAILABLE: No connection established. Last error: Failed to connect (2026-11-23T13:54:30.156Z). Resolution note: '), expected);
		assert.equal(explain('14 UNAVAILABLE: No connection established. Last error: null. Resolution note: '), expected);
	});

	void test('a deadline names the --timeout in force', () => {
		assert.equal(explain('4 DEADLINE_EXCEEDED: Deadline exceeded'), 'no answer within 1500 ms (--timeout)');
		assert.equal(describeError(new Error('deadline exceeded after 2000ms'), 2000), 'no answer within 2000 ms (--timeout)');
	});

	void test('authentication failures', () => {
		assert.equal(explain('etcdserver: authentication failed, invalid user ID or password'), 'authentication failed: wrong user name or password');
		assert.equal(explain('3 INVALID_ARGUMENT: etcdserver: authentication failed, invalid user ID or password'), 'authentication failed: wrong user name or password');
		assert.equal(explain('3 INVALID_ARGUMENT: etcdserver: user name is empty'), 'this cluster has authentication enabled: pass --user NAME[:PASSWORD] (or set ETCDCTL_USER)');
		assert.equal(explain('etcdserver: user name not found'), 'authentication failed: etcd has no user by that name');
		assert.equal(explain('9 FAILED_PRECONDITION: etcdserver: authentication is not enabled'), 'a user was given (--user, ETCDCTL_USER or --client-dir) but this cluster has authentication disabled: leave the user out');
		assert.equal(explain('7 PERMISSION_DENIED: etcdserver: permission denied'), 'permission denied: the user\'s roles do not allow this request');
	});

	void test('a learner refusing a request', () => {
		assert.equal(explain('etcdserver: rpc not supported for learner'), 'a learner does not serve this request (ask a voter)');
	});

	void test('name resolution and routing', () => {
		assert.equal(explain('14 UNAVAILABLE: Name resolution failed for target dns:nohost:2379: getaddrinfo ENOTFOUND nohost'), 'host name not found');
		assert.equal(explain('connect EHOSTUNREACH 10.9.9.9:2379'), 'host unreachable');
		assert.equal(explain('14 UNAVAILABLE: Connection dropped'), 'connection lost while waiting for the answer: the member went away');
	});

	void test('an untrusted server certificate names --cacert, given or not', () => {
		const unverified = '14 UNAVAILABLE: No connection established. Last error: Error: unable to verify the first certificate. Resolution note: ';
		assert.equal(explain(unverified), 'TLS: the server\'s certificate is not signed by a CA this system trusts: pass --cacert with the cluster\'s CA (unable to verify the first certificate)');
		assert.equal(explain(unverified, [], {cacert: true}), 'TLS: the server\'s certificate is not signed by the --cacert CA (unable to verify the first certificate)');
		assert.equal(explain('14 UNAVAILABLE: self-signed certificate in certificate chain', [], {cacert: true}), 'TLS: the server\'s certificate is not signed by the --cacert CA (self-signed certificate in certificate chain)');
	});

	void test('a certificate for another address, or out of date', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate\'s altnames: Host: localhost. is not cert\'s CN: server. Resolution note: '),
			'TLS: the server\'s certificate is not for this address: use an endpoint address it names (Hostname/IP does not match certificate\'s altnames: Host: localhost. is not cert\'s CN: server)',
		);
		assert.equal(explain('14 UNAVAILABLE: No connection established. Last error: Error: certificate has expired. Resolution note: '), 'TLS: the server\'s certificate is outside its validity period (certificate has expired)');
	});

	void test('a client certificate missing or refused, with OpenSSL\'s noise reduced to the alert', () => {
		const alert = '14 UNAVAILABLE: No connection established. Last error: 80ACE7B1CE7F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n (2026-11-23T13:52:40.963Z). Resolution note: ';
		assert.equal(explain(alert), 'TLS: the server requires a client certificate: pass --cert and --key (TLS alert: bad certificate)');
		assert.equal(explain(alert, [], {clientCert: true}), 'TLS: the server refused the client certificate (--cert): is it signed by a CA the server trusts, and valid? (TLS alert: bad certificate)');
	});

	void test('etcd 3.5.30 (a newer Go) sends other alerts for the same two mistakes; the advice is the same', () => {
		// Recorded from etcd 3.5.30 with --client-cert-auth: no client certificate, then one from another CA.
		const missing = '14 UNAVAILABLE: No connection established. Last error: 801CA798467F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n (2026-12-01T23:59:45.231Z). Resolution note: ';
		const stranger = '14 UNAVAILABLE: No connection established. Last error: 801CA798467F0000:error:0A000418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 48\n (2026-12-01T23:59:45.254Z). Resolution note: ';
		assert.equal(explain(missing), 'TLS: the server requires a client certificate: pass --cert and --key (TLS alert: certificate required)');
		assert.equal(explain(stranger, [], {clientCert: true}), 'TLS: the server refused the client certificate (--cert): is it signed by a CA the server trusts, and valid? (TLS alert: unknown ca)');
	});

	void test('an https endpoint that does not speak TLS', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: Error: Client network socket disconnected before secure TLS connection was established. Resolution note: '),
			'TLS handshake failed: this endpoint does not seem to speak TLS; if so, use http:// (Client network socket disconnected before secure TLS connection was established)',
		);
		assert.match(explain('14 UNAVAILABLE: No connection established. Last error: write EPROTO 0080:error:0A00010B:SSL routines::wrong version number'), /^TLS handshake failed: this endpoint does not seem to speak TLS/);
	});

	void test('a diagnosis made after the failure is passed on as it is, masked', () => {
		assert.equal(describeError(new DiagnosedError('this endpoint speaks TLS: use https://127.0.0.1:2379 (with --cacert)'), timeoutMs), 'this endpoint speaks TLS: use https://127.0.0.1:2379 (with --cacert)');
		assert.equal(describeError(new DiagnosedError('odd pw1'), timeoutMs, ['pw1']), 'odd ***');
	});

	void test('from connection settings: the deadline, the password and which TLS files were given', () => {
		const settings = {endpoints: ['https://127.0.0.1:2379'], timeoutMs: 700, auth: {username: 'root', password: 'pw-XyZ'}, tls: {ca: Buffer.from('ca')}};
		assert.equal(describeConnectionError(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), settings), 'no answer within 700 ms (--timeout)');
		assert.match(describeConnectionError(new Error('unable to verify the first certificate'), settings), /not signed by the --cacert CA/);
		assert.equal(describeConnectionError(new Error('2 UNKNOWN: strange pw-XyZ'), settings), 'strange ***');
	});

	void test('unknown messages pass through without the grpc status prefix', () => {
		assert.equal(explain('2 UNKNOWN: etcdserver: mvcc: database space exceeded'), 'etcdserver: mvcc: database space exceeded');
		assert.equal(explain('something odd'), 'something odd');
	});

	void test('non-Error values and empty messages', () => {
		assert.equal(describeError('connect ECONNREFUSED 10.0.0.1:2379', timeoutMs), 'connection refused: is etcd running and listening on this address?');
		assert.equal(describeError(42, timeoutMs), '42');
		assert.equal(describeError(new Error(''), timeoutMs), 'unknown error');
		assert.equal(describeError(new Error('13 INTERNAL: '), timeoutMs), 'unknown error');
	});

	void test('a password that is also a word of the explanation does not mangle it', () => {
		assert.equal(explain('etcdserver: authentication failed, invalid user ID or password', ['wrong']), 'authentication failed: wrong user name or password');
	});

	void test('secrets are masked wherever the message repeats them', () => {
		const secret = 'hunter2-pw';
		const described = explain(`14 UNAVAILABLE: self-signed certificate for ${secret}`, [secret]);
		assert.ok(!described.includes(secret), described);
		assert.match(described, /\(self-signed certificate for \*\*\*\)$/);
		assert.equal(explain(`etcdserver: weird failure with ${secret} and ${secret} again`, [secret]), 'etcdserver: weird failure with *** and *** again');
	});
});

void describe('redact', () => {
	void test('masks every occurrence of every secret', () => {
		assert.equal(redact('user alice pw p4ss, again p4ss; token T0K', ['p4ss', 'T0K']), 'user alice pw ***, again ***; token ***');
	});

	void test('secrets with regex characters are masked literally', () => {
		assert.equal(redact('pw is a.b*c(d) and abbbc', ['a.b*c(d)']), 'pw is *** and abbbc');
	});

	void test('empty secrets and no secrets leave the text alone', () => {
		assert.equal(redact('nothing to hide', ['']), 'nothing to hide');
		assert.equal(redact('nothing to hide', []), 'nothing to hide');
	});
});
