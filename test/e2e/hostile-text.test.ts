import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {LocalCluster} from '../../source/demo/local-cluster.ts';
import {escapeKey} from '../../source/model/shared/key-text.ts';
import {safeText} from '../../source/model/shared/safe-text.ts';
import {PtySession} from '../bench/pty-session.ts';
import {etcdeckBin} from '../support/run-cli.ts';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {chordFor} from '../support/tmux.ts';
import {foreignControls} from '../support/terminal-output.ts';

/**
 * A hostile cluster on real etcd: members named with ESC, OSC, BEL and CR, a bidi override and a C1
 * control; keys, values and log lines holding CR, BEL, ESC, C1, bidi overrides and zero-width
 * characters. The dashboard, `status` and `snapshot` run in a real pty, and every byte they write is
 * checked: the only escape sequences are etcdeck's own (colours, cursor movement, the alternate screen,
 * synchronized updates), with no OSC, no BEL, no C1, no CR inside a line, and no bidi or invisible
 * character. What the data holds is still there to read, escaped.
 */
const evilName = 'evil\u001B]0;PWN\u0007\u001B[41mRED\rX';
const bidiName = 'm2\u202Egnp.exe\u200B';
const c1Name = 'm3\u009B2J\u0085';
const names = [evilName, bidiName, c1Name];

const hostileKeys: ReadonlyArray<readonly [string, string]> = [
	['/hostile/value-cr', 'SAFE-LOOKING-VALUE\rEVIL'],
	['/hostile/json-cr', '{"a":1}\r{"zzz":"hidden"}'],
	['/hostile/json-bidi', '{"file":"invoice\u202Efdp.exe","zero\u200Bwidth":"line\u2028sep\uFEFF"}'],
	['/hostile/bidi\u202Egnp.exe', 'invoice\u202Efdp.exe and \u2066isolate\u2069'],
	['/hostile/esc\u001B]0;KEYTITLE\u0007\r', '\u001B[2J\u001B]0;VALUETITLE\u0007\u0007bell\u009B31m'],
];

/** Log lines of every format etcdeck reads, each with something a terminal would act on. */
const hostileLogLines = [
	'2024-01-01 10:00:00.000000 W | etcdserver: looks fine\r2024-01-01 10:00:00.000000 E | spoofed line over it',
	JSON.stringify({level: 'warn', ts: '2024-01-01T10:00:01.000Z', caller: 'etcdserver/x.go:1', msg: 'zap \u001B]0;LOGTITLE\u0007 bell\u0007 c1\u009B31m bidi\u202Eright zw\u200Bx', peer: '\u001B[41mred field\r'}),
	'plain \u001B]0;RAWTITLE\u0007 clear\u001B[2J c1\u009D0;T\u009C bidi\u2067 ls\u2028x',
	JSON.stringify({MESSAGE: [27, 93, 48, 59, 74, 84, 7, 106, 111, 117, 114, 110, 97, 108], PRIORITY: '4', _HOSTNAME: 'host\u001B[31mred', _SYSTEMD_UNIT: 'etcd\u202E.service', __REALTIME_TIMESTAMP: '1704103202000000'}),
	JSON.stringify({MESSAGE: 'second host', PRIORITY: '6', _HOSTNAME: 'h2', _SYSTEMD_UNIT: 'etcd.service', __REALTIME_TIMESTAMP: '1704103203000000'}),
];

/** What must never reach the terminal as it is, wherever it came from. */
const rawHostile = ['\u001B]', '\u0007', '\u009B', '\u009D', '\u0085', '\u202E', '\u2066', '\u2067', '\u200B', '\u2028', '\uFEFF', 'RED\rX', '\u001B[41m', '\u001B[2J'];

/** Any member's name as etcdeck shows it, as a regular expression. */
const escapedNames = names.map(name => safeText(name).replaceAll(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|');

let etcd: LocalCluster;
let scratch: string;
let logFile: string;

before(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'etcdeck-e2e-hostile-'));
	logFile = path.join(scratch, 'etcd.log');
	writeFileSync(logFile, `${hostileLogLines.join('\n')}\n`);
	etcd = await LocalCluster.start({voters: 3, voterNames: names});
	await etcd.putKeys(hostileKeys);
}, {timeout: 90_000});

