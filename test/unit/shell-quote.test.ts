import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {safeText} from '../../source/model/shared/safe-text.ts';
import {hasControlCharacters, shellCommand, shellFlag, shellQuote} from '../../source/model/shared/shell-quote.ts';

test('a safe word stays as it is; anything else is one single-quoted word that sh reads back unchanged', () => {
	assert.equal(shellQuote('/var/lib/etcd/dh/tok-1'), '/var/lib/etcd/dh/tok-1');
	assert.equal(shellQuote('m1=http://10.0.0.1:2380,m2=http://10.0.0.2:2380'), 'm1=http://10.0.0.1:2380,m2=http://10.0.0.2:2380');
	assert.equal(shellQuote(''), '\'\'');
	assert.equal(shellQuote('it\'s'), '\'it\'\\\'\'s\'');
	assert.equal(shellFlag('--name', 'etcd 1'), '--name=\'etcd 1\'');
	for (const word of ['~root', '$HOME', '`id`', '$(id)', 'a;b', 'a b', '*', 'it\'s', 'back\\slash', '"q"', '-n', 'ünïcødé']) {
		const echoed = spawnSync('sh', ['-c', `printf '%s|' ${shellCommand([word, 'end'])}`], {encoding: 'utf8'});
		assert.equal(echoed.stdout, `${word}|end|`, word);
	}
});

test('control characters, line separators and bidirectional controls are refused raw, and shown escaped', () => {
	for (const text of ['a\u001Bb', 'a\nb', 'a\u0085b', 'a\u2028b', 'evil\u202Egnp.exe', 'a\u2066b']) {
		assert.ok(hasControlCharacters(text), JSON.stringify(text));
	}

	assert.equal(hasControlCharacters('etcd-1 ünïcødé'), false);
	assert.equal(safeText('m1\u001B[2J\u0085 \u202Egnp'), 'm1\\x1b[2J\\x85 \\u202egnp');
	assert.equal(safeText('plain /main/config'), 'plain /main/config');
});
