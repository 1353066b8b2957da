import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {appReducer, effectiveSelection, filterOf, initialAppState, type AppState} from '../../source/ui/app/app-state.ts';
import {panes} from '../../source/ui/app/keymap.ts';

const rowIds = ['m1', 'm2', 'm3'];
const state = (changes: Partial<AppState> = {}): AppState => ({...initialAppState, ...changes});

void describe('appReducer: panes', () => {
	void test('the dashboard opens on the members pane, no help, no notice', () => {
		assert.deepEqual(initialAppState, {pane: 'members', selectedId: undefined, helpOpen: false, helpOffset: 0, actionLogOpen: false, actionLogOffset: 0, actionLogFilter: {text: '', draft: undefined}, dialog: undefined, snapshotForm: undefined, lagChart: 'all', notice: undefined, filters: {}});
	});

	void test('each pane keeps its own / filter: typed, kept and cleared through the row filter', () => {
		const typed = [{type: 'open'}, {type: 'type', text: 'etcd'}, {type: 'keep'}] as const;
		const filtered = typed.reduce((current, event) => appReducer(current, {type: 'filter', pane: 'members', event}), state({}));
		assert.deepEqual(filterOf(filtered, 'members'), {text: 'etcd', draft: undefined});
		assert.deepEqual(filterOf(filtered, 'endpoints'), {text: '', draft: undefined});
		assert.deepEqual(filterOf(appReducer(filtered, {type: 'filter', pane: 'members', event: {type: 'clear'}}), 'members'), {text: '', draft: undefined});
	});

	void test('showing an available pane switches to it and clears the notice', () => {
		const next = appReducer(state({notice: 'old notice', selectedId: 'm2'}), {type: 'show-pane', pane: 'endpoints'});
		assert.deepEqual(next, state({pane: 'endpoints', selectedId: 'm2'}));
		assert.equal(appReducer(next, {type: 'show-pane', pane: 'members'}).pane, 'members');
	});

	void test('every pane can be shown', () => {
		for (const {id} of panes) {
			assert.equal(appReducer(state({notice: 'x'}), {type: 'show-pane', pane: id}).pane, id);
		}
	});

	void test('cycling goes both ways and wraps around', () => {
		let current = state();
		const seen: string[] = [];
		const paneIds = panes.map(pane => pane.id);
		for (const _ of paneIds) {
			current = appReducer(current, {type: 'cycle-pane', step: 1});
			seen.push(current.pane);
		}

		assert.deepEqual(seen, [...paneIds.slice(1), paneIds[0]]);
		assert.equal(appReducer(state(), {type: 'cycle-pane', step: -1}).pane, paneIds.at(-1));
		assert.equal(appReducer(state({pane: 'endpoints'}), {type: 'cycle-pane', step: -1}).pane, 'members');
	});

	void test('cycling clears the notice and keeps the selection and help', () => {
		const next = appReducer(state({notice: 'x', selectedId: 'm2', helpOpen: true}), {type: 'cycle-pane', step: 1});
		assert.deepEqual(next, state({pane: 'endpoints', selectedId: 'm2', helpOpen: true}));
	});

	void test('the reducer does not change the state it is given', () => {
		const before = state({notice: 'keep me'});
		const frozen = Object.freeze({...before});
		appReducer(frozen, {type: 'show-pane', pane: 'endpoints'});
		appReducer(frozen, {type: 'cycle-pane', step: 1});
		appReducer(frozen, {type: 'toggle-help'});
		assert.deepEqual(frozen, before);
	});
});

void describe('appReducer: selection', () => {
	const move = (selectedId: string | undefined, step: 1 | -1, ids: readonly string[] = rowIds) => appReducer(state({selectedId, notice: 'x'}), {type: 'move-selection', step, rowIds: ids});

	void test('moves one row down and up from the row shown as selected', () => {
		assert.equal(move('m1', 1).selectedId, 'm2');
		assert.equal(move('m2', 1).selectedId, 'm3');
		assert.equal(move('m3', -1).selectedId, 'm2');
		assert.equal(move('m2', -1).selectedId, 'm1');
		assert.equal(move('m2', 1).notice, undefined);
	});

	void test('clamps at both ends', () => {
		assert.equal(move('m3', 1).selectedId, 'm3');
		assert.equal(move('m1', -1).selectedId, 'm1');
	});

	void test('a remembered id that has gone counts as the first row, the one shown as selected', () => {
		assert.equal(move('gone', 1).selectedId, 'm2');
		assert.equal(move('gone', -1).selectedId, 'm1');
	});

	void test('with nothing selected, moves from the first row, which is shown as selected', () => {
		assert.equal(move(undefined, 1).selectedId, 'm2');
		assert.equal(move(undefined, -1).selectedId, 'm1');
	});

	void test('several moves in a row each start from the last one', () => {
		let current = state();
		for (let step = 0; step < 2; step++) {
			current = appReducer(current, {type: 'move-selection', step: 1, rowIds});
		}

		assert.equal(current.selectedId, 'm3');
	});

	void test('with no rows nothing changes', () => {
		const before = state({selectedId: 'm2', notice: 'kept'});
		assert.equal(appReducer(before, {type: 'move-selection', step: 1, rowIds: []}), before);
	});

	void test('a single row stays selected either way', () => {
		assert.equal(move('only', 1, ['only']).selectedId, 'only');
		assert.equal(move('only', -1, ['only']).selectedId, 'only');
	});
});

void describe('appReducer: help and notices', () => {
	void test('help scrolls within 0..maxOffset and opens at the top again', () => {
		let current = appReducer(state(), {type: 'toggle-help'});
		current = appReducer(current, {type: 'scroll-help', step: -1, maxOffset: 2});
		assert.equal(current.helpOffset, 0);
		for (let step = 0; step < 5; step++) {
			current = appReducer(current, {type: 'scroll-help', step: 1, maxOffset: 2});
		}

		assert.equal(current.helpOffset, 2);
		current = appReducer(appReducer(current, {type: 'toggle-help'}), {type: 'toggle-help'});
		assert.equal(current.helpOffset, 0);
	});

	void test('toggle-help opens and closes; close-help only closes', () => {
		const open = appReducer(state(), {type: 'toggle-help'});
		assert.equal(open.helpOpen, true);
		assert.equal(appReducer(open, {type: 'toggle-help'}).helpOpen, false);
		assert.equal(appReducer(open, {type: 'close-help'}).helpOpen, false);
		assert.equal(appReducer(state(), {type: 'close-help'}).helpOpen, false);
	});

	void test('help toggling leaves the pane and selection alone', () => {
		const before = state({pane: 'endpoints', selectedId: 'm2'});
		assert.deepEqual(appReducer(before, {type: 'toggle-help'}), {...before, helpOpen: true, helpOffset: 0});
	});

	void test('notice sets and clears the notice', () => {
		const set = appReducer(state(), {type: 'notice', text: 'refreshing'});
		assert.equal(set.notice, 'refreshing');
		assert.equal(appReducer(set, {type: 'notice', text: undefined}).notice, undefined);
	});
});

void describe('effectiveSelection', () => {
	void test('the remembered row while it exists', () => {
		assert.equal(effectiveSelection('m2', rowIds), 'm2');
	});

	void test('the first row when nothing is remembered or the remembered row has gone', () => {
		assert.equal(effectiveSelection(undefined, rowIds), 'm1');
		assert.equal(effectiveSelection('gone', rowIds), 'm1');
	});

	void test('nothing when there are no rows', () => {
		assert.equal(effectiveSelection('m2', []), undefined);
		assert.equal(effectiveSelection(undefined, []), undefined);
	});
});
