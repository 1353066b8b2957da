import assert from 'node:assert/strict';
import {LocalCluster, type LocalClusterOptions, type LocalMember} from '../../source/demo/local-cluster.ts';
import {hex, parseEtcdJson, type EtcdctlEndpointStatus} from './etcd-json.ts';
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

/**
 * Makes `target` the leader (etcdctl move-leader, sent to the current leader) unless it leads already,
 * and waits until it says it leads; a test that kills "a follower" then knows which members keep going.
 */
export async function moveLeaderTo(etcd: LocalCluster, target: LocalMember, deadlineMs = 20_000): Promise<void> {
	const leader = await leaderOf(etcd);
	if (leader === target) {
		return;
	}

	const [own] = parseEtcdJson<EtcdctlEndpointStatus>(await etcd.etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints: [target.clientUrl]}));
	await etcd.etcdctl(['move-leader', hex(own!.Status.header.member_id)], {endpoints: [leader.clientUrl]});
	const deadline = Date.now() + deadlineMs;
	while (await leaderOf(etcd) !== target) {
		assert.ok(Date.now() < deadline, `${target.name} leads within ${deadlineMs} ms`);
		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}
}

/** The voters' names as etcdeck lists them: the leader first, then the others by name. */
export async function leaderFirstNames(etcd: LocalCluster): Promise<string> {
	const leader = await leaderOf(etcd);
	const others = etcd.members.filter(member => member !== leader && !member.isLearner).map(member => member.name).sort();
	return [leader.name, ...others].join(', ');
}

/**
 * A real cluster for the tests of a file with `keys` written and then authentication on (root and a
 * limited user, LocalCluster.enableAuth); stopped after them, also when writing or enabling fails.
 */
export function startAuthClusterForFile(options: LocalClusterOptions, keys: ReadonlyArray<readonly [string, string]>, startTimeoutMs = 120_000): () => LocalCluster {
	return startForFile('cluster', async () => {
		const started = await LocalCluster.start(options);
		try {
			await started.putKeys(keys);
			await started.enableAuth();
		} catch (error) {
			await started.stop();
			throw error;
		}

		return started;
	}, async started => started.stop(), startTimeoutMs);
}