after(async () => {
	await etcd?.stop();
	rmSync(scratch, {recursive: true, force: true});
});

function etcdeckInPty(args: readonly string[], size = {columns: 160, rows: 40}): PtySession {
	return PtySession.start(process.execPath, [etcdeckBin, ...args], {...size, cwd: scratch});
}

function assertClean(output: Buffer, what: string, options: Parameters<typeof foreignControls>[1] = {}): void {
	const findings = foreignControls(output, options);
	assert.deepEqual(findings.slice(0, 10), [], `${what} wrote what etcdeck does not emit itself (${findings.length} findings)`);
	const text = output.toString('utf8');
	for (const raw of rawHostile) {
		assert.ok(!text.includes(raw), `${what} wrote ${JSON.stringify(raw)} raw`);
	}
}

async function key(session: PtySession, sequence: string, what: string, check: (text: string) => boolean): Promise<void> {
	const pressed = session.press(sequence);
	await session.frame(what, check, {after: pressed});
}

void test('the dashboard: every pane, a value of each kind, the logs, help, the action log and the snapshot form write nothing raw', {timeout: 120_000}, async () => {
	const session = etcdeckInPty(['--endpoints', etcd.endpoints[0]!, '--refresh', '500', '--snapshot-dir', scratch, '--log-command', `tail -n +1 -f ${logFile}`]);
	try {
		const shown = names.map(name => safeText(name));
		await session.frame('every member, named escaped', text => shown.every(name => text.includes(name)));
		const visits: Array<[string, string, (text: string) => boolean]> = [
			['endpoints', chordBytes(chordFor('endpoints')), text => text.includes('RAFT INDEX')],
			['lag', chordBytes(chordFor('lag')), text => text.includes(shown[1]!)],
			['logs', chordBytes(chordFor('logs')), text => text.includes('spoofed line over it') && text.includes(safeText('zap \u001B]0;LOGTITLE'))],
			['health', chordBytes(chordFor('health')), text => text.includes(shown[0]!)],
			['help', chordBytes(chordFor('toggle-help')), text => text.includes('Everywhere')],
			['help closed', chordBytes({named: 'escape'}), text => !text.includes('Everywhere')],
			['the snapshot form', chordBytes(chordFor('snapshot')), text => text.includes('Save a snapshot') && shown.every(name => text.includes(name))],
			['the form closed', chordBytes({named: 'escape'}), text => !text.includes('Save a snapshot')],
			['the keys pane', chordBytes(chordFor('keys')), text => text.includes('hostile/')],
		];
		for (const [what, sequence, check] of visits) {
			await key(session, sequence, what, check);
		}

		const valueScreens: string[] = [];
		for (const [name, value] of hostileKeys) {
			const escaped = escapeKey(Buffer.from(name));
			await key(session, '/', 'the / line', text => text.includes('Enter go'));
			// Pasted with colour codes around it: they are ignored, the CR ending the chunk is Enter.
			await key(session, `\u001B[31m${escaped}\u001B[0m\r`, `the level of ${escaped}`, text => text.includes(`names starting ${escapeKey(Buffer.from(name.slice('/hostile/'.length)))}`) && text.includes('row 1 of 1 ·'));
			await key(session, '\r', `the value of ${escaped}`, text => text.includes('create rev') && text.includes(`${escaped}  ·  `) && text.includes(`${Buffer.byteLength(value)} B`));
			valueScreens.push(session.frames.lastFrame!.text);
			await key(session, chordBytes({named: 'escape'}), 'back to the level', text => !text.includes('create rev'));
		}

		await key(session, '/', 'the / line', text => text.includes('Enter go'));
		await key(session, '/hostile/\\xZZ\r', 'the bad escape refused', text => text.includes('bad escape "\\xZZ" at position 10'));
		await key(session, chordBytes({named: 'escape'}), 'the / line closed', text => !text.includes('bad escape'));
		const valueFrames = valueScreens.join('\n');
		assert.ok(valueFrames.includes('SAFE-LOOKING-VALUE\\rEVIL'));
		assert.ok(valueFrames.includes('{"a":1}\\r{"zzz":"hidden"}'));
		assert.ok(valueFrames.includes('"file": "invoice\\u202efdp.exe"'));
		assert.ok(valueFrames.includes('"zero\\u200bwidth": "line\\u2028sep\\ufeff"'));
		assert.ok(valueFrames.includes('invoice\\u202efdp.exe and \\u2066isolate\\u2069'));
		// A value with other controls is binary: a hex dump, its printable side dotted.
		assert.ok(valueFrames.includes('1b 5b 32 4a 1b 5d 30 3b'));
		await key(session, chordBytes(chordFor('toggle-action-log')), 'the action log', text => text.includes('Action log'));
		await key(session, chordBytes({named: 'escape'}), 'the action log closed', text => !text.includes('Action log'));
		session.press(chordBytes(chordFor('quit')));
		assert.equal(await session.exited, 0);
		assertClean(session.output(), 'the dashboard');
	} finally {
		await session.stop();
	}
});

