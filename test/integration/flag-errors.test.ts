import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runCli} from '../support/run-cli.ts';
import {helpText} from '../../source/config/flags.ts';

/** The command line's mistakes are refused by the process itself, before it connects anywhere: exit 2, one message on stderr. */
const nowhere = ['--endpoints', 'http://127.0.0.1:1'];

void test('an unknown flag names the nearest known one, exit 2, nothing on stdout', async () => {
	const result = await runCli(['--endpoint', 'http://127.0.0.1:1']);
	assert.deepEqual(result, {code: 2, stdout: '', stderr: 'etcdeck: unknown flag --endpoint (did you mean --endpoints?); see etcdeck --help\n'});
	const far = await runCli(['status', ...nowhere, '--frobnicate']);
	assert.deepEqual(far, {code: 2, stdout: '', stderr: 'etcdeck: unknown flag --frobnicate; see etcdeck --help\n'});
});

void test('-h is --help, alone or after a command: the help on stdout, exit 0', async () => {
	for (const args of [['-h'], ['--help'], ['snapshot', 'save', '-h']]) {
		const result = await runCli(args);
		assert.equal(result.code, 0, args.join(' '));
		assert.equal(result.stderr, '', args.join(' '));
		assert.ok(result.stdout.includes(helpText.split('\n')[1]!.trim()), args.join(' '));
		assert.match(result.stdout, /^ {4}--endpoints URL/m);
	}
});

void test('a number flag quotes what was typed, never NaN', async () => {
	for (const args of [['status', ...nowhere, '--refresh', 'abc'], [...nowhere, '--refresh=abc'], ['snapshot', 'save', '--keep', 'abc', ...nowhere]]) {
		const result = await runCli(args);
		assert.equal(result.code, 2, args.join(' '));
		assert.match(result.stderr, /^etcdeck: --(refresh|keep) takes a number \((MS|N)\), got "abc"; see etcdeck --help\n$/, args.join(' '));
		assert.doesNotMatch(result.stderr, /NaN/);
	}
});

void test('a bare command with subcommands lists them, one a line with what it does', async () => {
	const snapshot = await runCli(['snapshot']);
	assert.equal(snapshot.code, 2);
	assert.equal(snapshot.stdout, '');
	const lines = snapshot.stderr.trimEnd().split('\n');
	assert.equal(lines[0], 'etcdeck: "etcdeck snapshot" needs a subcommand (see etcdeck --help):');
	assert.deepEqual(lines.slice(1).map(line => /^ {2}(etcdeck snapshot \S+ \S+) +\S/.exec(line)?.[1]), ['etcdeck snapshot save [PATH]', 'etcdeck snapshot verify FILE', 'etcdeck snapshot drill FILE']);
	const member = await runCli(['member', ...nowhere]);
	assert.equal(member.code, 2);
	assert.match(member.stderr, /^etcdeck: "etcdeck member" needs a subcommand \(see etcdeck --help\):\n {2}etcdeck member list +\S.*\n {2}etcdeck member add NAME PEER-URL\[,PEER-URL\] +\S.*\n {2}etcdeck member remove MEMBER +\S.*\n$/);
	const operands = await runCli(['snapshot', 'verify']);
	assert.deepEqual(operands, {code: 2, stdout: '', stderr: 'etcdeck: expected "etcdeck snapshot verify FILE", got "etcdeck snapshot verify"; see etcdeck --help\n'});
});
