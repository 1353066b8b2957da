import {setTimeout as delay} from 'node:timers/promises';
import type {LocalCluster} from './local-cluster.ts';

export interface Throttle {
	/** Stops the cycle and leaves the member running. */
	release(): Promise<void>;
}

/**
 * Holds a member to a small share of the CPU the way cpulimit does, SIGCONT then SIGSTOP in turn:
 * a member that is merely behind catches up in a blink on one machine, and a starved one shows how
 * the dashboard follows a slow catch-up.
 */
export function throttle(cluster: LocalCluster, name: string, {runMs, pauseMs}: {runMs: number; pauseMs: number}): Throttle {
	let running = true;
	const cycle = (async () => {
		while (running) {
			cluster.signal(name, 'SIGCONT');
			await delay(runMs);
			if (!running) {
				break;
			}

			cluster.signal(name, 'SIGSTOP');
			await delay(pauseMs);
		}

		cluster.signal(name, 'SIGCONT');
	})();
	return {
		async release() {
			running = false;
			await cycle;
		},
	};
}
