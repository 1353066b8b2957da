import {describe, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {ReadingPoller} from '../../source/cluster/reading-poller.ts';

const intervalMs = 1000;

/** Lets every pending promise callback run (setImmediate is not mocked). */
async function flush(): Promise<void> {
	for (let round = 0; round < 5; round++) {
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
}

/**
 * A reading source whose refreshes stay pending until the test settles them, and which records how
 * many ran at once.
 */
class ControlledSource {
	calls = 0;
	inFlight = 0;
	maxInFlight = 0;
	private readonly pending: Array<{resolve: (value: number) => void; reject: (error: unknown) => void}> = [];

	async refresh(): Promise<number> {
		this.calls++;
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			return await new Promise<number>((resolve, reject) => {
				this.pending.push({resolve, reject});
			});
		} finally {
			this.inFlight--;
		}
	}

	/** Answers the oldest pending refresh. */
	async succeed(value: number): Promise<void> {
		this.next().resolve(value);
		await flush();
	}

	async fail(error: unknown): Promise<void> {
		this.next().reject(error);
		await flush();
	}

	private next() {
		const first = this.pending.shift();
		assert.ok(first, 'a refresh is pending');
		return first;
	}
}

function setup(t: TestContext) {
	t.mock.timers.enable({apis: ['setTimeout']});
	const source = new ControlledSource();
	const readings: number[] = [];
	const errors: unknown[] = [];
	const poller = new ReadingPoller(source, intervalMs, reading => readings.push(reading), error => errors.push(error));
	t.after(() => {
		poller.stop();
	});
	const advance = async (ms: number) => {
		t.mock.timers.tick(ms);
		await flush();
	};

	return {source, readings, errors, poller, advance};
}

void describe('ReadingPoller', () => {
	void test('the first refresh runs after the start delay', async t => {
		const {source, poller, advance} = setup(t);
		poller.start(500);
		await advance(499);
		assert.equal(source.calls, 0);
		await advance(1);
		assert.equal(source.calls, 1);
	});

	void test('a slow refresh is never overlapped: the interval counts from its end', async t => {
		const {source, readings, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		assert.equal(source.calls, 1);
		await advance(intervalMs * 10);
		assert.equal(source.calls, 1, 'no refresh starts while one is running');
		await source.succeed(1);
		assert.deepEqual(readings, [1]);
		await advance(intervalMs - 1);
		assert.equal(source.calls, 1);
		await advance(1);
		assert.equal(source.calls, 2);
		await source.succeed(2);
		await advance(intervalMs);
		assert.equal(source.calls, 3);
		assert.deepEqual(readings, [1, 2]);
		assert.equal(source.maxInFlight, 1);
	});

	void test('refreshNow during a refresh queues exactly one more, run as soon as it ends', async t => {
		const {source, readings, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		poller.refreshNow();
		poller.refreshNow();
		poller.refreshNow();
		await flush();
		assert.equal(source.calls, 1);
		await source.succeed(1);
		assert.equal(source.calls, 2, 'the queued refresh starts without waiting for the interval');
		await source.succeed(2);
		assert.equal(source.calls, 2, 'only one was queued');
		await advance(intervalMs - 1);
		assert.equal(source.calls, 2);
		await advance(1);
		assert.equal(source.calls, 3);
		assert.deepEqual(readings, [1, 2]);
		assert.equal(source.maxInFlight, 1);
	});

	void test('refreshNow while idle refreshes at once and restarts the interval', async t => {
		const {source, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		await source.succeed(1);
		await advance(400);
		poller.refreshNow();
		await flush();
		assert.equal(source.calls, 2);
		await source.succeed(2);
		await advance(intervalMs - 1);
		assert.equal(source.calls, 2, 'the timer from before refreshNow was cleared');
		await advance(1);
		assert.equal(source.calls, 3);
	});

	void test('stop() while idle stops polling, and refreshNow afterwards does nothing', async t => {
		const {source, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		await source.succeed(1);
		poller.stop();
		await advance(intervalMs * 10);
		poller.refreshNow();
		await flush();
		assert.equal(source.calls, 1);
	});

	void test('stop() during a refresh drops its reading, its queued refresh and all later ones', async t => {
		const {source, readings, errors, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		poller.refreshNow();
		poller.stop();
		await source.succeed(1);
		await advance(intervalMs * 10);
		assert.equal(source.calls, 1);
		assert.deepEqual(readings, []);
		assert.deepEqual(errors, []);
	});

	void test('stop() then start() during a refresh never doubles the polling', async t => {
		const {source, readings, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		poller.stop();
		poller.start();
		await advance(0);
		assert.equal(source.maxInFlight, 1, 'the restart waits for the refresh in flight');
		await source.succeed(1);
		assert.deepEqual(readings, [], 'the refresh from before the restart is dropped');
		assert.equal(source.calls, 2, 'the restart refreshes right after the old one ends');
		await source.succeed(2);
		assert.deepEqual(readings, [2]);
		for (let round = 3; round < 8; round++) {
			await advance(intervalMs);
			await source.succeed(round);
		}

		assert.equal(source.calls, 7, 'one refresh per interval, not two');
		assert.equal(source.maxInFlight, 1);
	});

	void test('a failed refresh goes to onError and polling goes on', async t => {
		const {source, readings, errors, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		const failure = new Error('14 UNAVAILABLE');
		await source.fail(failure);
		assert.deepEqual(errors, [failure]);
		assert.deepEqual(readings, []);
		await advance(intervalMs);
		assert.equal(source.calls, 2);
		await source.succeed(7);
		assert.deepEqual(readings, [7]);
		assert.deepEqual(errors, [failure]);
	});

	void test('a queued refresh still runs after a failed one', async t => {
		const {source, errors, poller, advance} = setup(t);
		poller.start();
		await advance(0);
		poller.refreshNow();
		await source.fail(new Error('boom'));
		assert.equal(errors.length, 1);
		assert.equal(source.calls, 2);
	});

	void test('without onError a failure is swallowed and polling goes on', async t => {
		t.mock.timers.enable({apis: ['setTimeout']});
		const source = new ControlledSource();
		const poller = new ReadingPoller(source, intervalMs, () => undefined);
		t.after(() => {
			poller.stop();
		});
		poller.start();
		t.mock.timers.tick(0);
		await flush();
		await source.fail(new Error('boom'));
		t.mock.timers.tick(intervalMs);
		await flush();
		assert.equal(source.calls, 2);
	});
});
