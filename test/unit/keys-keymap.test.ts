import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import type {KeyBrowserEvent, KeyBrowserState} from '../../source/model/keys/key-browser-state.ts';
import {keymap, panes} from '../../source/ui/app/keymap.ts';
import {chordsLabel, type NamedKey} from '../../source/ui/keymap/key-chord.ts';
import {routeKey} from '../../source/ui/keymap/route-key.ts';
import {keysKeyLayer, keysKeymap, type KeysViewport} from '../../source/ui/keys/keys-keymap.ts';

/** The event a key gives in the Keys pane, routed as the app routes it (the pane's layer, then the global keys); undefined when the key is not the pane's. */
function keysKeyEvent(state: Pick<KeyBrowserState, 'prompt' | 'open'>, input: string, key: Key, viewport: KeysViewport): KeyBrowserEvent | undefined {
	const events: KeyBrowserEvent[] = [];
	const layer = keysKeyLayer(() => state as KeyBrowserState, event => events.push(event), () => viewport);
	routeKey({input, key}, [layer, {scope: 'global', run: () => undefined}], keymap, {readOnly: false, pane: panes[0]!, panes});
	return events[0];
}

/** Whether the pane takes every key: its layer is modal (the `/` line is being typed). */
function keysPaneTakesAllKeys(state: Pick<KeyBrowserState, 'prompt' | 'open'>): boolean {
	return keysKeyLayer(() => state as KeyBrowserState, () => undefined, () => ({listRows: 1, valueRows: 1, valueMaxOffset: 0})).modal === true;
}

const noKey: Key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};
const named = (name: NamedKey): Key => ({...noKey, [name]: true});
const view = {listRows: 10, valueRows: 8, valueMaxOffset: 30};
const list = {prompt: undefined, open: undefined};
const opened = {prompt: undefined, open: {} as never};
const typing = {prompt: '/ma', open: undefined};

void test('in the list, moving keys move the selection by a row or a page, Home/End go to the ends', () => {
	assert.deepEqual(keysKeyEvent(list, '', named('downArrow'), view), {type: 'move', step: 1, viewRows: 10});
	assert.deepEqual(keysKeyEvent(list, 'k', noKey, view), {type: 'move', step: -1, viewRows: 10});
	assert.deepEqual(keysKeyEvent(list, '', named('pageDown'), view), {type: 'move', step: 10, viewRows: 10});
	assert.deepEqual(keysKeyEvent(list, 'G', noKey, view), {type: 'end', viewRows: 10});
	assert.deepEqual(keysKeyEvent(list, '', named('home'), view), {type: 'home'});
	assert.deepEqual(keysKeyEvent(list, '', named('return'), view), {type: 'enter'});
	assert.deepEqual(keysKeyEvent(list, '', named('delete'), view), {type: 'up'});
	assert.deepEqual(keysKeyEvent(list, '', named('escape'), view), {type: 'up'});
	assert.deepEqual(keysKeyEvent(list, '/', noKey, view), {type: 'prompt-open'});
	assert.equal(keysKeyEvent(list, 'q', noKey, view), undefined, 'q is the app\'s');
	assert.equal(keysPaneTakesAllKeys(list), false);
});

void test('with a key open, the same keys scroll its value', () => {
	assert.deepEqual(keysKeyEvent(opened, '', named('downArrow'), view), {type: 'scroll-value', step: 1, maxOffset: 30});
	assert.deepEqual(keysKeyEvent(opened, '', named('pageUp'), view), {type: 'scroll-value', step: -8, maxOffset: 30});
	assert.deepEqual(keysKeyEvent(opened, '', named('end'), view), {type: 'scroll-value', step: 31, maxOffset: 30});
	assert.deepEqual(keysKeyEvent(opened, '', named('backspace'), view), {type: 'up'});
});

void test('while the / line is typed, every printable key is text (q and digits too), Enter goes, Esc cancels', () => {
	assert.equal(keysPaneTakesAllKeys(typing), true);
	assert.deepEqual(keysKeyEvent(typing, 'q', noKey, view), {type: 'prompt-type', text: 'q'});
	assert.deepEqual(keysKeyEvent(typing, '5', noKey, view), {type: 'prompt-type', text: '5'});
	assert.deepEqual(keysKeyEvent(typing, '/', noKey, view), {type: 'prompt-type', text: '/'});
	assert.deepEqual(keysKeyEvent(typing, '', named('return'), view), {type: 'prompt-apply'});
	assert.deepEqual(keysKeyEvent(typing, '', named('escape'), view), {type: 'prompt-cancel'});
	assert.deepEqual(keysKeyEvent(typing, '', named('delete'), view), {type: 'prompt-erase'});
	assert.equal(keysKeyEvent(typing, 'c', {...noKey, ctrl: true}, view), undefined);
});

void test('no chord is bound twice in one scope, and every binding says its keys and what it does', () => {
	for (const scope of ['keys', 'keys-prompt'] as const) {
		const chords = keysKeymap.filter(binding => binding.scope === scope).flatMap(binding => binding.chords.map(chord => JSON.stringify(chord)));
		assert.equal(new Set(chords).size, chords.length, scope);
	}

	assert.ok(keysKeymap.every(binding => chordsLabel(binding.chords) !== '' && binding.description !== ''));
});
