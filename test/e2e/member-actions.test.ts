import {test} from 'node:test';
import assert from 'node:assert/strict';
import {waitFor} from '../../source/demo/wait-for.ts';
import {hex, parseEtcdJson} from '../support/etcd-json.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {selectRow} from '../support/etcdeck-in-terminal.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});
const terminal = startTerminalForFile({columns: 100, rows: 30});


interface StatusJson {
	Endpoint: string;
	Status: {leader: string | number};
}

/** The hex ID of the leader, as every voter's `etcdctl endpoint status` reports it. */
async function leaderByEtcdctl(endpoints: string[]): Promise<string> {
	const statuses = parseEtcdJson<StatusJson[]>(await cluster().etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints}));
	const leaders = new Set(statuses.map(status => hex(status.Status.leader)));
	assert.equal(leaders.size, 1, `the voters agree on one leader: ${[...leaders].join(', ')}`);
	return [...leaders][0]!;
}

void test('promote the learner, then move leadership to it, by keystrokes in a real terminal', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screenTerminal = terminal();
	const learner = etcd.members.find(member => member.isLearner)!;
	await screenTerminal.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500; echo "etcdeck exited with $?"`);
	await screenTerminal.press(chordFor('lag'));
	await screenTerminal.waitForScreen(`${learner.name} ready to promote`, screen => screen.split('\n').some(line => line.includes(` ${learner.name} `) && /\bready\b/.test(line) && !line.includes('ready if')));

	await selectRow(screenTerminal, learner.name);
	await screenTerminal.press(chordFor('promote'));
	await screenTerminal.waitForScreen('the promote confirmation', screen => screen.includes('member promote'));
	await screenTerminal.press(chordFor('confirm', 'confirm'));
	await screenTerminal.waitForScreen('the promotion to succeed', screen => screen.includes(`${learner.name} (`) && screen.includes('promoted to voter'));
	const members = await etcd.etcdctl(['member', 'list']);
	assert.match(members.split('\n').find(line => line.includes(`, ${learner.name}, `)) ?? '', /, false$/, `etcdctl member list shows ${learner.name} as a voter:\n${members}`);

	const learnerId = (await etcd.etcdctl(['member', 'list'])).split('\n').find(line => line.includes(`, ${learner.name}, `))!.split(',')[0]!;
	// The header's counts follow the next refresh; then move leadership to the new voter.
	await screenTerminal.waitForScreen('four voters in the header', screen => screen.includes('voters 4'));
	await screenTerminal.press(chordFor('move-leader'));
	await screenTerminal.waitForScreen('the move-leader confirmation', screen => screen.includes(`move-leader ${learnerId}`));
	await screenTerminal.press(chordFor('confirm', 'confirm'));
	await screenTerminal.waitForScreen('the transfer in the header', screen => new RegExp(`Leadership transferred from \\S+ to ${learner.name}`).test(screen));
	await waitFor('etcdctl to report the new leader', async () => ((await leaderByEtcdctl(etcd.endpoints)) === learnerId ? true : undefined), {timeoutMs: 10_000});
	await screenTerminal.waitForScreen('the header to name the new leader', screen => screen.includes(`leader ${learner.name}`));

	await screenTerminal.press(chordFor('quit'));
	await screenTerminal.waitForScreen('etcdeck to exit', screen => screen.includes('etcdeck exited with 0'));
});
