import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {writeNewFile} from '../../source/backup/write-new-file.ts';
import {withTempDir} from '../support/temp-dir.ts';

void test('a new member\'s settings file: written 0600, never over an existing file or through a planted link', async () => {
	await withTempDir('etcdeck-new-file-', async dir => {
		const file = path.join(dir, 'etcd-4.env');
		assert.deepEqual(await writeNewFile(file, 'ETCD_NAME="etcd-4"\n'), {ok: true, path: file});
		assert.equal(readFileSync(file, 'utf8'), 'ETCD_NAME="etcd-4"\n');
		assert.equal(statSync(file).mode & 0o777, 0o600);

		assert.deepEqual(await writeNewFile(file, 'other'), {ok: false, message: `${file} exists already: not overwritten`});
		assert.equal(readFileSync(file, 'utf8'), 'ETCD_NAME="etcd-4"\n');

		const target = path.join(dir, 'victim');
		writeFileSync(target, 'keep');
		const link = path.join(dir, 'link.env');
		symlinkSync(target, link);
		assert.equal((await writeNewFile(link, 'x')).ok, false);
		assert.equal(readFileSync(target, 'utf8'), 'keep');

		const missing = await writeNewFile(path.join(dir, 'no-such-dir', 'a.env'), 'x');
		assert.deepEqual(missing, {ok: false, message: `creating ${path.join(dir, 'no-such-dir', 'a.env')}: no such file or directory (ENOENT)`});
	});
});
