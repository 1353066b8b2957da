import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chordBytes} from '../../source/ui/keymap/chord-bytes.ts';
import {chordMatches, chordLabel} from '../../source/ui/keymap/key-chord.ts';
import {TerminalInputDecoder} from '../../source/ui/keymap/terminal-keys.ts';
import {keymap} from '../../source/ui/app/keymap.ts';

// The component, end-to-end and benchmark helpers all press keys through chordBytes: it must send the
// very key each binding names, or a test would press something else than an operator does.
void test('the bytes of every chord in the keymap decode back to that chord, and to one key press', () => {
	const chords = keymap.flatMap(binding => binding.chords.map(chord => ({command: binding.command, chord})));
	assert.ok(chords.length > 20, 'the keymap has its chords');
	for (const {command, chord} of chords) {
		const presses = new TerminalInputDecoder().decode(chordBytes(chord));
		assert.equal(presses.length, 1, `${command} ${chordLabel(chord)}`);
		assert.ok(chordMatches(chord, presses[0]!.input, presses[0]!.key), `${command} ${chordLabel(chord)} decodes to itself`);
	}
});

void test('Backspace and Delete are the bytes terminals send and the decoder tells apart', () => {
	const decode = (bytes: string) => new TerminalInputDecoder().decode(bytes)[0]!.key;
	assert.equal(decode(chordBytes({named: 'backspace'})).backspace, true);
	assert.equal(decode(chordBytes({named: 'delete'})).delete, true);
	assert.notEqual(chordBytes({named: 'backspace'}), chordBytes({named: 'delete'}));
});
