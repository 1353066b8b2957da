import {test} from 'node:test';
import assert from 'node:assert/strict';
import {waitFor} from '../../source/demo/wait-for.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {endpointLines, type EndpointLine} from '../support/dashboard-screen.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});
// CI=true as a CI job's shell has it: Ink would draw nothing until exit were it not hidden from Ink.
const terminal = startTerminalForFile({columns: 100, rows: 30, env: {CI: 'true'}});


/** The Endpoints pane's row of `endpoint`, read by its column titles (a DB SIZE of "20 kB" is no raft index). */
function endpointRow(screen: string, endpoint: string): EndpointLine | undefined {
	return endpointLines(screen).get(endpoint);
}

function raftIndexOf(row: EndpointLine | undefined): number | undefined {
	return row?.raftIndex;
}

void test('the dashboard in a real terminal: every member, a killed member turns to an error while the rest update, q restores the terminal', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const [first] = etcd.endpoints;
	await screen.type(`node ${etcdeckBin} --endpoints ${first} --refresh 500 --timeout 1000; echo "etcdeck exited with $?"`);
	const names = etcd.members.map(member => member.name);
	await screen.waitForScreen('every member on the members pane', screen => names.every(name => screen.includes(` ${name} `)));
	assert.ok(await screen.onAlternateScreen(), 'the dashboard draws on the alternate screen');

	await screen.press(chordFor('endpoints'));
	await screen.waitForScreen('every endpoint with its raft index', screen => etcd.endpoints.every(endpoint => raftIndexOf(endpointRow(screen, endpoint)) !== undefined));

	const victim = etcd.members[2]!;
	await etcd.kill(victim.name);
	const afterKill = await screen.waitForScreen(`${victim.name}'s row to show an error`, screen => {
		const row = endpointRow(screen, victim.clientUrl);
		return row !== undefined && raftIndexOf(row) === undefined && row.errors.startsWith('connection refused');
	});
	assert.ok(afterKill.includes(`${victim.name} unreachable: connection refused`), `the header names the unreachable member:\n${afterKill}`);

	const survivor = etcd.members[0]!;
	const indexBefore = raftIndexOf(endpointRow(afterKill, survivor.clientUrl))!;
	await waitFor('writes to land while the member is down', async () => {
		await etcd.etcdctl(['put', '/e2e/after-kill', String(Date.now())], {endpoints: etcd.voterEndpoints.filter(endpoint => endpoint !== victim.clientUrl)});
		return true;
	});
	await screen.waitForScreen(`${survivor.name}'s raft index to move past ${indexBefore}`, screen => (raftIndexOf(endpointRow(screen, survivor.clientUrl)) ?? 0) > indexBefore);

	await screen.press(chordFor('quit'));
	const shell = await screen.waitForScreen('the shell after quitting', screen => screen.includes('etcdeck exited with 0'));
	assert.equal(await screen.onAlternateScreen(), false, 'the alternate screen is left');
	assert.ok(shell.includes(`--endpoints ${first}`), `the shell's own screen is back, with the command line on it:\n${shell}`);
	await etcd.restart(victim.name);
});