void test('etcdeck status and status --json, in a terminal: every byte is etcdeck\'s own, the names are there escaped', {timeout: 60_000}, async () => {
	for (const json of [false, true]) {
		const session = etcdeckInPty(['status', '--endpoints', etcd.endpoints[0]!, ...(json ? ['--json'] : [])]);
		try {
			assert.equal(await session.exited, 0);
			const output = session.output();
			assertClean(output, json ? 'status --json' : 'status');
			const text = output.toString('utf8').replaceAll('\r\n', '\n');
			if (json) {
				const report = JSON.parse(text) as {members: Array<{name: string}>};
				assert.deepEqual(report.members.map(member => member.name).sort(), [...names].sort(), 'JSON escapes give back the names exactly');
			} else {
				for (const name of names) {
					assert.ok(text.includes(` ${safeText(name)} `), `${safeText(name)} in:\n${text}`);
				}

				// Every table row has the table's width: no name broke or shortened its row.
				const memberTable = text.split('\n').filter(line => line.startsWith('|')).slice(0, 1 + names.length);
				assert.equal(new Set(memberTable.map(line => [...line].length)).size, 1, text);
			}
		} finally {
			await session.stop();
		}
	}
});

void test('etcdeck snapshot save and verify, in a terminal, with the progress line: every byte is etcdeck\'s own', {timeout: 60_000}, async () => {
	const dir = path.join(scratch, 'snapshots');
	mkdirSync(dir);
	const save = etcdeckInPty(['snapshot', 'save', '--endpoints', etcd.endpoints[0]!, '--snapshot-dir', dir]);
	try {
		assert.equal(await save.exited, 0, save.describe());
		assertClean(save.output(), 'snapshot save', {allowProgressLine: true});
		assert.match(save.output().toString('utf8'), new RegExp(`saved .* from (${escapedNames}) `));
	} finally {
		await save.stop();
	}

	const file = path.join(dir, readdirSync(dir).find(name => name.endsWith('.db'))!);
	const verify = etcdeckInPty(['snapshot', 'verify', file]);
	try {
		assert.equal(await verify.exited, 0, verify.describe());
		assertClean(verify.output(), 'snapshot verify');
		assert.match(verify.output().toString('utf8'), new RegExp(`manifest: taken .* from (${escapedNames}) `));
	} finally {
		await verify.stop();
	}
});

/** A small seeded generator (xorshift32), so that a failing run can be told apart and repeated. */
function randomSource(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state;
	};
}

/** Bytes the fuzz leaves out: q and Ctrl-C quit and s opens the snapshot form (whose Enter writes a file). */
const leftOut = new Set([0x03, 0x71, 0x73]);

