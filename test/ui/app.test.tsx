import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import type {ClusterReading} from '../../source/cluster/cluster-reading.ts';
import {summarize} from '../../source/model/cluster/cluster-summary.ts';
import {endpointRows, memberRows} from '../../source/model/cluster/member-rows.ts';
import {keymap, panes, type CommandId, type PaneId} from '../../source/ui/app/keymap.ts';
import {chordsLabel} from '../../source/ui/keymap/key-chord.ts';
import {cells, inverseLines, press, rawLinesOf, renderApp, sequencesFor, sizes, waitFor, type RenderedApp} from '../support/render.tsx';
import {
	alarmReading,
	fixtureClusterId,
	fixtureQuotaBytes,
	FixtureSource,
	fixtureTakenAt,
	healthyCluster,
	healthyReading,
	leaderRaftIndex,
	namedReadings,
	quorumLostReading,
	unreachableError,
	voterUnreachableReading,
} from '../support/reading-fixtures.ts';

afterEach(() => {
	// Unmounts every app a test rendered, so no poller outlives its test even when an assertion failed.
	cleanup();
});

const showEndpoints: CommandId = 'endpoints';
const showMembers: CommandId = 'members';

const summaryOf = (snapshot: ClusterReading) => summarize(snapshot, {quotaBytes: fixtureQuotaBytes});

/** Cues that tell the panes apart without colour: the titles only each table has. */
const onMembers = (app: RenderedApp) => app.frame().includes('STATUS') && app.frame().includes('NAME');
const onEndpoints = (app: RenderedApp) => app.frame().includes('ENDPOINT') && app.frame().includes('RAFT INDEX');
const helpOpen = (app: RenderedApp) => app.frame().includes('etcdeck keys');
const onLag = (app: RenderedApp) => app.frame().includes('RAFT LAG') && app.frame().includes('READINESS');

/** How each pane of this build is told apart on screen. */
const onLogs = (app: RenderedApp) => app.frame().includes('starting the log tail');
const onHealth = (app: RenderedApp) => app.frame().includes('metrics are not scraped in this run');
const onKeys = (app: RenderedApp) => app.frame().includes('this test reads no keys');
const onDb = (app: RenderedApp) => app.frame().includes('RECLAIMABLE') && app.frame().includes('TO QUOTA');
const paneCues: Partial<Record<PaneId, (app: RenderedApp) => boolean>> = {members: onMembers, endpoints: onEndpoints, lag: onLag, logs: onLogs, keys: onKeys, health: onHealth, db: onDb};

function cue(pane: PaneId): (app: RenderedApp) => boolean {
	const found = paneCues[pane];
	if (found === undefined) {
		throw new Error(`this test file has no cue for the ${pane} pane: add one to paneCues`);
	}

	return found;
}

/** Renders the app and waits for the first snapshot to be on screen. */
async function started(options: Parameters<typeof renderApp>[0]): Promise<RenderedApp> {
	const app = renderApp(options);
	await waitFor(() => app.frame().includes('refreshed '), 2000, 'the first snapshot');
	return app;
}

/** Presses a key, waits for its frame, then for the frame to show what it should. */
async function pressAndWait(app: RenderedApp, command: CommandId, expected: (app: RenderedApp) => boolean, what: string, chord = 0): Promise<void> {
	await app.press(command, chord);
	await waitFor(() => expected(app), 2000, `${what}; last frame:\n${app.frame()}`);
}

void test('the members pane lists every member with its ID, name and addresses', async () => {
	for (const size of [sizes.roomy, sizes.minimum]) {
		const snapshot = healthyReading();
		const app = await started({snapshot, size});
		assert.ok(onMembers(app), app.frame());
		for (const member of snapshot.members) {
			const line = app.lines().find(candidate => candidate.startsWith(member.id));
			assert.ok(line !== undefined, `${member.id} missing at ${size.columns}x${size.rows}:\n${app.frame()}`);
			assert.ok(line.includes(member.name), line);
			assert.ok(line.includes(member.clientUrls[0]!), line);
		}

		app.unmount();
	}
});

