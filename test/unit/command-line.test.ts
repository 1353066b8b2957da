import {test} from 'node:test';
import assert from 'node:assert/strict';
import {completeCommand, parseCommand, resolveMember, type CommandLineSources} from '../../source/ui/command-line/command-line.ts';
import {commandLineReducer, initialCommandLineState, type CommandLineState} from '../../source/ui/command-line/command-line-state.ts';
import {keymap} from '../../source/ui/app/keymap.ts';

const members = [
	{id: '8e9e05c52164694d', name: 'etcd-1'},
	{id: '91bc3c398fb3c146', name: 'etcd-2'},
	{id: 'fd422379fda50e48', name: 'etcd-3'},
	{id: '2f0fd4b3a5cb0e1a', name: ''},
];
const sources: CommandLineSources = {members, prefixes: ['/config/', '/registry/', '/regions/']};

void test('a command runs the binding of its name with typed arguments: a member by name or by hex ID, in any case', () => {
	const byName = parseCommand('promote etcd-2', keymap, sources);
	assert.ok(byName.ok);
	assert.equal(byName.binding.command, 'promote');
	assert.deepEqual(byName.args, {member: {id: '91bc3c398fb3c146', name: 'etcd-2'}});

	const byId = parseCommand('  move-leader FD422379FDA50E48 ', keymap, sources);
	assert.ok(byId.ok);
	assert.equal(byId.binding.command, 'move-leader');
	assert.deepEqual(byId.args, {member: {id: 'fd422379fda50e48', name: 'etcd-3'}});

	const unnamed = parseCommand('promote 2f0fd4b3a5cb0e1a', keymap, sources);
	assert.ok(unnamed.ok);
	assert.deepEqual(unnamed.args, {member: {id: '2f0fd4b3a5cb0e1a', name: ''}});
});

void test('every command the issue names is in the keymap, with its arguments', () => {
	for (const [line, command] of [['members', 'members'], ['endpoints', 'endpoints'], ['lag', 'lag'], ['logs', 'logs'], ['health', 'health'], ['keys', 'keys'], ['q', 'quit'], ['snapshot', 'snapshot']] as const) {
		const parsed = parseCommand(line, keymap, sources);
		assert.ok(parsed.ok, line);
		assert.equal(parsed.binding.command, command);
		assert.deepEqual(parsed.args, {});
	}

	const keys = parseCommand('keys /registry/', keymap, sources);
	assert.ok(keys.ok);
	assert.deepEqual(keys.args, {prefix: '/registry/'});
});

void test('a path takes the rest of the line, spaces and all', () => {
	const parsed = parseCommand('snapshot /backups/nightly copy.db', keymap, sources);
	assert.ok(parsed.ok);
	assert.deepEqual(parsed.args, {path: '/backups/nightly copy.db'});
});

void test('bad lines say what is wrong, never nothing', () => {
	const message = (line: string, given: CommandLineSources = sources) => {
		const parsed = parseCommand(line, keymap, given);
		assert.ok(!parsed.ok, line);
		return parsed.message;
	};

	assert.equal(message('promote etcd-9'), 'no member named etcd-9; members: etcd-1, etcd-2, etcd-3, 2f0fd4b3a5cb0e1a');
	assert.equal(message('promote'), ':promote MEMBER needs MEMBER: a member\'s name or hex ID (members: etcd-1, etcd-2, etcd-3, 2f0fd4b3a5cb0e1a)');
	assert.equal(message('members now'), ':members takes no arguments (got "now")');
	assert.equal(message('promote etcd-1 etcd-2'), 'too many arguments: :promote MEMBER (got "etcd-1 etcd-2")');
	assert.match(message('frobnicate'), /^no command :frobnicate; Tab lists them$/);
	assert.match(message('mem'), /^no command :mem \(did you mean :members, :member add, :member remove\?\); Tab lists them$/);
	assert.equal(message(''), 'Type a command: Tab lists them');
	assert.equal(message('promote etcd-1', {members: undefined, prefixes: undefined}), 'no member named etcd-1: no member list yet (wait for the first refresh)');
});

void test('two members of one name: the hex ID decides', () => {
	const twins = [{id: 'aa', name: 'etcd-1'}, {id: 'bb', name: 'etcd-1'}];
	const found = resolveMember('etcd-1', twins);
	assert.ok(!found.ok);
	assert.equal(found.message, '2 members are named etcd-1: give the hex ID (aa, bb)');
	assert.deepEqual(resolveMember('BB', twins), {ok: true, member: twins[1]});
});

void test('Tab completes a command name, to the end when one matches (a space when it takes arguments)', () => {
	assert.deepEqual(completeCommand('prom', keymap, sources), {text: 'promote ', candidates: [], hint: undefined});
	assert.deepEqual(completeCommand('hea', keymap, sources), {text: 'health', candidates: [], hint: undefined});
	assert.deepEqual(completeCommand('', keymap, sources).candidates, ['members', 'endpoints', 'lag', 'logs', 'keys', 'health', 'db', 'promote', 'move-leader', 'member add', 'member remove', 'snapshot', 'defrag', 'compact', 'recover-space', 'check', 'filter', 'fleet', 'ctx', 'warnings', 'q']);
	const several = completeCommand('m', keymap, sources);
	assert.deepEqual(several.candidates, ['members', 'move-leader', 'member add', 'member remove']);
	assert.equal(several.text, 'm');
	const common = completeCommand('l', keymap, sources);
	assert.deepEqual(common.candidates, ['lag', 'logs']);
	assert.equal(completeCommand('zz', keymap, sources).hint, 'no command starts with zz');
});

