import {test} from 'node:test';
import assert from 'node:assert/strict';
import {waitFor} from '../../source/demo/wait-for.ts';
import {hex, parseEtcdJson} from '../support/etcd-json.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});
const terminal = startTerminalForFile({columns: 100, rows: 30});

interface StatusJson {
	Status: {leader: string | number};
}

async function leaderByEtcdctl(endpoints: string[]): Promise<string> {
	const statuses = parseEtcdJson<StatusJson[]>(await cluster().etcdctl(['endpoint', 'status', '-w', 'json'], {endpoints}));
	const leaders = new Set(statuses.map(status => hex(status.Status.leader)));
	return leaders.size === 1 ? [...leaders][0]! : 'none agreed';
}

void test('the : line in a real terminal: a bad member is named, :promote and :move-leader act on the member named, from any pane', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screenTerminal = terminal();
	const learner = etcd.members.find(member => member.isLearner)!;
	await screenTerminal.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500; echo "etcdeck exited with $?"`);
	await screenTerminal.waitForScreen('the first reading', screen => screen.includes('refreshed '));
	const lastLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

	// A member that does not exist: the status line names it and lists the members.
	await screenTerminal.press(chordFor('command-line'));
	await screenTerminal.type('promote etcd-nope');
	await screenTerminal.waitForScreen('the bad member named', screen => screen.includes('no member named etcd-nope; members: ') && screen.includes(learner.name));

	// Wait until the learner is ready (the Lag pane says so), then promote it from the Health pane by name, completed with Tab.
	await screenTerminal.press(chordFor('lag'));
	await screenTerminal.waitForScreen(`${learner.name} ready to promote`, screen => screen.split('\n').some(line => line.includes(` ${learner.name} `) && /\bready\b/.test(line) && !line.includes('ready if')), 60_000);
	await screenTerminal.press(chordFor('health'));
	await screenTerminal.press(chordFor('command-line'));
	await screenTerminal.type('prom');
	// type() ends with Enter: the line ran ":prom"; it is in the history. Type it again with Tab.
	await screenTerminal.waitForScreen('the unknown command explained', screen => screen.includes('no command :prom'));
	await screenTerminal.press(chordFor('command-line'));
	for (const character of 'prom') {
		await screenTerminal.press({input: character});
	}

	await screenTerminal.press(chordFor('command-complete', 'command-line'));
	await screenTerminal.waitForScreen('the name completed', screen => lastLine(screen).startsWith(':promote '));
	for (const character of learner.name) {
		await screenTerminal.press({input: character});
	}

	await screenTerminal.press(chordFor('command-run', 'command-line'));
	await screenTerminal.waitForScreen('the promote confirmation', screen => screen.includes('member promote'));
	await screenTerminal.press(chordFor('confirm', 'confirm'));
	await screenTerminal.waitForScreen('the promotion to succeed', screen => screen.includes('promoted to voter'));
	const listed = await etcd.etcdctl(['member', 'list']);
	const learnerLine = listed.split('\n').find(line => line.includes(`, ${learner.name}, `)) ?? '';
	assert.match(learnerLine, /, false$/, `etcdctl member list shows ${learner.name} as a voter:\n${listed}`);
	const learnerId = learnerLine.split(',')[0]!;

	// Move leadership to it by its hex ID, still from the Health pane.
	await screenTerminal.waitForScreen('four voters in the header', screen => screen.includes('voters 4'));
	await screenTerminal.press(chordFor('command-line'));
	await screenTerminal.type(`move-leader ${learnerId}`);
	await screenTerminal.waitForScreen('the move-leader confirmation', screen => screen.includes(`move-leader ${learnerId}`));
	await screenTerminal.press(chordFor('confirm', 'confirm'));
	await screenTerminal.waitForScreen('the transfer in the header', screen => new RegExp(`Leadership transferred from \\S+ to ${learner.name}`).test(screen));
	await waitFor('etcdctl to report the new leader', async () => ((await leaderByEtcdctl(etcd.endpoints)) === learnerId ? true : undefined), {timeoutMs: 15_000});

	await screenTerminal.press(chordFor('command-line'));
	await screenTerminal.type('q');
	await screenTerminal.waitForScreen('etcdeck to exit', screen => screen.includes('etcdeck exited with 0'));
});