void test('the healthy dashboard at 100x30, line by line', async () => {
	const app = await started({snapshot: healthyReading(), size: sizes.roomy});
	const lines = app.lines().map(line => line.trimEnd());
	assert.deepEqual(lines, [
		'etcdeck  cluster cdf818194e3a8c32  leader etcd-1',
		'voters 3  learners 1  healthy 3/3  quorum 2  tolerates 1 failure, 1 left now',
		` ${panes.map(pane => `${pane.number} ${pane.title}`).join('  ')}`,
		// With a learner joining, pane 1 says where it stands (issue 18); PEER ADDRS gives way at 100 columns.
		'ID                STATUS   NAME    ROLE      CLIENT ADDRS          STATE',
		'8e9e05c52164694d  started  etcd-1  leader    http://10.0.0.1:2379',
		'91bc3c398fb3c146  started  etcd-2  follower  http://10.0.0.2:2379',
		'fd422379fda50e48  started  etcd-3  follower  http://10.0.0.3:2379',
		'2f0fd4b3a5cb0e1a  started  etcd-4  learner   http://10.0.0.4:2379  3 entries behind',
		'hidden: SAFE TO STOP, IS LEARNER, PEER ADDRS',
		...Array.from({length: 19}, () => ''),
		'refreshed 12:34:56 UTC in 12 ms · every 60000 ms · ? help · q quit',
	]);
	assert.equal(lines.length, sizes.roomy.rows - 1, 'one line short of the terminal');
});

void test('before the first snapshot arrives the dashboard says it is connecting', async () => {
	const never: Promise<ClusterReading> = new Promise(() => undefined);
	const app = renderApp({source: {refresh: () => never}});
	await waitFor(() => app.frame().includes('waiting for the first refresh'));
	assert.match(app.lines()[0]!, /^etcdeck connecting…/);
	assert.ok(app.lines().includes('connecting…'), app.frame());
});

void test('a snapshot taken at start-up is shown at once, before the source is asked', async () => {
	const source = new FixtureSource(voterUnreachableReading());
	const app = renderApp({source, initialReading: healthyReading()});
	await waitFor(() => app.frame().includes('healthy 3/3'));
	assert.equal(source.calls, 0);
});

void test('the header summarises the cluster in the dashboard', async () => {
	const app = await started({snapshot: healthyReading()});
	for (const fact of [`cluster ${fixtureClusterId}`, 'leader etcd-1', 'voters 3', 'learners 1', 'healthy 3/3', 'quorum 2', 'tolerates 1 failure']) {
		assert.ok(app.frame().includes(fact), `"${fact}" missing:\n${app.frame()}`);
	}

	const lost = await started({snapshot: quorumLostReading()});
	assert.ok(lost.frame().includes('leader none'), lost.frame());
	assert.ok(lost.frame().includes('QUORUM LOST'), lost.frame());
});

void test('the Endpoints key shows endpoint status with every endpoint\'s raft index', async () => {
	for (const size of [sizes.roomy, sizes.minimum]) {
		const snapshot = healthyReading();
		const app = await started({snapshot, size});
		await pressAndWait(app, showEndpoints, onEndpoints, 'the endpoints pane');
		assert.ok(!app.frame().includes('PEER ADDRS'), app.frame());
		const titles = app.lines().find(line => line.startsWith('NAME    ENDPOINT'))!;
		const raftIndexEnd = titles.indexOf('RAFT INDEX') + 'RAFT INDEX'.length;
		for (const [index, probe] of snapshot.probes.entries()) {
			const line = app.lines().find(candidate => candidate.includes(` ${probe.endpoint} `));
			assert.ok(line !== undefined, `${probe.endpoint} missing:\n${app.frame()}`);
			const raftIndex = String(leaderRaftIndex - index);
			assert.equal(line.slice(raftIndexEnd - raftIndex.length, raftIndexEnd), raftIndex, `under RAFT INDEX at ${size.columns} columns:\n${app.frame()}`);
		}

		await pressAndWait(app, showMembers, onMembers, 'the members pane again');
		app.unmount();
	}
});

