import {test} from 'node:test';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 120, rows: 30});


void test('the Logs pane tails a member\'s real log and names a hung peer its prober flags; the Health pane reads every member\'s /metrics', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const logged = etcd.members[0]!;
	await screen.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500 --log-command 'tail -n +1 -F ${logged.logFile}'; echo "etcdeck exited with $?"`);
	await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));

	await screen.press(chordFor({type: 'show-pane', pane: 'logs'}));
	// etcd 3.4 logs its start-up in zap JSON; the pane shows the message, not the JSON.
	await screen.waitForScreen('etcd\'s own start-up lines', text => text.includes('published local member to cluster through raft') && !text.includes('"msg"'));

	// A hung peer: the logged member's prober notices within seconds and the pane names the peer.
	const hung = etcd.members[1]!;
	etcd.signal(hung.name, 'SIGSTOP');
	try {
		await screen.waitForScreen(`the prober's warning naming ${hung.name}`, text => text.includes(`▲ peer ${hung.name}`) && text.includes('unhealthy'), 60_000);
		await screen.waitForScreen('the trouble counted in the strip', text => /peer unhealthy \d+\/\d+\/\d+/.test(text) || text.includes('peer unhealthy'));
	} finally {
		etcd.signal(hung.name, 'SIGCONT');
	}

	await screen.press(chordFor({type: 'show-pane', pane: 'health'}));
	await screen.waitForScreen('every member\'s metrics with a WAL fsync p99', text => {
		const rows = text.split('\n').filter(line => etcd.members.some(member => line.startsWith(`› ${member.name} `) || line.startsWith(`  ${member.name} `)));
		return text.includes('FSYNC p99') && rows.length === etcd.members.length && rows.every(line => /\d+(\.\d+)? ?(µs|ms|s)\b/.test(line));
	}, 30_000);

	await screen.press(chordFor({type: 'quit'}));
	await screen.waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
