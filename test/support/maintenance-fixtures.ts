import {Etcd3} from 'etcd3';
import {noop} from 'cockatiel';
import type {LocalCluster} from '../../source/demo/local-cluster.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from './etcd-json.ts';

/** A client to every member without etcd3's retries: a failure is a failure. */
export function strictClient(cluster: LocalCluster): Etcd3 {
	return new Etcd3({hosts: cluster.voterEndpoints, faultHandling: {host: () => noop, global: noop}, defaultCallOptions: () => ({deadline: Date.now() + 5000})});
}

/**
 * Leaves every member's DB mostly free pages once compacted: keys written over and over with large
 * values (the history fills the DB), half of them deleted. Returns the revision after the churn.
 */
export async function churn(client: Etcd3, {keys = 20, rounds = 10, valueBytes = 50_000, prefix = '/churn/'} = {}): Promise<number> {
	const value = 'x'.repeat(valueBytes);
	for (let round = 0; round < rounds; round++) {
		await Promise.all(Array.from({length: keys}, async (_, index) => client.put(`${prefix}${index}`).value(value)));
	}

	for (let index = 0; index < keys; index += 2) {
		await client.delete().key(`${prefix}${index}`);
	}

	return Number((await client.maintenance.status()).header.revision);
}

/** Every member's DB size by endpoint, as `etcdctl endpoint status` reports it. */
export async function dbSizes(cluster: LocalCluster): Promise<Map<string, number>> {
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await cluster.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: cluster.voterEndpoints}));
	return new Map(statuses.map(entry => [entry.Endpoint, entry.Status.dbSize]));
}

/** How many defragments a member has finished since it started, from its own /metrics. */
export async function defragCount(clientUrl: string): Promise<number> {
	const page = await (await fetch(`${clientUrl}/metrics`)).text();
	const line = page.split('\n').find(candidate => candidate.startsWith('etcd_disk_backend_defrag_duration_seconds_count'));
	if (line === undefined) {
		throw new Error(`${clientUrl}/metrics has no etcd_disk_backend_defrag_duration_seconds_count`);
	}

	return Number(line.split(' ')[1]);
}

/** Reads one key through every member, again and again, until stopped; counts what failed and why. */
export class ParallelReader {
	reads = 0;
	readonly failures: string[] = [];
	private running = true;
	private readonly loop: Promise<void>;

	constructor(private readonly client: Etcd3, key: string) {
		this.loop = this.run(key);
	}

	async stop(): Promise<{reads: number; failures: string[]}> {
		this.running = false;
		await this.loop;
		return {reads: this.reads, failures: this.failures};
	}

	private async run(key: string): Promise<void> {
		while (this.running) {
			try {
				await this.client.get(key).string();
				this.reads += 1;
			} catch (error) {
				this.failures.push(error instanceof Error ? error.message : String(error));
			}

			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}
	}
}
