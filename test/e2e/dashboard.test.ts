import {test} from 'node:test';
import assert from 'node:assert/strict';
import {waitFor} from '../../source/demo/wait-for.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3, learners: 1});
// CI=true as a CI job's shell has it: Ink would draw nothing until exit were it not hidden from Ink.
const terminal = startTerminalForFile({columns: 100, rows: 30, env: {CI: 'true'}});


/** The screen line that shows `endpoint` as a row of the endpoints table (not the detail line under it). */
function endpointRow(screen: string, endpoint: string): string | undefined {
	return screen.split('\n').find(line => new RegExp(`^[› ] ${endpoint.replaceAll('.', '\\.')} `).test(line));
}

/** The RAFT INDEX figure of a healthy endpoint row: the first number above 1000 after the endpoint. */
function raftIndexOf(row: string | undefined): number | undefined {
	const figures = row?.split(/\s+/).slice(2).filter(word => /^\d+$/.test(word)).map(Number) ?? [];
	return figures.find(figure => figure > 3);
}

void test('the dashboard in a real terminal: every member, a killed member turns to an error while the rest update, q restores the terminal', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const [first] = etcd.endpoints;
	await screen.type(`node ${etcdeckBin} --endpoints ${first} --refresh 500 --timeout 1000; echo "etcdeck exited with $?"`);
	const names = etcd.members.map(member => member.name);
	await screen.waitForScreen('every member on the members pane', screen => names.every(name => screen.includes(` ${name} `)));
	assert.ok(await screen.onAlternateScreen(), 'the dashboard draws on the alternate screen');

	await screen.press(chordFor({type: 'show-pane', pane: 'endpoints'}));
	await screen.waitForScreen('every endpoint with its raft index', screen => etcd.endpoints.every(endpoint => raftIndexOf(endpointRow(screen, endpoint)) !== undefined));

	const victim = etcd.members[2]!;
	await etcd.kill(victim.name);
	const afterKill = await screen.waitForScreen(`${victim.name}'s row to show an error`, screen => {
		const row = endpointRow(screen, victim.clientUrl);
		return row !== undefined && raftIndexOf(row) === undefined && row.includes('connection refused');
	});
	assert.ok(afterKill.includes(`${victim.name} unreachable: connection refused`), `the header names the unreachable member:\n${afterKill}`);

	const survivor = etcd.members[0]!;
	const indexBefore = raftIndexOf(endpointRow(afterKill, survivor.clientUrl))!;
	await waitFor('writes to land while the member is down', async () => {
		await etcd.etcdctl(['put', '/e2e/after-kill', String(Date.now())], {endpoints: etcd.voterEndpoints.filter(endpoint => endpoint !== victim.clientUrl)});
		return true;
	});
	await screen.waitForScreen(`${survivor.name}'s raft index to move past ${indexBefore}`, screen => (raftIndexOf(endpointRow(screen, survivor.clientUrl)) ?? 0) > indexBefore);

	await screen.press(chordFor({type: 'quit'}));
	const shell = await screen.waitForScreen('the shell after quitting', screen => screen.includes('etcdeck exited with 0'));
	assert.equal(await screen.onAlternateScreen(), false, 'the alternate screen is left');
	assert.ok(shell.includes(`--endpoints ${first}`), `the shell's own screen is back, with the command line on it:\n${shell}`);
	await etcd.restart(victim.name);
});
