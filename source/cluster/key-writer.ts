import {Etcd3} from 'etcd3';

/**
 * Puts keys for a cluster in use (the demo's scenarios): every put is its own raft entry, so a member
 * that misses them is as many entries behind. Plain http only: it is for the throwaway local cluster.
 */
export class KeyWriter {
	private readonly client: Etcd3;

	constructor(endpoints: readonly string[]) {
		this.client = new Etcd3({hosts: [...endpoints]});
	}

	async put(key: string, value: string): Promise<void> {
		await this.client.put(key).value(value);
	}

	/** `count` puts of `value` under `prefix` (prefix000000, prefix000001, …), `inFlight` at a time. */
	async putMany(prefix: string, count: number, value: string, inFlight = 16): Promise<void> {
		let next = 0;
		await Promise.all(Array.from({length: inFlight}, async () => {
			while (next < count) {
				const index = next++;
				await this.put(`${prefix}${String(index).padStart(6, '0')}`, value);
			}
		}));
	}

	close(): void {
		this.client.close();
	}
}
