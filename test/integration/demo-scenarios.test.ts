import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {LocalCluster, type LocalMember} from '../../source/demo/local-cluster.ts';
import {scenarioNamed, type DemoScenario} from '../../source/demo/scenarios.ts';
import type {Running} from '../../source/demo/scenario-steps.ts';
import {waitFor} from '../../source/demo/wait-for.ts';

/** Whether a member's process is stopped by a signal (SIGSTOP): the state letter of /proc/PID/stat is T. */
function isStopped(member: LocalMember): boolean {
	const stat = readFileSync(`/proc/${member.process!.pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
}

/** Starts the scenario's cluster, brings it into the scenario, checks it; stops everything whatever happens. */
async function inScenario(name: string, check: (cluster: LocalCluster, scenario: DemoScenario, running: Running) => Promise<void>): Promise<void> {
	const scenario = scenarioNamed(name)!;
	const cluster = await LocalCluster.start(scenario.cluster);
	let running: Running | undefined;
	try {
		running = await scenario.setup(cluster);
		await check(cluster, scenario, running);
	} finally {
		await running?.stop();
		await cluster.stop();
	}
}

async function heartbeatCount(cluster: LocalCluster): Promise<number> {
	const value = await cluster.etcdctl(['get', '/main/heartbeat', '--print-value-only'], {endpoints: cluster.voterEndpoints});
	return Number(/^heartbeat (\d+) /.exec(value)?.[1] ?? 0);
}

test('healthy: every member answers and writes go on', {timeout: 120_000}, async () => {
	await inScenario('healthy', async cluster => {
		await waitFor('a second heartbeat write', async () => ((await heartbeatCount(cluster)) >= 2 ? true : undefined), {timeoutMs: 20_000, intervalMs: 200});
		// Health reads linearizably, which a learner refuses; status it answers.
		await cluster.etcdctl(['endpoint', 'health'], {endpoints: cluster.voterEndpoints});
		await cluster.etcdctl(['endpoint', 'status'], {endpoints: cluster.endpoints});
		assert.ok(cluster.members.every(member => !isStopped(member)));
	});
});

test('learner-catching-up: the learner is held back, then has every write it missed; stop() leaves it running', {timeout: 240_000}, async () => {
	await inScenario('learner-catching-up', async (cluster, _scenario, running) => {
		const learner = cluster.members.find(member => member.isLearner)!;
		await waitFor('the learner held stopped between its slices of CPU', () => (isStopped(learner) ? true : undefined), {timeoutMs: 10_000, intervalMs: 5});
		// The last of the puts it missed, read from the learner itself (serializable: a learner serves no linearizable read).
		await waitFor('the learner to catch up on the missed writes', async () => {
			const value = await cluster.etcdctl(['get', '/main/audit/001499', '--consistency=s', '--print-value-only'], {endpoints: [learner.clientUrl]}).catch(() => '');
			return value.trim() === '' ? undefined : true;
		}, {timeoutMs: 180_000, intervalMs: 1000});
		await running.stop();
		assert.equal(isStopped(learner), false, 'the learner runs once the scenario stopped');
	});
});

test('slow-member: a follower hangs and comes back, over and over; stop() leaves it running', {timeout: 120_000}, async () => {
	await inScenario('slow-member', async (cluster, _scenario, running) => {
		const voters = cluster.members.filter(member => !member.isLearner);
		const hung = await waitFor('a voter hung', () => voters.find(member => isStopped(member)), {timeoutMs: 20_000, intervalMs: 50});
		assert.notEqual(hung, cluster.members[0], 'never the member etcdeck reads');
		await waitFor(`${hung.name} to run again`, () => (isStopped(hung) ? undefined : true), {timeoutMs: 30_000, intervalMs: 50});
		await waitFor(`${hung.name} hung again`, () => (isStopped(hung) ? true : undefined), {timeoutMs: 30_000, intervalMs: 50});
		await running.stop();
		assert.ok(cluster.members.every(member => !isStopped(member)), 'every member runs once the scenario stopped');
		await waitFor('every voter healthy', async () => cluster.etcdctl(['endpoint', 'health'], {endpoints: cluster.voterEndpoints}).then(() => true, () => undefined), {timeoutMs: 30_000, intervalMs: 500});
	});
});

test('quorum-lost: two of three voters are down and the survivor refuses writes', {timeout: 120_000}, async () => {
	await inScenario('quorum-lost', async cluster => {
		const [survivor, ...others] = cluster.members;
		assert.ok(survivor!.process !== undefined);
		assert.deepEqual(others.map(member => member.process), [undefined, undefined]);
		await assert.rejects(cluster.etcdctl(['put', '/main/after-quorum', 'x'], {endpoints: [survivor!.clientUrl]}));
	});
});
