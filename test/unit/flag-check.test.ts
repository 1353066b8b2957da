import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkFlags, unknownFlagMessage} from '../../source/config/flag-check.ts';
import {editDistance, nearestName} from '../../source/model/shared/nearest-name.ts';
import {chooseSubcommand, subcommandSummary} from '../../source/headless/subcommands.ts';

void test('edit distance counts insertions, deletions, substitutions and swaps of neighbours', () => {
	assert.equal(editDistance('hepl', 'help'), 1);
	assert.equal(editDistance('endpoint', 'endpoints'), 1);
	assert.equal(editDistance('refesh', 'refresh'), 1);
	assert.equal(editDistance('kitten', 'sitting'), 3);
	assert.equal(editDistance('', 'abc'), 3);
	assert.equal(editDistance('same', 'same'), 0);
});

void test('the nearest name is suggested only when it is a slip away', () => {
	assert.equal(nearestName('endpoint', ['user', 'endpoints', 'timeout']), 'endpoints');
	assert.equal(nearestName('reed-only', ['read-only', 'refresh']), 'read-only');
	assert.equal(nearestName('frobnicate', ['endpoints', 'refresh']), undefined);
	// Two edits of a three-letter word is most of it: no suggestion.
	assert.equal(nearestName('ky', ['key', 'keep']), undefined);
	assert.equal(nearestName('kee', ['key', 'keep']), 'key');
});

void test('an unknown flag is refused naming the nearest known flag, or none when nothing is close', () => {
	assert.deepEqual(checkFlags(['--endpoint', 'http://h:1']), {kind: 'refused', message: 'unknown flag --endpoint (did you mean --endpoints?); see etcdeck --help'});
	assert.deepEqual(checkFlags(['status', '--snapshot-dri=/x']), {kind: 'refused', message: 'unknown flag --snapshot-dri (did you mean --snapshot-dir?); see etcdeck --help'});
	assert.deepEqual(checkFlags(['--frobnicate']), {kind: 'refused', message: 'unknown flag --frobnicate; see etcdeck --help'});
	assert.deepEqual(checkFlags(['-x']), {kind: 'refused', message: 'unknown flag -x; see etcdeck --help'});
	assert.equal(unknownFlagMessage('--hepl', ['--endpoints']), 'unknown flag --hepl (did you mean --help?); see etcdeck --help');
});

void test('-h and --help anywhere ask for the help; known flags, --no-BOOLEAN and what follows -- pass', () => {
	assert.deepEqual(checkFlags(['-h']), {kind: 'help'});
	assert.deepEqual(checkFlags(['snapshot', 'save', '--help']), {kind: 'help'});
	assert.deepEqual(checkFlags(['--endpoints', 'http://h:1', '--no-json', '--refresh=500', 'status', '--', '--anything']), {kind: 'ok'});
	assert.deepEqual(checkFlags(['--version']), {kind: 'ok'});
	// A string flag's value may look like anything but a flag.
	assert.deepEqual(checkFlags(['--log-command', 'tail -F x', '--prefix', '-weird']), {kind: 'ok'});
});

void test('a number flag quotes what was typed when it is no number, never NaN', () => {
	assert.deepEqual(checkFlags(['--refresh', 'abc']), {kind: 'refused', message: '--refresh takes a number (MS), got "abc"; see etcdeck --help'});
	assert.deepEqual(checkFlags(['--keep=']), {kind: 'refused', message: '--keep takes a number (N), got ""; see etcdeck --help'});
	assert.deepEqual(checkFlags(['--timeout']), {kind: 'refused', message: '--timeout takes a number (MS), got nothing; see etcdeck --help'});
	assert.deepEqual(checkFlags(['--quota-bytes', '--json']), {kind: 'refused', message: '--quota-bytes takes a number (BYTES), got nothing; see etcdeck --help'});
	// Numbers out of range are numbers: the setting's own check names the range.
	assert.deepEqual(checkFlags(['--refresh', '1e12', '--keep', '-1', '--log-lines', '0x10']), {kind: 'ok'});
});

void test('a bare command with subcommands lists them; a wrong one too; a known one with wrong operands shows its usage', () => {
	const bare = chooseSubcommand('snapshot', []);
	assert.equal(bare.ok, false);
	assert.deepEqual(bare.ok ? undefined : [bare.message, bare.details.map(line => line.split('  ')[0])], [
		'"etcdeck snapshot" needs a subcommand (see etcdeck --help):',
		['etcdeck snapshot save [PATH]', 'etcdeck snapshot verify FILE', 'etcdeck snapshot drill FILE'],
	]);
	const wrong = chooseSubcommand('member', ['rm', 'm1']);
	assert.equal(wrong.ok ? undefined : wrong.message, '"rm" is no subcommand of "etcdeck member" (see etcdeck --help):');
	assert.equal(wrong.ok ? 0 : wrong.details.length, 3);
	const operands = chooseSubcommand('member', ['add', 'm4']);
	assert.deepEqual(operands, {ok: false, message: 'expected "etcdeck member add NAME PEER-URL[,PEER-URL]", got "etcdeck member add m4"; see etcdeck --help', details: []});
	assert.deepEqual(chooseSubcommand('snapshot', ['save']), {ok: true, name: 'save', operands: []});
	assert.deepEqual(chooseSubcommand('snapshot', ['verify', 'a.db']), {ok: true, name: 'verify', operands: ['a.db']});
	assert.equal(subcommandSummary('member'), 'member list|add|remove');
});
