import {describe, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {firstSuccess} from '../../source/cluster/first-success.ts';

interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}

/** Lets every pending promise callback run (setImmediate is not mocked). */
async function flush(): Promise<void> {
	for (let round = 0; round < 5; round++) {
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
}

/** A call whose answers the test controls per candidate; records who was asked, in order. */
function controlledCall(candidates: readonly string[]) {
	const pending = new Map(candidates.map(candidate => [candidate, deferred<string>()]));
	const asked: string[] = [];
	const call = async (candidate: string) => {
		asked.push(candidate);
		return pending.get(candidate)!.promise;
	};

	return {call, asked, answer: (candidate: string) => pending.get(candidate)!};
}

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>) {
	const state: {settled: boolean; value?: T; error?: unknown} = {settled: false};
	promise.then(
		value => {
			state.settled = true;
			state.value = value;
		},
		(error: unknown) => {
			state.settled = true;
			state.error = error;
		},
	);
	return state;
}

function fakeTimers(t: TestContext): void {
	t.mock.timers.enable({apis: ['setTimeout']});
}

void describe('firstSuccess', () => {
	void test('the first candidate that answers wins and the rest are never asked', async t => {
		fakeTimers(t);
		const candidates = ['a', 'b', 'c'];
		const {call, asked, answer} = controlledCall(candidates);
		const result = track(firstSuccess(candidates, call, 250));
		await flush();
		assert.deepEqual(asked, ['a']);
		answer('a').resolve('from a');
		await flush();
		assert.deepEqual(result.value, {candidate: 'a', value: 'from a'});
		// The hedge timer is cleared: time passing asks nobody else.
		t.mock.timers.tick(10_000);
		await flush();
		assert.deepEqual(asked, ['a']);
	});

	void test('a failure moves on to the next candidate at once, without waiting for the hedge', async t => {
		fakeTimers(t);
		const candidates = ['a', 'b', 'c'];
		const {call, asked, answer} = controlledCall(candidates);
		const result = track(firstSuccess(candidates, call, 250));
		answer('a').reject(new Error('refused'));
		await flush();
		assert.deepEqual(asked, ['a', 'b']);
		answer('b').resolve('from b');
		await flush();
		assert.deepEqual(result.value, {candidate: 'b', value: 'from b'});
		assert.deepEqual(asked, ['a', 'b']);
	});

	void test('a hung first candidate costs hedgeMs: the next one starts then, not before', async t => {
		fakeTimers(t);
		const candidates = ['hung', 'b'];
		const asked: string[] = [];
		const call = async (candidate: string) => {
			asked.push(candidate);
			return candidate === 'hung' ? new Promise<string>(() => undefined) : `from ${candidate}`;
		};

		const result = track(firstSuccess(candidates, call, 250));
		await flush();
		assert.deepEqual(asked, ['hung']);
		t.mock.timers.tick(249);
		await flush();
		assert.deepEqual(asked, ['hung']);
		assert.equal(result.settled, false);
		t.mock.timers.tick(1);
		await flush();
		assert.deepEqual(asked, ['hung', 'b']);
		assert.deepEqual(result.value, {candidate: 'b', value: 'from b'});
	});

	void test('hedging goes on down the list, one candidate per hedgeMs', async t => {
		fakeTimers(t);
		const candidates = ['a', 'b', 'c'];
		const {call, asked, answer} = controlledCall(candidates);
		const result = track(firstSuccess(candidates, call, 100));
		await flush();
		t.mock.timers.tick(100);
		await flush();
		assert.deepEqual(asked, ['a', 'b']);
		t.mock.timers.tick(100);
		await flush();
		assert.deepEqual(asked, ['a', 'b', 'c']);
		// The slow first candidate may still win the race.
		answer('a').resolve('late a');
		await flush();
		assert.deepEqual(result.value, {candidate: 'a', value: 'late a'});
		answer('c').resolve('c');
		await flush();
		assert.deepEqual(result.value, {candidate: 'a', value: 'late a'});
	});

	void test('when every candidate fails it rejects with an AggregateError naming them all', async t => {
		fakeTimers(t);
		const errors = new Map([
			['http://a:2379', new Error('refused a')],
			['http://b:2379', new Error('refused b')],
			['http://c:2379', new Error('refused c')],
		]);
		const call = async (candidate: string): Promise<string> => Promise.reject(errors.get(candidate)!);

		const error = await firstSuccess([...errors.keys()], call, 250).then(
			() => assert.fail('expected a rejection'),
			(reason: unknown) => reason,
		);
		assert.ok(error instanceof AggregateError);
		assert.equal(error.message, 'http://a:2379, http://b:2379, http://c:2379');
		assert.deepEqual(error.errors, [...errors.values()]);
	});

	void test('it waits for a hung candidate before giving up on the others', async t => {
		fakeTimers(t);
		const candidates = ['a', 'b'];
		const {call, answer} = controlledCall(candidates);
		const result = track(firstSuccess(candidates, call, 50));
		t.mock.timers.tick(50);
		await flush();
		answer('b').reject(new Error('b failed'));
		await flush();
		assert.equal(result.settled, false);
		answer('a').reject(new Error('a failed'));
		await flush();
		assert.ok(result.error instanceof AggregateError);
		assert.equal(result.error.message, 'b, a');
	});

	void test('an empty candidate list rejects at once', async () => {
		await assert.rejects(firstSuccess([], async () => Promise.resolve('never'), 250), (error: unknown) => {
			assert.ok(error instanceof AggregateError);
			assert.equal(error.message, 'no endpoint to ask');
			assert.deepEqual(error.errors, []);
			return true;
		});
	});
});
