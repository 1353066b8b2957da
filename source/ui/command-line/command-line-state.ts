import {typedText} from '../../model/shared/safe-text.ts';
import type {Completion} from './command-line.ts';

/** The `:` line: what is typed (undefined: closed), this session's commands, and what Tab offered. */
export interface CommandLineState {
	draft: string | undefined;
	/** Commands run this session, oldest first, without repeats in a row. */
	history: readonly string[];
	/** Where ↑/↓ stand in the history; history.length is the line being typed. */
	walk: number;
	/** The line being typed, kept while ↑ shows older commands. */
	typed: string;
	/** What the last Tab matched, when it matched several. */
	candidates: readonly string[];
	/** Why the last Tab completed nothing. */
	hint: string | undefined;
}

export type CommandLineEvent =
	| {type: 'open'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'clear'}
	| {type: 'completed'; completion: Completion}
	| {type: 'history'; step: 1 | -1}
	| {type: 'close'}
	/** Enter: the line goes into the history and the line closes. */
	| {type: 'submit'};

export const initialCommandLineState: CommandLineState = {draft: undefined, history: [], walk: 0, typed: '', candidates: [], hint: undefined};

const historyCap = 100;

function edited(state: CommandLineState, draft: string): CommandLineState {
	return {...state, draft, walk: state.history.length, typed: draft, candidates: [], hint: undefined};
}

export function commandLineReducer(state: CommandLineState, event: CommandLineEvent): CommandLineState {
	if (event.type === 'open') {
		return {...state, draft: '', walk: state.history.length, typed: '', candidates: [], hint: undefined};
	}

	if (state.draft === undefined) {
		return state;
	}

	switch (event.type) {
		case 'type': {
			// A paste may bring escapes or line ends: the line keeps what is printable.
			const text = typedText(event.text);
			return text === '' ? state : edited(state, state.draft + text);
		}

		case 'erase': {
			return edited(state, [...state.draft].slice(0, -1).join(''));
		}

		case 'clear': {
			return edited(state, '');
		}

		case 'completed': {
			return {...edited(state, event.completion.text), candidates: event.completion.candidates, hint: event.completion.hint};
		}

		case 'history': {
			const walk = Math.min(state.history.length, Math.max(0, state.walk + event.step));
			return {...state, walk, draft: walk === state.history.length ? state.typed : state.history[walk]!, candidates: [], hint: undefined};
		}

		case 'close': {
			return {...state, draft: undefined, candidates: [], hint: undefined};
		}

		case 'submit': {
			const line = state.draft.trim();
			const history = line === '' || state.history.at(-1) === line ? state.history : [...state.history, line].slice(-historyCap);
			return {...state, draft: undefined, history, walk: history.length, typed: '', candidates: [], hint: undefined};
		}
	}
}