void test('Tab completes arguments by kind: member names and IDs, key prefixes (to what they share); paths are typed', () => {
	assert.deepEqual(completeCommand('promote etcd-', keymap, sources), {text: 'promote etcd-', candidates: ['etcd-1', 'etcd-2', 'etcd-3'], hint: undefined});
	assert.equal(completeCommand('promote etcd-3', keymap, sources).text, 'promote etcd-3');
	assert.equal(completeCommand('move-leader 91', keymap, sources).text, 'move-leader 91bc3c398fb3c146');
	assert.equal(completeCommand('promote 2f', keymap, sources).text, 'promote 2f0fd4b3a5cb0e1a');
	assert.deepEqual(completeCommand('promote ', keymap, sources).candidates, ['etcd-1', '8e9e05c52164694d', 'etcd-2', '91bc3c398fb3c146', 'etcd-3', 'fd422379fda50e48', '2f0fd4b3a5cb0e1a']);
	assert.equal(completeCommand('promote x', keymap, sources).hint, 'no member starts with x');
	assert.deepEqual(completeCommand('keys /reg', keymap, sources), {text: 'keys /regi', candidates: ['/registry/', '/regions/'], hint: undefined});
	assert.equal(completeCommand('keys /c', keymap, sources).text, 'keys /config/');
	assert.match(completeCommand('keys ', keymap, {members, prefixes: undefined}).hint!, /^PREFIX: type a key prefix/);
	assert.equal(completeCommand('snapshot /tm', keymap, sources).hint, 'PATH: type it');
	assert.equal(completeCommand('members ', keymap, sources).hint, ':members takes no arguments');
	assert.equal(completeCommand('promote etcd-1 ', keymap, sources).hint, ':promote MEMBER: nothing more to give');
	assert.equal(completeCommand('promote ', keymap, {members: undefined, prefixes: undefined}).hint, 'no member list yet (wait for the first refresh)');
});

void test('history: ↑ walks back through this session\'s commands, ↓ comes back to the line being typed', () => {
	let state: CommandLineState = initialCommandLineState;
	const apply = (...events: Parameters<typeof commandLineReducer>[1][]) => {
		for (const event of events) {
			state = commandLineReducer(state, event);
		}
	};

	apply({type: 'open'}, {type: 'type', text: 'lag'}, {type: 'submit'});
	apply({type: 'open'}, {type: 'type', text: 'promote etcd-4'}, {type: 'submit'});
	apply({type: 'open'}, {type: 'type', text: 'promote etcd-4'}, {type: 'submit'});
	assert.deepEqual(state.history, ['lag', 'promote etcd-4'], 'a repeat in a row is kept once');
	assert.equal(state.draft, undefined);

	apply({type: 'open'}, {type: 'type', text: 'he'});
	apply({type: 'history', step: -1});
	assert.equal(state.draft, 'promote etcd-4');
	apply({type: 'history', step: -1}, {type: 'history', step: -1});
	assert.equal(state.draft, 'lag', 'the oldest stays');
	apply({type: 'history', step: 1}, {type: 'history', step: 1});
	assert.equal(state.draft, 'he', 'back to what was being typed');
	apply({type: 'type', text: '\u001B[31mal\u0007'});
	assert.equal(state.draft, 'he[31mal', 'typed controls are dropped');
	apply({type: 'erase'});
	assert.equal(state.draft, 'he[31ma');
	apply({type: 'clear'});
	assert.equal(state.draft, '');
	apply({type: 'close'});
	assert.equal(state.draft, undefined);
	assert.deepEqual(state.history, ['lag', 'promote etcd-4'], 'Esc keeps nothing');
});

void test('a name of two words (:member add, :member remove) is parsed and completed as one command', () => {
	const remove = parseCommand('member remove etcd-3', keymap, sources);
	assert.ok(remove.ok);
	assert.equal(remove.binding.command, 'member-remove');
	assert.deepEqual(remove.args, {member: {id: 'fd422379fda50e48', name: 'etcd-3'}});

	const add = parseCommand('member add etcd-5 https://10.0.0.5:2380,https://10.0.0.15:2380', keymap, sources);
	assert.ok(add.ok);
	assert.equal(add.binding.command, 'member-add');
	assert.deepEqual(add.args, {text: 'etcd-5 https://10.0.0.5:2380,https://10.0.0.15:2380'});

	assert.deepEqual(completeCommand('member ', keymap, sources).candidates, ['member add', 'member remove']);
	assert.equal(completeCommand('member r', keymap, sources).text, 'member remove ');
	assert.deepEqual(completeCommand('member remove etcd-', keymap, sources).candidates, ['etcd-1', 'etcd-2', 'etcd-3']);
	const unknown = parseCommand('member frobnicate', keymap, sources);
	assert.equal(unknown.ok, false);
});
