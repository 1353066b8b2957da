import {useCallback, useRef, useState} from 'react';

/**
 * useReducer whose latest state can be read synchronously. Several keys can arrive in one stdin chunk,
 * and Ink calls the input handler for each before React renders again: a handler reading render-time
 * state would act on stale state (`?` then `q` would quit instead of closing help).
 */
export function useSyncReducer<State, Event>(reducer: (state: State, event: Event) => State, initial: State): [State, (event: Event) => void, () => State] {
	const current = useRef(initial);
	const [state, setState] = useState(initial);
	const dispatch = useCallback(
		(event: Event) => {
			current.current = reducer(current.current, event);
			setState(current.current);
		},
		[reducer],
	);
	const read = useCallback(() => current.current, []);
	return [state, dispatch, read];
}
