import {after, before} from 'node:test';

/**
 * Something real (a cluster, a terminal) started before the tests of a file and stopped after them.
 * The getter throws when used before start-up, so a test can never run against a missing one by accident.
 */
export function startForFile<T>(what: string, start: () => Promise<T>, stop: (started: T) => Promise<void>, startTimeoutMs?: number): () => T {
	let started: T | undefined;
	before(async () => {
		started = await start();
	}, startTimeoutMs === undefined ? {} : {timeout: startTimeoutMs});
	after(async () => {
		if (started !== undefined) {
			await stop(started);
		}
	});
	return () => {
		if (started === undefined) {
			throw new Error(`the test ${what} has not started`);
		}

		return started;
	};
}
