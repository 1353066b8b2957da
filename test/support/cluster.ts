import {after, before} from 'node:test';
import assert from 'node:assert/strict';
import {LocalCluster, type LocalClusterOptions, type LocalMember} from '../../source/demo/local-cluster.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from './etcd-json.ts';

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

/** The member that leads, by `etcdctl endpoint status` of the members that run. */
export async function leaderOf(etcd: LocalCluster): Promise<LocalMember> {
	const running = etcd.members.filter(member => member.process !== undefined).map(member => member.clientUrl);
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await etcd.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: running}));
	const leading = statuses.find(entry => entry.Status.leader === entry.Status.header.member_id);
	assert.ok(leading, 'a running member says it leads');
	return etcd.members.find(member => member.clientUrl === leading.Endpoint)!;
}
