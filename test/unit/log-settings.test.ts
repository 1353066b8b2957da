import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ConfigError} from '../../source/config/settings.ts';
import {journalctlArgs} from '../../source/logs/journalctl-args.ts';
import {defaultLogLines, resolveLogSettings} from '../../source/logs/log-settings.ts';
import {classifyJournalctlStderr, logStatus, stderrSummary} from '../../source/logs/log-status.ts';

function configError(run: () => unknown, message: RegExp): void {
	assert.throws(run, (error: unknown) => error instanceof ConfigError && message.test(error.message));
}

test('no log flags: the default units, the system journal, 5000 lines', () => {
	assert.deepEqual(resolveLogSettings({}), {units: [], lines: defaultLogLines});
	assert.equal(defaultLogLines, 5000);
});

test('--log-unit takes one unit or several separated by commas', () => {
	assert.deepEqual(resolveLogSettings({logUnit: 'etcd'}).units, ['etcd']);
	assert.deepEqual(resolveLogSettings({logUnit: 'etcd, dh-etcd'}).units, ['etcd', 'dh-etcd']);
	configError(() => resolveLogSettings({logUnit: 'etcd,'}), /--log-unit takes unit names/);
});

test('--journal-dir and --journal-file must exist and are made absolute (journalctl -f fails on a bare file name)', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-log-settings-'));
	try {
		const file = path.join(dir, 'system.journal');
		writeFileSync(file, '');
		assert.equal(resolveLogSettings({journalDir: path.relative(process.cwd(), dir)}).journalDir, dir);
		assert.equal(resolveLogSettings({journalFile: path.relative(process.cwd(), file)}).journalFile, file);
		configError(() => resolveLogSettings({journalDir: path.join(dir, 'missing')}), /^--journal-dir .*missing: does not exist$/);
		configError(() => resolveLogSettings({journalDir: file}), /^--journal-dir .*: not a directory$/);
		configError(() => resolveLogSettings({journalFile: dir}), /^--journal-file .*: not a file$/);
		configError(() => resolveLogSettings({journalDir: dir, journalFile: file}), /--journal-dir and --journal-file do not go together/);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('--log-command stands alone and must not be empty', () => {
	assert.deepEqual(resolveLogSettings({logCommand: 'tail -F /var/log/etcd.log', logLines: 200}), {units: [], logCommand: 'tail -F /var/log/etcd.log', lines: 200});
	configError(() => resolveLogSettings({logCommand: 'x', logUnit: 'etcd', journalDir: '/tmp'}), /^--log-command runs its own command: --log-unit and --journal-dir would be ignored/);
	configError(() => resolveLogSettings({logCommand: ' '}), /--log-command is empty/);
});

test('--log-lines must be a whole number of at least 1', () => {
	configError(() => resolveLogSettings({logLines: 0}), /--log-lines must be a whole number of at least 1, got 0/);
	configError(() => resolveLogSettings({logLines: 2.5}), /got 2\.5/);
});

test('journalctl arguments: the system journal follows the current boot; copied journals merge every boot', () => {
	assert.deepEqual(journalctlArgs({}, ['etcd'], {follow: true, lines: 500}).slice(0, 8), ['--unit', 'etcd', '--follow', '--output', 'json', '--lines', '500', '--all']);
	assert.deepEqual(journalctlArgs({journalDir: '/j'}, ['etcd', 'dh-etcd'], {follow: false, lines: 1}).slice(0, 7), ['--directory', '/j', '--merge', '--unit', 'etcd', '--unit', 'dh-etcd']);
	assert.deepEqual(journalctlArgs({journalFile: '/j/a.journal'}, [], {follow: false, lines: 1}).slice(0, 4), ['--file', '/j/a.journal', '--merge', '--output']);
});

test('journalctl\'s own words for unreadable and missing journals are told apart', () => {
	// As journalctl 252 writes them (run as nobody, and on paths that do not exist).
	assert.equal(classifyJournalctlStderr('Failed to open files: Permission denied\n'), 'permission-denied');
	assert.equal(classifyJournalctlStderr('No journal files were opened due to insufficient permissions.\n'), 'permission-denied');
	assert.equal(classifyJournalctlStderr('Hint: You are currently not seeing messages from other users and the system.\n      Users in groups \'adm\', \'systemd-journal\' can see all messages.\n'), 'permission-denied');
	assert.equal(classifyJournalctlStderr('Failed to open /nonexist: No such file or directory\n'), 'no-journal');
	assert.equal(classifyJournalctlStderr('Failed to open files: No such file or directory\n'), 'no-journal');
	assert.equal(classifyJournalctlStderr('Failed to get journal fd: Destination address required\n'), undefined);
	assert.equal(stderrSummary('a\n\n  b  \nc\nd\n'), 'b / c / d');
});

test('each state tells the operator what to do', () => {
	const tail = {units: ['etcd', 'dh-etcd']};
	assert.equal(logStatus.journalctlMissing().message, 'journalctl not found: install systemd (it provides journalctl) or pass --log-command CMD');
	assert.match(logStatus.permissionDenied(tail, 'x').message, /systemd-journal or adm group, or pass --log-command/);
	assert.match(logStatus.noEntries(tail).message, /^no entries for unit etcd or dh-etcd in the system journal: pass --log-unit NAME/);
	assert.match(logStatus.emptyJournal({...tail, journalDir: '/j'}).message, /^no journal entries at all in journal directory \/j/);
	assert.equal(logStatus.exited({command: 'cat x', units: []}, 0, null, '').severity, 'warning');
	assert.equal(logStatus.exited({units: ['etcd']}, 1, null, 'boom').message, 'journalctl exited with code 1: boom; no more lines will come');
});
