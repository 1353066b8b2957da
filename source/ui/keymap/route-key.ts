import type {Binding, CommandContext, KeyLayer} from './binding.ts';
import {chordMatches} from './key-chord.ts';
import type {KeyPress} from './terminal-keys.ts';

/** What became of a key: a command ran, text was typed, a command was refused (and why), or nothing is bound. */
export type KeyOutcome =
	| {kind: 'ran'; binding: Binding}
	| {kind: 'typed'}
	| {kind: 'refused'; binding: Binding; reason: string}
	| {kind: 'unbound'};

/** Why a binding cannot run now, or undefined when it can. */
export function disabledReason(binding: Binding, context: CommandContext): string | undefined {
	if (binding.writes === true && context.readOnly) {
		return `${binding.name ?? binding.command} is off: --read-only`;
	}

	return binding.disabled?.(context);
}

/**
 * The one routing path for every key: the layers are asked in order (an open dialog, then the focused
 * pane, then the global keys); the first binding of a layer's scope that matches runs, unless it is
 * disabled, in which case nothing runs and the reason is returned. A layer with a text field takes
 * printable text that matched nothing; a modal layer ends the search.
 */
export function routeKey({input, key}: KeyPress, layers: readonly KeyLayer[], keymap: readonly Binding[], context: CommandContext): KeyOutcome {
	for (const layer of layers) {
		const binding = keymap.find(candidate => candidate.scope === layer.scope && candidate.chords.some(chord => chordMatches(chord, input, key)));
		if (binding !== undefined) {
			const reason = disabledReason(binding, context);
			if (reason !== undefined) {
				return {kind: 'refused', binding, reason};
			}

			layer.run(binding.command);
			return {kind: 'ran', binding};
		}

		if (layer.type !== undefined && input !== '' && !key.ctrl && !key.meta) {
			layer.type(input);
			return {kind: 'typed'};
		}

		if (layer.modal === true) {
			return {kind: 'unbound'};
		}
	}

	return {kind: 'unbound'};
}

/**
 * A key press as the dashboard handles it. A terminal read can hold several keys ("jj" typed fast, or
 * pasted), which arrive as one text press that matches no binding: outside a text field each character
 * is a key of its own, routed with the layers of its moment (a key may open a dialog for the next).
 */
export function routePress(press: KeyPress, layers: () => readonly KeyLayer[], keymap: readonly Binding[], context: () => CommandContext): KeyOutcome[] {
	const typing = layers()[0]?.type !== undefined;
	const presses = [...press.input].length > 1 && !typing && !press.key.ctrl && !press.key.meta
		? [...press.input].map(character => ({input: character, key: press.key}))
		: [press];
	return presses.map(each => routeKey(each, layers(), keymap, context()));
}
