import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import type {Key} from 'ink';
import {describeKeyPress, TerminalInputDecoder, type KeyPress} from '../../source/ui/keymap/terminal-keys.ts';
import {mustEscape} from '../../source/model/shared/safe-text.ts';

/** Key presses as help names them, for readable assertions. */
function decode(...reads: string[]): string[] {
	const decoder = new TerminalInputDecoder();
	const presses: KeyPress[] = [];
	for (const read of reads) {
		presses.push(...decoder.decode(read));
	}

	return presses.map(press => describeKeyPress(press));
}

const flagNames: ReadonlyArray<keyof Key> = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'];

void test('the keys the dashboard binds, in the forms terminals send them', () => {
	assert.deepEqual(decode('\u001B[A', '\u001B[B', '\u001BOA', '\u001BOB', '\u001B[C', '\u001B[D'), ['↑', '↓', '↑', '↓', '→', '←']);
	assert.deepEqual(decode('\u001B[5~', '\u001B[6~', '\u001B[H', '\u001B[F', '\u001B[1~', '\u001B[4~', '\u001BOH', '\u001B[3~'), ['PgUp', 'PgDn', 'Home', 'End', 'Home', 'End', 'Home', 'Delete']);
	assert.deepEqual(decode('\r', '\t', '\u001B[Z', '\u007F', '\b', '\u001B', '\u0003', '\u0015'), ['Enter', 'Tab', 'Shift-Tab', 'Delete', 'Backspace', 'Esc', 'Ctrl-C', 'Ctrl-U']);
	assert.deepEqual(decode('j', 'Q', '?', ' '), ['j', 'Q', '?', ' ']);
	assert.deepEqual(decode('\u001B[1;5A', '\u001B[1;2B'), ['Ctrl-↑', 'Shift-↓']);
});

void test('pasted colour codes and other escape sequences that are no key are ignored whole (this crashed the dashboard)', () => {
	assert.deepEqual(decode('\u001B[31m'), []);
	assert.deepEqual(decode('red \u001B[31mtext\u001B[0m'), ['red ', 'text']);
	for (const sequence of ['\u001B[2J', '\u001B[?1049h', '\u001B[113u', '\u001B[200~', '\u001B[I', '\u001B[<0;10;5M', '\u001B[[A', '\u001B[[5~', '\u001BOP', '\u009B31m', '\u008FA'.replace('A', 'P')]) {
		assert.deepEqual(decode(sequence), [], JSON.stringify(sequence));
	}
});

void test('a title, DCS or other control string is ignored up to its end, also when Ink cut it at its ESC', () => {
	assert.deepEqual(decode('\u001B]0;PWN\u0007x'), ['x']);
	assert.deepEqual(decode('\u001B]', '0;PWN\u0007', 'x'), ['x']);
	// As Ink cuts it: at each ESC, the ESC with the character after it.
	assert.deepEqual(decode('\u001B]', '8;;http://evil', '\u001B\\', 'y'), ['y']);
	assert.deepEqual(decode('\u001BPq#0\u001B\\z'), ['z']);
	assert.deepEqual(decode('\u009D0;PWN\u009Cz'), ['z']);
});

void test('an unterminated control string ends with the terminal read: keys typed later are keys', () => {
	const decoder = new TerminalInputDecoder();
	assert.deepEqual(decoder.decode('\u001B]0;never ends'), []);
	decoder.endOfRead();
	assert.deepEqual(decoder.decode('q').map(press => press.input), ['q']);
});

void test('CR is Enter wherever it stands in a chunk; control characters never become text', () => {
	assert.deepEqual(decode('abc\r'), ['abc', 'Enter']);
	// BEL is Ctrl-G (bound to nothing); C1, bidi and zero-width characters are dropped from text.
	assert.deepEqual(decode('a\u0007b\u001Cc\u0085d\u202Ee\u200Bf\nqq'), ['a', 'Ctrl-G', 'b', 'cdef', 'qq']);
	assert.deepEqual(decode('\u001Bx'), ['Esc', 'x']);
	assert.deepEqual(decode('\u001B\u001B'), ['Esc', 'Esc']);
	assert.deepEqual(decode('\u001B\u001B[A'), ['Esc', '↑']);
	assert.deepEqual(decode('\u001B\r'), ['Esc', 'Enter']);
	// A sequence cut short by a control character gives way to it.
	assert.deepEqual(decode('\u001B[31\r'), ['Enter']);
});

void test('any bytes at all: every press is a bound kind of key or text without a character the sanitizer escapes', () => {
	const decoder = new TerminalInputDecoder();
	for (let round = 0; round < 2000; round++) {
		const read = randomBytes(1 + (round % 24)).toString('utf8');
		for (const {input, key} of decoder.decode(read)) {
			const flags = flagNames.filter(name => key[name] === true);
			assert.ok(flags.length <= 1, `one named key at most: ${flags.join(',')}`);
			if (flags.length === 1 || key.ctrl) {
				assert.ok(flags.length === 1 ? input === '' : /^[`a-z]$/.test(input), JSON.stringify({read, input}));
			} else {
				assert.ok(input !== '' && [...input].every(char => !mustEscape(char.codePointAt(0)!)), JSON.stringify({read, input}));
			}
		}

		decoder.endOfRead();
	}
});
