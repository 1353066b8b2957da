import {test} from 'node:test';
import {leaderOf, startClusterForFile} from '../support/cluster.ts';
import {KeyWriter} from '../support/key-writer.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 120, rows: 30});


void test('the Logs pane tails the leader\'s real log and names a hung follower; the Health pane reads every member\'s /metrics', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	// The leader: the one member that sends to every follower, so the one that notices a hung one first.
	const logged = await leaderOf(etcd);
	const hung = etcd.members.find(member => member !== logged)!;
	await screen.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500 --log-command 'tail -n +1 -F ${logged.logFile}'; echo "etcdeck exited with $?"`);
	await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));

	await screen.press(chordFor('logs'));
	// LocalCluster's etcd logs its start-up in zap JSON; the pane shows the message, not the JSON.
	await screen.waitForScreen('etcd\'s own start-up lines', text => text.includes('published local member to cluster through raft') && !text.includes('"msg"'));

	// A hung follower, while clients write to the others. etcd 3.4's prober flags it ("prober detected
	// unhealthy status") and its streams time out; 3.5's prober never times out, and on an idle cluster no
	// member logs anything: under writes the leader's stream to it fills and its write deadline passes
	// ("peer became inactive"). Either way the pane names the peer.
	etcd.signal(hung.name, 'SIGSTOP');
	const writer = KeyWriter.start(etcd.members.filter(member => member !== hung).map(member => member.clientUrl), {prefix: '/e2e/hung-peer/', intervalMs: 0, valueBytes: 16_384});
	try {
		const named = new RegExp(`▲ peer ${hung.name} (?:unhealthy|inactive)`);
		await screen.waitForScreen(`a trouble sign naming the hung ${hung.name}`, text => named.test(text), 60_000);
		await screen.waitForScreen('the trouble counted in the strip', text => /peer (?:unhealthy|inactive) \d+\/\d+\/\d+/.test(text));
	} finally {
		await writer.stop();
		etcd.signal(hung.name, 'SIGCONT');
	}

	await screen.press(chordFor('health'));
	await screen.waitForScreen('every member\'s metrics with a WAL fsync p99', text => {
		const rows = text.split('\n').filter(line => etcd.members.some(member => line.startsWith(`› ${member.name} `) || line.startsWith(`  ${member.name} `)));
		return text.includes('FSYNC p99') && rows.length === etcd.members.length && rows.every(line => /\d+(\.\d+)? ?(µs|ms|s)\b/.test(line));
	}, 30_000);

	await screen.press(chordFor('quit'));
	await screen.waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
