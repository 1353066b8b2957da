import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Etcd3} from 'etcd3';
import {waitFor} from '../../source/demo/wait-for.ts';
import {startClusterForFile} from '../support/cluster.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {strictClient} from '../support/maintenance-fixtures.ts';
import {chordFor, startTerminalForFile} from '../support/tmux.ts';

// A 1 MiB quota: a dozen 60 kB values raise NOSPACE (see ETCD-FACTS.md).
const cluster = startClusterForFile({voters: 3, etcdArgs: ['--quota-backend-bytes=1048576']});
const terminal = startTerminalForFile({columns: 120, rows: 40});
let strict: Etcd3 | undefined;
const client = () => (strict ??= strictClient(cluster()));

after(() => {
	strict?.close();
});

async function alarmList(): Promise<string> {
	return (await cluster().etcdctl(['alarm', 'list'])).trim();
}

/** Overwrites one key until etcd refuses with NOSPACE: the history alone fills the quota. */
async function fillToNospace(): Promise<void> {
	const value = 'v'.repeat(60_000);
	for (let index = 0; index < 200; index++) {
		try {
			await client().put('/history/one-key').value(value);
		} catch (error) {
			assert.match(String(error), /database space exceeded/);
			return;
		}
	}

	assert.fail('200 puts of 60 kB did not fill a 1 MiB quota');
}

void test('--read-only: the writing maintenance keys say why and do nothing', {timeout: 60_000}, async () => {
	const etcd = cluster();
	await terminal().type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500 --read-only; echo "etcdeck exited with $?"`);
	await terminal().waitForScreen('the dashboard', text => etcd.members.every(member => text.includes(` ${member.name} `)));
	await terminal().press(chordFor('db'));
	await terminal().waitForScreen('the DB pane', text => /NAME +DB SIZE +IN USE +RECLAIMABLE +QUOTA/.test(text));
	await terminal().press(chordFor('defrag'));
	await terminal().waitForScreen('the refusal on the status line', text => /defrag is off: --read-only/.test(text));
	assert.doesNotMatch(await terminal().screen(), /one member at a time, the leader last\?/);
	await terminal().press(chordFor('quit'));
	await terminal().waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});

void test('NOSPACE: the header offers the way out; R compacts, defragments every member and disarms; etcdctl alarm list is empty and put works again', {timeout: 180_000}, async () => {
	const etcd = cluster();
	await fillToNospace();
	await waitFor('etcdctl alarm list to show NOSPACE', async () => /alarm:NOSPACE/.test(await alarmList()));
	await terminal().type(`node ${etcdeckBin} --endpoints ${etcd.endpoints[0]} --refresh 500; echo "etcdeck exited with $?"`);
	await terminal().waitForScreen('the offer in the header', text => /alarm NOSPACE on m\d.*: the cluster refuses writes \(DB full\); R or :recover-space compacts/.test(text));
	await terminal().press(chordFor('db'));
	await terminal().press(chordFor('recover-space'));
	await terminal().waitForScreen('the confirmation', text => /Recover from NOSPACE\?/.test(text) && /NOSPACE raised on m\d/.test(text));
	await terminal().press(chordFor('maintenance-start', 'maintenance-confirm'));
	const done = await terminal().waitForScreen('the recovery to finish', text => /Recover from NOSPACE: done/.test(text), 120_000);
	assert.match(done, /✔ compact /);
	assert.equal((done.match(/✔ defragment m\d/g) ?? []).length, 3, done);
	assert.match(done, /✔ disarm NOSPACE /);
	assert.match(done, /✔ verify NOSPACE is gone .*no NOSPACE in the Status of (m[123], ){2}m[123]/);
	assert.equal(await alarmList(), '', 'etcdctl alarm list is empty');
	await etcd.etcdctl(['put', '/after', 'x']);
	assert.equal((await etcd.etcdctl(['get', '/after', '--print-value-only'])).trim(), 'x');
	await terminal().waitForScreen('the offer to go', text => !text.includes('alarm NOSPACE'));

	await terminal().press(chordFor('maintenance-dismiss', 'maintenance-job'));
	await terminal().press(chordFor('toggle-action-log'));
	const log = await terminal().waitForScreen('each step in the action log', text => /disarm cluster +succeeded/.test(text));
	assert.match(log, /\$ etcdctl --endpoints=http:\/\/127\.0\.0\.1:\d+ alarm disarm/);
	await terminal().press(chordFor('close', 'action-log'));
	await terminal().press(chordFor('quit'));
	await terminal().waitForScreen('etcdeck to exit', text => text.includes('etcdeck exited with 0'));
});
