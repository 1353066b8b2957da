import {after, before} from 'node:test';
import {LocalCluster, type LocalClusterOptions} from '../../source/demo/local-cluster.ts';

/**
 * Starts a real etcd cluster before the tests of a file and stops it after them. The getter throws
 * when used before start-up, so a test can never run against a missing cluster by accident.
 */
export function startClusterForFile(options: LocalClusterOptions = {}): () => LocalCluster {
	let cluster: LocalCluster | undefined;
	before(async () => {
		cluster = await LocalCluster.start(options);
	}, {timeout: 90_000});
	after(async () => {
		await cluster?.stop();
	});
	return () => {
		if (cluster === undefined) {
			throw new Error('the test cluster has not started');
		}

		return cluster;
	};
}
