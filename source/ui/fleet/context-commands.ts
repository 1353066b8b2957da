import type {CommandArgs} from '../keymap/binding.ts';
import type {ContextNavigation} from './ContextDeck.tsx';

/** The context a dashboard was opened as (from the fleet), and how it moves to others. */
export interface ClusterContext {
	name: string;
	navigation: ContextNavigation;
}

/**
 * The dashboard's context commands for its global layer: `fleet` (Esc, `:fleet`) goes back to the
 * fleet, `ctx NAME` to another context; what cannot be done is said on the status line. Nothing when the
 * dashboard was not opened from a fleet (the keymap's disabled() says why before these are asked).
 */
export function contextCommands(context: ClusterContext | undefined, dispatch: (event: {type: 'notice'; text: string | undefined}) => void): Record<string, (args: CommandArgs) => void> {
	if (context === undefined) {
		return {};
	}

	return {
		fleet: () => {
			context.navigation.toFleet();
		},
		ctx: args => {
			const [name, ...extra] = (args.text ?? '').trim().split(/\s+/).filter(word => word !== '');
			if (name === undefined || extra.length > 0) {
				dispatch({type: 'notice', text: `:ctx takes one context name (${context.navigation.contextNames.join(', ')})`});
				return;
			}

			if (name === context.name) {
				dispatch({type: 'notice', text: `already on ${name}`});
				return;
			}

			const refusal = context.navigation.switchTo(name);
			if (refusal !== undefined) {
				dispatch({type: 'notice', text: `:ctx ${name}: ${refusal}`});
			}
		},
	};
}
