import {randomBytes} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import {Etcd3} from 'etcd3';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';

/**
 * Report-sized values under /main/reports/: enough data that a snapshot streams for a while. The
 * text is random, so the database is as big as it looks.
 */
export function reportKeys(count: number, valueBytes: number): Array<[string, string]> {
	return Array.from({length: count}, (_, index) => [
		`/main/reports/daily/${String(index).padStart(6, '0')}`,
		randomBytes(Math.ceil(valueBytes * 0.75)).toString('base64').slice(0, valueBytes),
	]);
}

/**
 * `count` separate puts of `valueBytes` each, some in flight at once: each is its own raft entry, so a
 * member that misses them is `count` entries behind (a transaction of many puts would be one entry).
 */
export async function writeEntries(cluster: LocalCluster, prefix: string, count: number, valueBytes: number, inFlight = 16): Promise<void> {
	const client = new Etcd3({hosts: cluster.voterEndpoints});
	const value = randomBytes(valueBytes).toString('base64').slice(0, valueBytes);
	try {
		let next = 0;
		await Promise.all(Array.from({length: inFlight}, async () => {
			while (next < count) {
				const index = next++;
				await client.put(`${prefix}${String(index).padStart(6, '0')}`).value(value);
			}
		}));
	} finally {
		client.close();
	}
}

export interface Trickle {
	stop(): Promise<void>;
}

/** A put every `everyMs` until stopped: a cluster in use, so commit latencies have samples to show. */
export function trickle(cluster: LocalCluster, key: string, everyMs: number): Trickle {
	const client = new Etcd3({hosts: cluster.voterEndpoints});
	let running = true;
	const loop = (async () => {
		for (let count = 1; running; count++) {
			await client.put(key).value(`heartbeat ${count}`);
			await delay(everyMs);
		}
	})();
	return {
		async stop() {
			running = false;
			try {
				await loop;
			} finally {
				client.close();
			}
		},
	};
}
