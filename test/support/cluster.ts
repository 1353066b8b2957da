import assert from 'node:assert/strict';
import {LocalCluster, type LocalClusterOptions, type LocalMember} from '../../source/demo/local-cluster.ts';
import {parseEtcdJson, type EtcdctlEndpointStatus} from './etcd-json.ts';
import {startForFile} from './for-file.ts';

/** A real etcd cluster started before the tests of a file and stopped after them. */
export function startClusterForFile(options: LocalClusterOptions = {}): () => LocalCluster {
	return startForFile('cluster', async () => LocalCluster.start(options), async cluster => cluster.stop(), 90_000);
}

/** The member that leads, by `etcdctl endpoint status` of the members that run. */
export async function leaderOf(etcd: LocalCluster): Promise<LocalMember> {
	const running = etcd.members.filter(member => member.process !== undefined).map(member => member.clientUrl);
	const statuses = parseEtcdJson<EtcdctlEndpointStatus>(await etcd.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: running}));
	const leading = statuses.find(entry => entry.Status.leader === entry.Status.header.member_id);
	assert.ok(leading, 'a running member says it leads');
	return etcd.members.find(member => member.clientUrl === leading.Endpoint)!;
}
