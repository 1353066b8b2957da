import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {readSnapshotStatus} from '../../source/backup/snapshot-status.ts';

void test('the snapshot check (etcdutl snapshot status) runs without etcdeck\'s credentials in its environment', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-snapshot-env-'));
	const seen = path.join(dir, 'seen.env');
	// An etcdutl of the test's own, first on PATH: it writes down its environment and answers as etcdutl does.
	writeFileSync(path.join(dir, 'etcdutl'), `#!/bin/sh\nenv > ${seen}\necho '{"hash":1,"revision":2,"totalKey":3,"totalSize":4}'\n`, {mode: 0o755});
	const saved = {PATH: process.env['PATH'], ETCDCTL_PASSWORD: process.env['ETCDCTL_PASSWORD'], ETCDCTL_USER: process.env['ETCDCTL_USER']};
	process.env['PATH'] = `${dir}:${saved.PATH ?? ''}`;
	process.env['ETCDCTL_PASSWORD'] = 'pw-not-for-etcdutl';
	process.env['ETCDCTL_USER'] = 'root:pw-not-for-etcdutl';
	try {
		const outcome = await readSnapshotStatus(path.join(dir, 'some.db'));
		assert.deepEqual(outcome, {kind: 'read', status: {tool: 'etcdutl', hash: 1, revision: 2, totalKeys: 3, totalSizeBytes: 4}});
		const environment = readFileSync(seen, 'utf8');
		assert.ok(!environment.includes('pw-not-for-etcdutl'), environment);
		assert.doesNotMatch(environment, /^ETCDCTL_(USER|PASSWORD)=/m);
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = value;
			}
		}

		rmSync(dir, {recursive: true, force: true});
	}
});