void test('Tab cycles through the panes of this build and Shift-Tab goes back', async () => {
	const app = await started({snapshot: healthyReading()});
	const paneIds = panes.map(pane => pane.id);
	const order = [...paneIds.slice(1), paneIds[0]!, paneIds[1]!];
	for (const pane of order) {
		await pressAndWait(app, 'next-pane', cue(pane), `Tab to ${pane}`);
	}

	for (const pane of [paneIds[0]!, paneIds.at(-1)!]) {
		await pressAndWait(app, 'previous-pane', cue(pane), `Shift-Tab to ${pane}`);
	}
});

void test('each pane\'s number key shows that pane', async () => {
	const app = await started({snapshot: healthyReading()});
	for (const pane of [...panes].reverse()) {
		await pressAndWait(app, pane.id, cue(pane.id), `the ${pane.title} pane`);
	}
});

void test('↓/j and ↑/k move the selection, and the table scrolls to keep it on screen', async () => {
	// 25 members at 80x24: 17 rows fit, so selecting the 18th scrolls the table by one.
	const snapshot = healthyCluster({voters: 25, learners: 0});
	const ids = memberRows(summaryOf(snapshot)).map(row => row.id);
	const app = await started({snapshot, size: sizes.minimum});
	const footer = () => app.lines().find(line => /^[↑↓] \d+ more/.test(line)) ?? '';
	const shownRows = () => app.lines().flatMap(line => ids.filter(id => line.startsWith(id)).map(id => ids.indexOf(id)));
	assert.deepEqual(shownRows(), ids.slice(0, 17).map((_, index) => index));
	assert.match(footer(), /^↓ 8 more/);
	assert.equal(sequencesFor('select-next', 'global').length, 2, '↓ and j');
	assert.equal(sequencesFor('select-previous', 'global').length, 2, '↑ and k');

	// Alternating the two keys of each binding, ↓ j ↓ j …, down to the last row of the first screen.
	for (let index = 1; index <= 16; index++) {
		await app.press('select-next', index % 2);
	}

	assert.match(footer(), /^↓ 8 more/, 'no scrolling while the selection is on the first screen');
	await pressAndWait(app, 'select-next', () => footer().startsWith('↑ 1 more  ↓ 7 more'), 'the table to scroll by one');
	await pressAndWait(app, 'select-next', () => footer().startsWith('↑ 2 more  ↓ 6 more'), 'the table to scroll by two', 1);
	assert.equal(shownRows().at(-1), 18, 'the selected row is the last one shown');

	for (let index = 17; index >= 0; index--) {
		await app.press('select-previous', index % 2);
		assert.ok(shownRows().includes(index), `row ${index}, selected, is on screen:\n${app.frame()}`);
	}

	assert.match(footer(), /^↓ 8 more/, 'back at the top');
	await app.press('select-previous');
	assert.equal(shownRows()[0], 0, 'the selection stays at the top');
	await pressAndWait(app, 'select-next', () => footer().startsWith('↓ 8 more'), 'one row down from the top, without scrolling');
});

