import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {describeError, redact} from '../../source/cluster/describe-error.ts';

const timeoutMs = 1500;
const explain = (message: string, secrets: string[] = []) => describeError(new Error(message), timeoutMs, secrets);

void describe('describeError', () => {
	void test('a refused connection (grpc UNAVAILABLE) says so, not "no connection established"', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1'),
			'connection refused: is etcd running and listening on this address?',
		);
	});

	void test('any other failure to connect keeps grpc\'s detail, without the status prefix', () => {
		assert.equal(
			explain('14 UNAVAILABLE: No connection established. Last error: Error: socket hang up'),
			'cannot connect (No connection established. Last error: Error: socket hang up)',
		);
	});

	void test('a deadline names the --timeout in force', () => {
		assert.equal(explain('4 DEADLINE_EXCEEDED: Deadline exceeded'), 'no answer within 1500 ms (--timeout)');
		assert.equal(describeError(new Error('deadline exceeded after 2000ms'), 2000), 'no answer within 2000 ms (--timeout)');
	});

	void test('authentication failures', () => {
		assert.equal(explain('etcdserver: authentication failed, invalid user ID or password'), 'authentication failed: wrong user name or password');
		assert.equal(explain('3 INVALID_ARGUMENT: etcdserver: authentication failed, invalid user ID or password'), 'authentication failed: wrong user name or password');
		assert.equal(explain('etcdserver: user name is empty'), 'authentication is enabled on this cluster: pass --user NAME[:PASSWORD]');
		assert.equal(explain('etcdserver: user name not found'), 'authentication is enabled on this cluster: pass --user NAME[:PASSWORD]');
		assert.equal(explain('9 FAILED_PRECONDITION: etcdserver: authentication is not enabled'), '--user was given but authentication is not enabled on this cluster');
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

	void test('TLS problems point at the flag to fix', () => {
		assert.equal(explain('14 UNAVAILABLE: self-signed certificate in certificate chain'), 'TLS: the server\'s certificate is not trusted (self-signed certificate in certificate chain); check --cacert');
		assert.match(explain('14 UNAVAILABLE: No connection established. Last error: unable to verify the first certificate'), /^TLS: the server's certificate is not trusted .*; check --cacert$/);
		assert.match(explain('14 UNAVAILABLE: No connection established. Last error: write EPROTO 0080:error:0A00010B:SSL routines::wrong version number'), /^TLS mismatch/);
		assert.match(explain('14 UNAVAILABLE: alert bad certificate'), /pass --cert and --key$/);
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

	void test('secrets are masked wherever the message repeats them', () => {
		const secret = 'hunter2-pw';
		const described = explain(`14 UNAVAILABLE: self-signed certificate for ${secret}`, [secret]);
		assert.ok(!described.includes(secret), described);
		assert.match(described, /self-signed certificate for \*\*\*/);
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
