import {randomBytes} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import {KeyWriter} from '../cluster/key-writer.ts';
import type {LocalCluster, LocalMember} from './local-cluster.ts';

/** Something a scenario leaves running while etcdeck is open, ended when the demo ends. */
export interface Running {
	stop(): Promise<void>;
}

/**
 * Runs `step` again and again until stopped; `signal` aborts the waits inside a step, so stop() does
 * not wait out a pause. A step that fails ends the loop quietly: the demo's cluster is going away.
 */
export function repeat(step: (signal: AbortSignal) => Promise<void>): Running {
	const controller = new AbortController();
	const loop = (async () => {
		while (!controller.signal.aborted) {
			try {
				await step(controller.signal);
			} catch {
				return;
			}
		}
	})();
	return {
		async stop() {
			controller.abort();
			await loop;
		},
	};
}

/** Waits `ms`, or less when `signal` aborts (then it throws, which ends a {@link repeat} loop). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	await delay(ms, undefined, {signal});
}

/** A put every `everyMs` under `key`: a cluster in use, so commit and fsync latencies have samples. */
export function trickle(cluster: LocalCluster, key: string, everyMs: number): Running {
	const writer = new KeyWriter(cluster.voterEndpoints);
	let count = 0;
	const loop = repeat(async signal => {
		count++;
		await writer.put(key, `heartbeat ${count} at ${new Date().toISOString()}`);
		await pause(everyMs, signal);
	});
	return {
		async stop() {
			await loop.stop();
			writer.close();
		},
	};
}

/**
 * `count` separate puts of `valueBytes` of random text under `prefix`: each its own raft entry, so a
 * member that misses them is `count` entries behind (a transaction of many puts would be one entry).
 */
export async function putEntries(cluster: LocalCluster, prefix: string, count: number, valueBytes: number): Promise<void> {
	const writer = new KeyWriter(cluster.voterEndpoints);
	try {
		await writer.putMany(prefix, count, randomBytes(valueBytes).toString('base64').slice(0, valueBytes));
	} finally {
		writer.close();
	}
}

/** Stops everything given, last started first. */
export function allOf(...runs: Running[]): Running {
	return {
		async stop() {
			for (const run of [...runs].reverse()) {
				await run.stop();
			}
		},
	};
}

/** The voter that leads now, by `etcdctl endpoint status` (its fifth field says whether it leads). */
export async function leaderOf(cluster: LocalCluster): Promise<LocalMember> {
	const lines = (await cluster.etcdctl(['endpoint', 'status'], {endpoints: cluster.voterEndpoints})).trim().split('\n');
	const leading = lines.map(line => line.split(', ')).find(fields => fields[4] === 'true')?.[0];
	const leader = cluster.members.find(member => member.clientUrl === leading);
	if (leader === undefined) {
		throw new Error(`no voter says it leads:\n${lines.join('\n')}`);
	}

	return leader;
}

/** A voter that neither leads nor is `spare` (the member etcdeck is pointed at): hanging it costs no election. */
export async function quietFollower(cluster: LocalCluster, spare: LocalMember): Promise<LocalMember> {
	const leader = await leaderOf(cluster);
	const follower = cluster.members.find(member => !member.isLearner && member !== leader && member !== spare);
	if (follower === undefined) {
		throw new Error('no voter besides the leader and the member etcdeck reads');
	}

	return follower;
}
