import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chooseDrillTools, compareLines, etcdLine, restoreToolFor, type EtcdProgram} from '../../source/model/shared/etcd-lines.ts';

const program = (name: EtcdProgram['name'], dir: string, version: string): EtcdProgram => ({name, path: `${dir}/${name}`, dir, version});
const bookworm = [program('etcd', '/usr/bin', '3.4.23'), program('etcdctl', '/usr/bin', '3.4.23')];
const sid = [program('etcd', '/opt/etcd-3.5/bin', '3.5.30'), program('etcdctl', '/opt/etcd-3.5/bin', '3.5.30'), program('etcdutl', '/opt/etcd-3.5/bin', '3.5.30')];

test('release lines: 3.5 of 3.5.30, ordered as numbers, and the tool that restores on each', () => {
	assert.equal(etcdLine('3.5.30'), '3.5');
	assert.equal(etcdLine('v3.4.23'), '3.4');
	assert.equal(etcdLine('latest'), undefined);
	assert.ok(compareLines('3.10', '3.9') > 0);
	assert.equal(compareLines('3.5', '3.5'), 0);
	assert.equal(restoreToolFor('3.4'), 'etcdctl');
	assert.equal(restoreToolFor('3.5'), 'etcdutl');
	assert.equal(restoreToolFor('3.6'), 'etcdutl');
});

test('the drill picks the etcd of the snapshot\'s line wherever it is on PATH, with its own restore tool', () => {
	const both = [...sid, ...bookworm];
	const for34 = chooseDrillTools('3.4.23', both);
	assert.ok(for34.ok);
	assert.deepEqual([for34.tools.etcd.path, for34.tools.restore.path, for34.tools.note], ['/usr/bin/etcd', '/usr/bin/etcdctl', undefined]);
	const for35 = chooseDrillTools('3.5.17', [...bookworm, ...sid]);
	assert.ok(for35.ok);
	assert.deepEqual([for35.tools.etcd.path, for35.tools.restore.path, for35.tools.note], ['/opt/etcd-3.5/bin/etcd', '/opt/etcd-3.5/bin/etcdutl', undefined]);
});

test('another line when it is all there is: newer is an upgrade, older is said to be only a proof of the data', () => {
	const upgrade = chooseDrillTools('3.4.23', sid);
	assert.ok(upgrade.ok);
	assert.equal(upgrade.tools.note, 'no etcd 3.4 on PATH: restored with etcd 3.5.30, a newer line (an upgrade, which etcd supports)');
	const downgrade = chooseDrillTools('3.5.30', bookworm);
	assert.ok(downgrade.ok);
	assert.match(downgrade.tools.note!, /^no etcd 3\.5 on PATH: restored with etcd 3\.4\.23, an older line than the snapshot's 3\.5\.30\. etcd does not support downgrades: .*restore it with etcd 3\.5 on the real hosts/);
	const unknown = chooseDrillTools(null, bookworm);
	assert.ok(unknown.ok);
	assert.equal(unknown.tools.note, 'the snapshot\'s etcd version is not recorded: restored with etcd 3.4.23');
});

test('without etcd, or without the tool its line restores with, it says which Debian package gives it', () => {
	assert.deepEqual(chooseDrillTools('3.5.30', []), {ok: false, reason: 'no etcd on PATH to restore into (Debian: apt-get install etcd-server)'});
	assert.deepEqual(chooseDrillTools('3.4.23', [program('etcd', '/usr/bin', '3.4.23')]), {ok: false, reason: 'no etcdctl 3.4 on PATH beside /usr/bin/etcd to restore with (Debian: apt-get install etcd-client)'});
	// etcd 3.5's etcdctl still restores (deprecated) when etcdutl is missing.
	const withoutUtl = chooseDrillTools('3.5.30', sid.filter(candidate => candidate.name !== 'etcdutl'));
	assert.ok(withoutUtl.ok);
	assert.equal(withoutUtl.tools.restore.name, 'etcdctl');
});
