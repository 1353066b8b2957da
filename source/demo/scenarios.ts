import type {LocalCluster, LocalClusterOptions} from './local-cluster.ts';
import {allOf, pause, putEntries, quietFollower, repeat, trickle, type Running} from './scenario-steps.ts';
import {throttle} from './throttle.ts';

/** One state of the demo's cluster: what the README's pictures show, to be seen live. */
export interface DemoScenario {
	/** What `npm run demo -- --scenario NAME` takes. */
	readonly name: string;
	/** One line on what it shows, for --help and the README. */
	readonly description: string;
	readonly cluster: Required<Pick<LocalClusterOptions, 'voters' | 'learners'>>;
	/**
	 * Brings the cluster into the scenario once the example keys are written, before etcdeck opens; what
	 * it leaves running (writes, a hung member) the returned stop() ends, leaving every member running.
	 */
	setup(cluster: LocalCluster): Promise<Running>;
}

/** Puts the learner misses while stopped, each a raft entry to catch up on. */
const missed = {entries: 1500, valueBytes: 8000};

/** How long the slow member hangs, and runs between hangs: long enough for etcd's prober to call it unhealthy. */
const hang = {stoppedMs: 8000, runningMs: 12_000};

/** The member etcdeck is pointed at: never the one a scenario stops. */
function entryMember(cluster: LocalCluster) {
	return cluster.members[0]!;
}

/** The scenarios, the first the default: one table gives the demo its choices, --help and the README its list. */
export const demoScenarios: readonly DemoScenario[] = [
	{
		name: 'healthy',
		description: '3 voters and a learner in sync, a write every half second',
		cluster: {voters: 3, learners: 1},
		async setup(cluster) {
			return Promise.resolve(trickle(cluster, '/main/heartbeat', 500));
		},
	},
	{
		name: 'learner-catching-up',
		description: `the learner misses ${missed.entries.toLocaleString('en-US')} writes, then catches up held to a few % of a CPU while writes go on (Lag pane)`,
		cluster: {voters: 3, learners: 1},
		async setup(cluster) {
			const learner = cluster.members.find(member => member.isLearner)!;
			cluster.signal(learner.name, 'SIGSTOP');
			await putEntries(cluster, '/main/audit/', missed.entries, missed.valueBytes);

			// Resumed at full speed it would catch up between two refreshes; starved of CPU it takes a while.
			const slow = throttle(cluster, learner.name, {runMs: 6, pauseMs: 194});
			return allOf({stop: async () => slow.release()}, trickle(cluster, '/main/heartbeat', 200));
		},
	},
	{
		name: 'slow-member',
		description: `a follower hangs (SIGSTOP) ${hang.stoppedMs / 1000} s in every ${(hang.stoppedMs + hang.runningMs) / 1000} s under writes: peer warnings in Logs, Lag and Health`,
		cluster: {voters: 3, learners: 1},
		async setup(cluster) {
			const follower = await quietFollower(cluster, entryMember(cluster));
			const hangs = repeat(async signal => {
				cluster.signal(follower.name, 'SIGSTOP');
				try {
					await pause(hang.stoppedMs, signal);
				} finally {
					cluster.signal(follower.name, 'SIGCONT');
				}

				await pause(hang.runningMs, signal);
			});
			return allOf(trickle(cluster, '/main/heartbeat', 200), hangs);
		},
	},
	{
		name: 'quorum-lost',
		description: 'two of three voters killed: QUORUM LOST, reads STALE, writes refused; etcdeck reads the survivor',
		cluster: {voters: 3, learners: 0},
		async setup(cluster) {
			const survivor = entryMember(cluster);
			const victims = cluster.members.filter(member => !member.isLearner && member !== survivor);
			await Promise.all(victims.map(async member => cluster.kill(member.name)));
			return {
				async stop() {
					// Left as the scenario made it: the cluster is removed with the demo.
				},
			};
		},
	},
];

export function scenarioNamed(name: string): DemoScenario | undefined {
	return demoScenarios.find(scenario => scenario.name === name);
}

/** The README's list of scenarios (npm run readme). */
export function scenariosMarkdown(): string {
	return ['| scenario | what it shows |', '| --- | --- |', ...demoScenarios.map(scenario => `| \`${scenario.name}\` | ${scenario.description} |`)].join('\n');
}
