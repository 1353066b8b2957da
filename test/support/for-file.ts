import {after, before} from 'node:test';

/**
 * Something real (a cluster, a terminal) started before the tests of a file and stopped after them.
 * The getter throws when used before start-up, so a test can never run against a missing one by accident.
 *
 * `after` stops it whatever happened to `before`: when the start outlives the hook's timeout, the hook
 * fails but the start goes on, so `after` waits for it to settle and stops what it brought up. (A start
 * that throws cleans up after itself: LocalCluster.start and TmuxTerminal.start stop what they spawned.)
 */
export function startForFile<T>(what: string, start: () => Promise<T>, stop: (started: T) => Promise<void>, startTimeoutMs?: number): () => T {
	let started: T | undefined;
	let starting: Promise<T | undefined> | undefined;
	before(async () => {
		const attempt = start();
		starting = attempt.catch(() => undefined);
		started = await attempt;
	}, startTimeoutMs === undefined ? {} : {timeout: startTimeoutMs});
	after(async () => {
		const settled = started ?? await starting;
		if (settled !== undefined) {
			await stop(settled);
		}
	});
	return () => {
		if (started === undefined) {
			throw new Error(`the test ${what} has not started`);
		}

		return started;
	};
}
