import type {KeyChange, KeyRecord, ReadConsistency} from '../../source/cluster/key-browser/key-types.ts';
import {initialKeyBrowserState, keyBrowserReducer, type KeyBrowserEvent, type KeyBrowserState, type PageDirection} from '../../source/model/keys/key-browser-state.ts';
import {levelEntryOf, type LevelEntry} from '../../source/cluster/key-range.ts';

export const linearizable: ReadConsistency = {mode: 'linearizable', endpoint: 'http://10.0.0.1:2379'};

/** Rows named as a listing shows them: a trailing "/" makes a child prefix. */
export function entries(prefix: string, names: readonly string[]): LevelEntry[] {
	return names.map(name => ({kind: name.endsWith('/') ? 'prefix' : 'key', bytes: Buffer.from(prefix + name)}));
}

export function reduce(state: KeyBrowserState, ...events: KeyBrowserEvent[]): KeyBrowserState {
	return events.reduce(keyBrowserReducer, state);
}

/** The answer to the page the state asked for, as the hook dispatches it. */
export function pageAnswer(state: KeyBrowserState, direction: PageDirection, rows: LevelEntry[], more: boolean, revision = '100'): KeyBrowserEvent {
	return {type: 'page-loaded', generation: state.generation, direction, entries: rows, more, read: linearizable, revision};
}

/** A level read with `names` as its first page. */
export function levelWith(prefix: string, names: readonly string[], more = false): KeyBrowserState {
	const state = initialKeyBrowserState(Buffer.from(prefix), Buffer.from('/'));
	return reduce(state, pageAnswer(state, 'start', entries(prefix, names), more));
}

export function record(key: string, value: string, modRevision = '7'): KeyRecord {
	return {key: Buffer.from(key), value: Buffer.from(value), createRevision: '5', modRevision, version: '2', lease: undefined};
}

/** A change the level's watch saw, as the hook hands it to the reducer: with the row of the level it falls in. */
export function levelChanged(state: KeyBrowserState, change: KeyChange): KeyBrowserEvent {
	return {type: 'level-changed', generation: state.generation, change, entry: levelEntryOf(change.key, state.level.prefix, state.separator)};
}
