/**
 * A confirmation the operator types out, for what cannot be undone (a compaction drops history for
 * good): Enter only confirms once the typed text is exactly the expected one (the revision).
 */
export interface TypedConfirmation {
	expected: string;
	typed: string;
}

export function typedConfirmation(expected: string): TypedConfirmation {
	return {expected, typed: ''};
}

/** Adds what was typed; anything beyond the expected length, or not printable, is ignored. */
export function typeInto(state: TypedConfirmation, input: string): TypedConfirmation {
	const printable = [...input].filter(character => character >= ' ' && character !== '\u007F').join('');
	return printable === '' ? state : {...state, typed: (state.typed + printable).slice(0, state.expected.length + 8)};
}

export function eraseLast(state: TypedConfirmation): TypedConfirmation {
	return {...state, typed: [...state.typed].slice(0, -1).join('')};
}

export function isConfirmed(state: TypedConfirmation): boolean {
	return state.typed === state.expected;
}