void test('the selected member is marked and follows ↓ and ↑, and its mark follows it to the endpoints pane', async () => {
	const app = await started({snapshot: healthyReading()});
	const ids = memberRows(summaryOf(healthyReading())).map(row => row.id);
	const marked = () => rawLinesOf(app.lastFrame()).find(line => line.startsWith('› '))?.slice(2);
	const selected = () => marked()?.slice(0, 16);
	assert.equal(selected(), ids[0]);
	for (const id of ids.slice(1)) {
		await pressAndWait(app, 'select-next', () => selected() === id, `${id} selected`);
	}

	await pressAndWait(app, 'select-next', () => selected() === ids.at(-1), 'the last to stay selected');
	await pressAndWait(app, 'select-previous', () => selected() === ids.at(-2), 'back up one', 1);
	await pressAndWait(app, showEndpoints, onEndpoints, 'the endpoints pane');
	assert.ok(marked()?.includes('http://10.0.0.3:2379'), 'the selection follows the member to the endpoints pane');
});

void test('keys that arrive in one chunk each act on the state the one before left', async () => {
	const app = await started({snapshot: healthyReading()});
	const ids = memberRows(summaryOf(healthyReading())).map(row => row.id);
	const down = sequencesFor('select-next')[0]!;
	app.stdin.write(down + down);
	await waitFor(() => rawLinesOf(app.lastFrame()).some(line => line.startsWith(`› ${ids[2]!}`)), 2000, `two moves down:\n${app.frame()}`);
	// Printable keys in one read reach the app as one input ("kk"): each is a key of its own.
	const upByLetter = sequencesFor('select-previous', 'global').find(sequence => sequence.length === 1)!;
	app.stdin.write(upByLetter + upByLetter);
	await waitFor(() => rawLinesOf(app.lastFrame()).some(line => line.startsWith(`› ${ids[0]!}`)), 2000, `two moves up by letter in one read:\n${app.frame()}`);
	// Esc and the next key in one read, which Ink reads as Alt+key: the action log closes, then pane 2 shows.
	await app.press('toggle-action-log');
	await waitFor(() => app.frame().includes('Action log'), 2000, 'the action log');
	app.stdin.write(`\u001B${sequencesFor('endpoints')[0]!}`);
	await waitFor(() => !app.frame().includes('Action log') && app.frame().includes('RAFT INDEX'), 2000, `the log closed and the endpoints shown:\n${app.frame()}`);

	let quits = 0;
	const other = await started({snapshot: healthyReading(), onQuit: () => quits++});
	// Help opens, then the same chunk's quit key closes it: it must not quit the app.
	other.stdin.write(sequencesFor('toggle-help')[0]! + sequencesFor('close', 'help').find(key => key !== '\u001B' && key !== '?')!);
	// A later key shows the chunk was handled: the selection moves on the members pane, help closed.
	other.stdin.write(down);
	await waitFor(() => rawLinesOf(other.lastFrame()).some(line => line.startsWith(`› ${ids[1]!}`)) && !helpOpen(other), 2000, `help opened and closed:\n${other.frame()}`);
	assert.equal(quits, 0);
});

void test('? opens help with every binding of the keymap, and Escape closes it', async () => {
	// What has keys: a `:` command alone belongs to the command line.
	const keyed = keymap.filter(binding => binding.chords.length > 0);
	const app = await started({snapshot: healthyReading()});
	await pressAndWait(app, 'toggle-help', helpOpen, 'help');
	const seen = new Set<string>();
	const frames: string[] = [];
	// Help scrolls when it is taller than the screen: read it all, scrolling down until it stops moving.
	for (let page = 0; page < 400; page++) {
		frames.push(app.frame());
		for (const binding of keyed) {
			if (app.lines().some(line => line.includes(`${chordsLabel(binding.chords)} `) && line.includes(binding.description))) {
				seen.add(`${chordsLabel(binding.chords)}: ${binding.description}`);
			}
		}

		const before = app.frame();
		app.stdin.write(sequencesFor('help-down', 'help')[0]!);
		try {
			await waitFor(() => app.frame() !== before, 2000, 'help to scroll');
		} catch {
			break;
		}
	}

	const missing = keyed.map(binding => `${chordsLabel(binding.chords)}: ${binding.description}`).filter(text => !seen.has(text));
	assert.deepEqual(missing, [], frames.join('\n'));
	assert.ok(!onMembers(app), 'help replaces the pane');
	await pressAndWait(app, 'close', current => !helpOpen(current) && onMembers(current), 'help to close on Escape');
});

