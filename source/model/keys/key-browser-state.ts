import type {LevelAddress} from '../../cluster/key-range.ts';
import {jumpTarget, parentPrefix} from './key-levels.ts';
import {keyTextProblem} from '../shared/key-text.ts';
import {typedText} from '../shared/safe-text.ts';
import {type KeyBrowserEvent, type KeyBrowserLoad, type KeyBrowserState, initialKeyBrowserState} from './key-browser-types.ts';
import {clamp, pageLoaded, select} from './key-browser-window.ts';
import {levelChanged, openKeyChanged} from './key-browser-changes.ts';

export * from './key-browser-types.ts';
export {neededLoads} from './key-browser-window.ts';

function goTo(state: KeyBrowserState, level: LevelAddress, reselect?: Buffer): KeyBrowserState {
	return {
		...initialKeyBrowserState(level.prefix, state.separator),
		level,
		generation: state.generation + 1,
		read: state.read,
		reselect,
	};
}

function forGeneration(state: KeyBrowserState, generation: number, next: () => KeyBrowserState): KeyBrowserState {
	return generation === state.generation ? next() : state;
}

function loadStarted(state: KeyBrowserState, load: KeyBrowserLoad): KeyBrowserState {
	switch (load.type) {
		case 'page': {
			return forGeneration(state, load.generation, () => ({...state, pageWanted: undefined, pageLoading: load.direction}));
		}

		case 'total': {
			return forGeneration(state, load.generation, () => ({...state, total: {loading: true}}));
		}

		case 'counts': {
			return forGeneration(state, load.generation, () => ({
				...state,
				rows: state.rows.map(row => (load.prefixes.some(prefix => prefix.equals(row.bytes)) && row.kind === 'prefix' ? {...row, count: {loading: true}} : row)),
			}));
		}

		case 'value': {
			return state.open?.key.equals(load.key) ? {...state, open: {...state.open, requested: true}} : state;
		}
	}
}

function openSelected(state: KeyBrowserState): KeyBrowserState {
	const row = state.rows[state.selected];
	if (row === undefined) {
		return state;
	}

	if (row.kind === 'prefix') {
		return goTo(state, {prefix: row.bytes, filter: Buffer.alloc(0)});
	}

	return {
		...state,
		open: {key: row.bytes, loading: true, requested: false, record: undefined, error: undefined, change: undefined, revision: undefined, scroll: 0, watchTrouble: undefined},
	};
}

function goUp(state: KeyBrowserState): KeyBrowserState {
	if (state.open !== undefined) {
		return {...state, open: undefined};
	}

	if (state.level.filter.length > 0) {
		return goTo(state, {prefix: state.level.prefix, filter: Buffer.alloc(0)});
	}

	const parent = parentPrefix(state.level.prefix, state.separator);
	return parent === undefined ? state : goTo(state, {prefix: parent, filter: Buffer.alloc(0)}, state.level.prefix);
}

export function keyBrowserReducer(state: KeyBrowserState, event: KeyBrowserEvent): KeyBrowserState {
	switch (event.type) {
		case 'go': {
			return goTo(state, event.level);
		}

		case 'reload': {
			return goTo(state, state.level);
		}

		case 'quorum-changed': {
			// A count is one cheap request; its answer says how reads are served now (see total-loaded).
			return {...state, total: undefined};
		}

		case 'enter': {
			return openSelected(state);
		}

		case 'up': {
			return goUp(state);
		}

		case 'move': {
			return select(state, state.selected + event.step, event.viewRows);
		}

		case 'home': {
			return state.hasBefore ? {...state, pageWanted: 'start'} : {...state, selected: 0, top: 0};
		}

		case 'end': {
			return state.hasAfter ? {...state, pageWanted: 'end'} : select(state, state.rows.length - 1, event.viewRows);
		}

		case 'scroll-value': {
			return state.open === undefined ? state : {...state, open: {...state.open, scroll: clamp(state.open.scroll + event.step, 0, event.maxOffset)}};
		}

		case 'load-started': {
			return loadStarted(state, event.load);
		}

		case 'page-loaded': {
			return forGeneration(state, event.generation, () => pageLoaded(state, event));
		}

		case 'page-failed': {
			return forGeneration(state, event.generation, () => ({...state, pageLoading: undefined, pageWanted: undefined, error: event.error}));
		}

		case 'total-loaded': {
			return forGeneration(state, event.generation, () => ({...state, total: event.count, read: event.read ?? state.read}));
		}

		case 'count-loaded': {
			return forGeneration(state, event.generation, () => ({
				...state,
				rows: state.rows.map(row => (row.kind === 'prefix' && row.bytes.equals(event.prefix) ? {...row, count: event.count} : row)),
			}));
		}

		case 'value-loaded': {
			const open = state.open;
			return open?.key.equals(event.key) ? {...state, read: event.read, open: {...open, loading: false, record: event.record, revision: event.revision, error: undefined}} : state;
		}

		case 'value-failed': {
			const open = state.open;
			return open?.key.equals(event.key) ? {...state, open: {...open, loading: false, error: event.error}} : state;
		}

		case 'level-changed': {
			return forGeneration(state, event.generation, () => levelChanged(state, event.change, event.entry));
		}

		case 'open-key-changed': {
			return openKeyChanged(state, event.change);
		}

		case 'watch-trouble': {
			if (event.target === 'level') {
				return {...state, watchTrouble: event.message};
			}

			return state.open === undefined ? state : {...state, open: {...state.open, watchTrouble: event.message}};
		}

		case 'prompt-open': {
			return {...state, prompt: '', promptProblem: undefined};
		}

		case 'prompt-type': {
			// A paste may bring escapes or line ends: the line keeps what is printable.
			const text = typedText(event.text);
			return state.prompt === undefined || text === '' ? state : {...state, prompt: state.prompt + text, promptProblem: undefined};
		}

		case 'prompt-erase': {
			return state.prompt === undefined ? state : {...state, prompt: [...state.prompt].slice(0, -1).join(''), promptProblem: undefined};
		}

		case 'prompt-cancel': {
			return {...state, prompt: undefined, promptProblem: undefined};
		}

		case 'prompt-apply': {
			if (state.prompt === undefined) {
				return state;
			}

			const problem = keyTextProblem(state.prompt);
			if (problem !== undefined) {
				return {...state, promptProblem: problem};
			}

			return goTo({...state, prompt: undefined, promptProblem: undefined}, jumpTarget(state.prompt, state.level.prefix, state.separator));
		}
	}
}

/**
 * The reads the state needs now and has not started: the page asked for, or the next one when the
 * selection nears the window's edge; the level's key count; counts of the child prefixes in and
 * around the view; the opened key's value.
 */