function randomByteStrings(count: number, seed: number): Buffer[] {
	const next = randomSource(seed);
	return Array.from({length: count}, () => {
		const bytes = Array.from({length: 1 + (next() % 12)}, () => next() % 256).filter(byte => !leftOut.has(byte));
		return Buffer.from(bytes);
	});
}

/** Every CSI and SS3 final byte (plain, with parameters, private, 8-bit), control strings of each kind, and their bare introducers. */
function sequencePrefixes(): string[] {
	const finals = Array.from({length: 0x7F - 0x40}, (_, index) => String.fromCharCode(0x40 + index));
	const sequences = finals.flatMap(final => [`\u001B[${final}`, `\u001B[1;5${final}`, `\u001B[?1${final}`, `\u001B[>0;1 ${final}`, `\u001BO${final}`, `\u009B${final}`, `\u008F${final}`]);
	const strings = ['\u001B]0;title\u0007', '\u001B]8;;http://x\u001B\\', '\u001B]52;c;cHduZWQ=\u0007', '\u001BPq#0;2;0;0;0\u001B\\', '\u001B_G\u001B\\', '\u001B^pm\u001B\\', '\u001BXsos\u001B\\', '\u009D0;t\u009C', '\u0090x\u009C'];
	const introducers = ['\u001B', '\u001B[', '\u001B[1', '\u001B[1;', '\u001B[?', '\u001BO', '\u001B]', '\u001B]0;', '\u001BP', '\u001B_', '\u001B^', '\u001BX', '\u009B', '\u008F', '\u009D', '\u0090', '\u001B\u001B', '\u001B\u001B['];
	// A BEL after each ends a control string it may have left open, so the next one is read fresh.
	return [...sequences, ...strings, ...introducers].map(sequence => `${sequence}\u0007`);
}

void test('fuzzing the input: 10,000 random byte strings and every CSI, SS3 and OSC prefix; etcdeck still draws and answers ?', {timeout: 300_000}, async () => {
	const seed = Date.now() % 2 ** 31;
	const session = etcdeckInPty(['--endpoints', etcd.endpoints[0]!, '--read-only', '--refresh', '1000', '--snapshot-dir', scratch, '--log-command', `tail -n +1 -f ${logFile}`]);
	try {
		await session.frame('every member', text => names.every(name => text.includes(safeText(name))));
		// A key that draws: once it has, the terminal is in raw mode (the first frame can come before
		// it is, and a cooked terminal would take Ctrl-\ for SIGQUIT).
		await key(session, chordBytes(chordFor('endpoints')), 'the endpoints pane', text => text.includes('RAFT INDEX'));
		const inputs = [...randomByteStrings(10_000, seed), ...sequencePrefixes().map(sequence => Buffer.from(sequence))];
		// Batched: a hundred strings a write, each batch ending any control string left open.
		for (let start = 0; start < inputs.length; start += 100) {
			session.press(Buffer.concat([...inputs.slice(start, start + 100), Buffer.from('\u0007')]));
		}

		// Out of whatever the keys opened (a filter, the / line, help, the action log), then help.
		session.press('\u0007\u001B\\');
		for (let round = 0; round < 3; round++) {
			session.press('\u001B\u001B\u001B');
			const asked = session.press(chordBytes(chordFor('toggle-help')));
			try {
				await session.frame(`help after the fuzz (seed ${seed})`, text => text.includes('Everywhere'), {after: asked, timeoutMs: 60_000});
				break;
			} catch (error) {
				if (round === 2) {
					throw error;
				}
			}
		}

		const closed = session.press(chordBytes({named: 'escape'}));
		await session.frame('help closed: still drawing', text => !text.includes('Everywhere') && text.includes('refreshed'), {after: closed});
		assertClean(session.output(), `the fuzzed dashboard (seed ${seed})`, {allowReplacementCharacter: true});
		session.press(chordBytes(chordFor('quit')));
		assert.equal(await session.exited, 0, `seed ${seed}`);
	} finally {
		await session.stop();
	}
});