void test('every key of Close help closes it, q included, without quitting', async () => {
	let quits = 0;
	const app = await started({snapshot: healthyReading(), onQuit: () => quits++});
	const closers = sequencesFor('close', 'help');
	assert.ok(closers.length >= 2);
	for (const key of closers) {
		await pressAndWait(app, 'toggle-help', helpOpen, 'help');
		await app.send(key);
		await waitFor(() => !helpOpen(app) && onMembers(app), 2000, `${JSON.stringify(key)} to close help`);
	}

	assert.equal(quits, 0);
});

void test('pane keys do nothing while help is open', async () => {
	const app = await started({snapshot: healthyReading()});
	await pressAndWait(app, 'toggle-help', helpOpen, 'help');
	press(app.stdin, showEndpoints);
	press(app.stdin, 'next-pane');
	await waitFor(() => helpOpen(app));
	await pressAndWait(app, 'close', onMembers, 'help closed onto the members pane');
});

void test('q, and every other quit key, calls onQuit', async () => {
	for (const key of sequencesFor('quit', 'global')) {
		let quits = 0;
		const app = await started({snapshot: healthyReading(), onQuit: () => quits++});
		app.stdin.write(key);
		await waitFor(() => quits === 1, 2000, `onQuit after ${JSON.stringify(key)}`);
		app.unmount();
	}
});

void test('an unreachable member\'s endpoint row shows its error', async () => {
	for (const size of [sizes.roomy, sizes.minimum]) {
		const app = await started({snapshot: voterUnreachableReading(), size});
		await pressAndWait(app, showEndpoints, onEndpoints, 'the endpoints pane');
		const row = app.lines().find(line => line.includes(' http://10.0.0.3:2379 '));
		assert.ok(row?.includes('connect ECONNREFUSED'), `at ${size.columns}x${size.rows}:\n${app.frame()}`);
		app.unmount();
	}
});

void test('a terminal smaller than 80x24 gets a message instead of the dashboard, and q still quits', async () => {
	for (const size of [{columns: 70, rows: 30}, {columns: 79, rows: 24}, {columns: 100, rows: 23}]) {
		let quits = 0;
		const app = renderApp({snapshot: healthyReading(), size, onQuit: () => quits++});
		await waitFor(() => app.frame().includes('needs at least 80x24'), 2000, `the message at ${size.columns}x${size.rows}`);
		assert.ok(app.frame().includes(`The terminal is ${size.columns}x${size.rows}`), app.frame());
		assert.ok(!app.frame().includes('etcdeck  cluster') && !app.frame().includes('STATUS'), app.frame());
		press(app.stdin, 'quit');
		await waitFor(() => quits === 1);
	}

	const fits = await started({snapshot: healthyReading(), size: sizes.minimum});
	assert.ok(!fits.frame().includes('needs at least'), fits.frame());
});

void test('each new snapshot from the source replaces the last on screen', async () => {
	const later = {...voterUnreachableReading(), takenAt: fixtureTakenAt + 5000};
	const lost = {...quorumLostReading(), takenAt: fixtureTakenAt + 10_000};
	const source = new FixtureSource(healthyReading(), later, lost);
	// Each refresh is asked for (r), so no snapshot can be replaced before the test has seen it.
	const app = await started({source, refreshMs: 60_000});
	assert.ok(app.frame().includes('healthy 3/3'), app.frame());
	press(app.stdin, 'refresh');
	await waitFor(() => app.frame().includes('healthy 2/3'), 2000, 'the second snapshot');
	assert.ok(app.frame().includes(`etcd-3 unreachable: ${unreachableError}`), app.frame());
	assert.ok(app.frame().includes('refreshed 12:35:01 UTC'), app.frame());
	assert.ok(!app.frame().includes('healthy 3/3'), app.frame());
	press(app.stdin, 'refresh');
	await waitFor(() => app.frame().includes('QUORUM LOST'), 2000, 'the third snapshot');
	assert.ok(app.frame().includes('leader none') && !app.frame().includes('healthy 2/3'), app.frame());
});

