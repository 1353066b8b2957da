import {test} from 'node:test';
import assert from 'node:assert/strict';
import {AuthSession, slowRenewMs, type SessionTransport} from '../../source/cluster/auth-session.ts';

const credentials = {username: 'root', password: 'pw-secret'};

/** A transport that hands out token-1, token-2… and records where each Authenticate went. */
function transport(options: {refuse?: Record<string, string>; leaderless?: string[]} = {}): SessionTransport & {sentTo: string[]} {
	const sentTo: string[] = [];
	return {
		sentTo,
		async authenticate(endpoint) {
			sentTo.push(endpoint);
			const refusal = options.refuse?.[endpoint];
			return refusal === undefined ? Promise.resolve(`token-${sentTo.length}`) : Promise.reject(new Error(refusal));
		},
		async hasLeader(endpoint) {
			return Promise.resolve(!(options.leaderless ?? []).includes(endpoint));
		},
	};
}

function clock(): {now: () => number; advance: (ms: number) => void} {
	let at = 1_000_000;
	return {now: () => at, advance: ms => {
		at += ms;
	}};
}

void test('calls made at once share one Authenticate, sent to a voter of the member list before the seeds', async () => {
	const network = transport();
	const session = new AuthSession(credentials, ['http://seed:2379'], network);
	session.preferVoters(['http://voter:2379']);
	const tokens = await Promise.all([session.token(), session.token(), session.token()]);
	assert.deepEqual(tokens, ['token-1', 'token-1', 'token-1']);
	assert.deepEqual(network.sentTo, ['http://voter:2379']);
	assert.equal(session.authentications, 1);
	assert.equal(await session.token(), 'token-1');
	assert.equal(session.authentications, 1);
});

void test('a learner refuses Authenticate: the next member is asked; a wrong password is not sent to another', async () => {
	const network = transport({refuse: {'http://learner:2379': 'etcdserver: rpc not supported for learner'}});
	const session = new AuthSession(credentials, ['http://learner:2379', 'http://voter:2379'], network);
	assert.equal(await session.token(), 'token-2');
	assert.deepEqual(network.sentTo, ['http://learner:2379', 'http://voter:2379']);

	const wrong = transport({refuse: {'http://a:2379': 'etcdserver: authentication failed, invalid user ID or password'}});
	const time = clock();
	const refused = new AuthSession(credentials, ['http://a:2379', 'http://b:2379'], wrong, time.now);
	await assert.rejects(refused.token(), /authentication failed/);
	// Not sent again at the next refresh either: the same answer, from memory.
	await assert.rejects(refused.token(), /authentication failed/);
	assert.deepEqual(wrong.sentTo, ['http://a:2379']);
	time.advance(slowRenewMs);
	await assert.rejects(refused.token(), /authentication failed/);
	assert.deepEqual(wrong.sentTo, ['http://a:2379', 'http://a:2379']);
});

void test('no Authenticate to a member that knows no leader: it would fail as a proposal', async () => {
	const network = transport({leaderless: ['http://a:2379', 'http://b:2379']});
	const session = new AuthSession(credentials, ['http://a:2379', 'http://b:2379'], network);
	await assert.rejects(session.token(), (error: unknown) => error instanceof AggregateError && error.errors.every(item => /no leader: not authenticating now/.test(String(item))));
	assert.deepEqual(network.sentTo, []);
	assert.equal(session.authentications, 0);
});

void test('a member that served the token and now rejects it forgot it: a new token, once for every client that saw it', async () => {
	const session = new AuthSession(credentials, ['http://a:2379'], transport());
	const first = await session.token();
	session.accepted(first, 'http://b:2379');
	assert.equal(session.rejected(first, 'http://b:2379'), 'renew');
	// Other clients that still held the old token: the renewal is under way, nothing more to do.
	assert.equal(session.rejected(first, 'http://c:2379'), 'renew');
	assert.equal(await session.token(), 'token-2');
	assert.equal(session.authentications, 2);
});

void test('a member that never served the token (not applied yet, catching up) is asked again; a new token at most every 30 s', async () => {
	const time = clock();
	const session = new AuthSession(credentials, ['http://a:2379'], transport(), time.now);
	const token = await session.token();
	assert.equal(session.rejected(token, 'http://learner:2379'), 'wait');
	time.advance(slowRenewMs - 1);
	assert.equal(session.rejected(token, 'http://learner:2379'), 'wait');
	assert.equal(await session.token(), token);
	time.advance(1);
	assert.equal(session.rejected(token, 'http://learner:2379'), 'renew');
	assert.equal(await session.token(), 'token-2');
});

void test('an auth store changed since the token was issued: a new token; the password and the token are secrets', async () => {
	const session = new AuthSession(credentials, ['http://a:2379'], transport());
	const token = await session.token();
	assert.deepEqual(session.secrets(), ['pw-secret', token]);
	session.outdated('some older token');
	assert.equal(await session.token(), token);
	session.outdated(token);
	assert.equal(await session.token(), 'token-2');
});
