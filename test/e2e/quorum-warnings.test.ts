import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

const cluster = startClusterForFile({voters: 3});
const terminal = startTerminalForFile({columns: 100, rows: 30});
const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-quorum-'));

after(() => {
	rmSync(snapshotDir, {recursive: true, force: true});
});

/** The header's first line under its two fixed lines that is a warning, a note or an action's result. */
function firstHeaderItem(screen: string): string | undefined {
	return screen.split('\n').slice(2, 10).find(line => /^[✖▲✔•]|^note: /.test(line.trim()))?.trim();
}

void test('after a snapshot, two of three voters stopped: the header\'s first line is QUORUM LOST (not the snapshot\'s result), and ! lists it with what to do', {timeout: 120_000}, async () => {
	const etcd = cluster();
	const screen = terminal();
	const [survivor, ...victims] = etcd.members;
	await screen.type(`node ${etcdeckBin} --endpoints ${survivor!.clientUrl} --snapshot-dir ${snapshotDir} --refresh 500; echo "etcdeck exited with $?"`);
	await screen.waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
	await screen.press(chordFor('snapshot'));
	await screen.waitForScreen('the snapshot form', text => text.includes('Save a snapshot'));
	await screen.press(chordFor('snapshot-save', 'snapshot-form'));
	await screen.waitForScreen('the verified snapshot and its line in the header', text => text.includes('✔ Saved and verified:') && firstHeaderItem(text)?.startsWith('✔') === true, 30_000);

	await Promise.all(victims.map(async victim => etcd.kill(victim.name)));
	const lost = await screen.waitForScreen('QUORUM LOST in the header', text => text.includes('QUORUM LOST'), 30_000);
	assert.match(firstHeaderItem(lost) ?? '', /^✖ QUORUM LOST: 1 of 3 voters answer, 2 needed/, lost);
	// The snapshot's result leaves the header after a few seconds; the warnings stay.
	await screen.waitForScreen('the snapshot\'s result gone from the header', text => !text.split('\n').slice(2, 10).some(line => line.trim().startsWith('✔')) && text.includes('QUORUM LOST'), 20_000);

	await screen.press(chordFor('warnings'));
	const listed = await screen.waitForScreen('the warnings list', text => text.includes('active warnings'));
	assert.match(listed, /✖ CRITICAL · since \d\d:\d\d:\d\d UTC .* · from Status/);
	assert.match(listed, /QUORUM LOST: 1 of 3 voters answer/);
	assert.match(listed, /→ writes stop: bring the stopped voters back/);
	// It scrolls: a page down shows the rest, each stopped voter by name.
	await screen.press(chordFor('warnings-page-down', 'warnings'));
	const rest = await screen.waitForScreen('the list scrolled', text => /↑ \d+ more/.test(text));
	for (const victim of victims) {
		assert.ok(`${listed}\n${rest}`.includes(`${victim.name} unreachable`), `${victim.name} listed:\n${listed}\n${rest}`);
	}

	await screen.press(chordFor('warnings-close', 'warnings'));
	await screen.waitForScreen('the list closed', text => !text.includes('active warnings'));
	await screen.press(chordFor('quit'));
	await screen.waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