void test('r refreshes at once, without waiting for the interval', async () => {
	const source = new FixtureSource(healthyReading(), alarmReading());
	const app = await started({source, refreshMs: 60_000});
	assert.equal(source.calls, 1);
	press(app.stdin, 'refresh');
	await waitFor(() => app.frame().includes('alarm NOSPACE on etcd-2'), 2000, 'the refreshed snapshot');
	assert.equal(source.calls, 2);
});

void test('with a colour terminal the selection stays on its member across refreshes, and falls back to the first row when it goes', async () => {
	const withoutEtcd2 = healthyReading();
	withoutEtcd2.members = withoutEtcd2.members.filter(member => member.name !== 'etcd-2');
	withoutEtcd2.probes = withoutEtcd2.probes.filter(probe => probe.endpoint !== 'http://10.0.0.2:2379');
	withoutEtcd2.takenAt = fixtureTakenAt + 2000;
	const source = new FixtureSource(healthyReading(), {...healthyReading(), takenAt: fixtureTakenAt + 1000});
	const app = await started({source});
	const selected = () => /etcd-\d/.exec(inverseLines(app.lastFrame()).find(line => line.includes(' etcd-')) ?? '')?.[0];
	await pressAndWait(app, 'select-next', () => selected() === 'etcd-2', 'etcd-2 selected');
	press(app.stdin, 'refresh');
	await waitFor(() => app.frame().includes('refreshed 12:34:57'), 2000, 'the second snapshot');
	assert.equal(selected(), 'etcd-2');
	source.queue(withoutEtcd2);
	press(app.stdin, 'refresh');
	await waitFor(() => app.frame().includes('refreshed 12:34:58'), 2000, 'the third snapshot');
	assert.ok(!app.frame().includes('etcd-2'), app.frame());
	assert.equal(selected(), 'etcd-1');
});

void test('no line is wider than the terminal and the dashboard is one line short of it, in every state', async () => {
	const fixtures: Record<string, () => ClusterReading> = {...namedReadings, '25 members': () => healthyCluster({voters: 25, learners: 0})};
	for (const [name, build] of Object.entries(fixtures)) {
		for (const size of [sizes.roomy, sizes.minimum]) {
			const app = await started({snapshot: build(), size});
			const check = (state: string) => {
				const lines = app.lines();
				assert.ok(lines.length <= size.rows - 1, `${name}, ${state} at ${size.columns}x${size.rows}: ${lines.length} lines`);
				for (const line of lines) {
					assert.ok(cells(line) <= size.columns, `${name}, ${state} at ${size.columns}x${size.rows}: ${cells(line)} cells: ${line}`);
				}
			};

			check('members');
			await pressAndWait(app, showEndpoints, onEndpoints, 'the endpoints pane');
			check('endpoints');
			await pressAndWait(app, 'toggle-help', helpOpen, 'help');
			check('help');
			app.unmount();
		}
	}
});

void test('rows of the endpoints pane are the model\'s, in its order', async () => {
	const snapshot = quorumLostReading();
	const app = await started({snapshot});
	await pressAndWait(app, showEndpoints, onEndpoints, 'the endpoints pane');
	const endpoints = endpointRows(summaryOf(snapshot)).map(row => row.cells.endpoint);
	const shown = app.lines().filter(line => /^\S+ +http:\/\/\S+[^:] /.test(line)).map(line => line.split(/ +/)[1]);
	assert.deepEqual(shown, endpoints);
});
