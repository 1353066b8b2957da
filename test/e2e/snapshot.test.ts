import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startClusterForFile} from '../support/cluster.ts';
import {runSnapshotTool, snapshotTool} from '../support/etcd-line.ts';
import {etcdeckBin, runCli} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 100, rows: 30});
const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-snapshots-'));

after(() => {
	rmSync(snapshotDir, {recursive: true, force: true});
});

void test('s then Enter in a real terminal: the snapshot file appears, verified, with its manifest and nothing else', {timeout: 120_000}, async () => {
	const etcd = cluster();
	await etcd.putKeys(Array.from({length: 500}, (_, index) => [`/e2e/snapshot/${String(index).padStart(4, '0')}`, `value ${index}`] as const));
	const screen = terminal();
	await screen.type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --snapshot-dir ${snapshotDir}; echo "etcdeck exited with $?"`);
	await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
	await screen.press(chordFor('snapshot'));
	await screen.waitForScreen('the snapshot form', text => text.includes('Save a snapshot') && text.includes(snapshotDir));
	await screen.press(chordFor('snapshot-save', 'snapshot-form'));
	const done = await screen.waitForScreen('the verified snapshot', text => text.includes('✔ Saved and verified:'), 30_000);

	const files = readdirSync(snapshotDir).sort();
	assert.equal(files.length, 2, `the snapshot and its manifest, no temp file: ${files.join(', ')}`);
	const snapshot = files.find(file => file.endsWith('.db'))!;
	assert.match(snapshot, /^etcd-[0-9a-f]+-\d{8}T\d{6}Z\.db$/);
	assert.ok(done.includes(snapshot.slice(0, 30)), done);
	const verify = await runCli(['snapshot', 'verify', path.join(snapshotDir, snapshot)]);
	assert.equal(verify.code, 0, verify.stderr + verify.stdout);
	// etcd's own file tool: etcdutl where the line has it, etcdctl on 3.4.
	const status = JSON.parse(await runSnapshotTool(['snapshot', 'status', '-w', 'json', path.join(snapshotDir, snapshot)])) as {totalKey: number};
	assert.ok(status.totalKey >= 500, `${snapshotTool()} snapshot status counts the keys: ${status.totalKey}`);

	// The saved snapshot offers its drill: d restores it into a throwaway etcd and checks it against the manifest.
	assert.ok(done.includes('d drill it'), done);
	await screen.press(chordFor('snapshot-drill', 'snapshot-job'));
	const drilled = await screen.waitForScreen('the drill passed', text => text.includes('✔ drill passed: restored with etcd '), 60_000);
	assert.match(drilled, /500 keys in \d+ prefix(es)? match the manifest/);
	assert.equal(readdirSync(snapshotDir).length, 2, 'the drill writes nothing beside the snapshot');
	await screen.press(chordFor('toggle-action-log'));
	await screen.waitForScreen('the drill in the action log', text => /drill \S+ +succeeded/.test(text) && text.includes('etcdeck snapshot drill'));
	await screen.press(chordFor('close', 'action-log'));

	await screen.press(chordFor('quit'));
	await screen.waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
