import type {Binding, CommandContext} from '../keymap/binding.ts';

/** A dashboard's ways between contexts: back to the fleet, or to another context by name. */
export type ContextsCommand = 'fleet' | 'ctx';

/** Why the context commands cannot run: this dashboard was not opened from a fleet. */
export const noFleetReason = 'no fleet to go to: etcdeck was started for one cluster (a config file and no endpoints, or --fleet, opens the fleet)';

function withoutFleet(context: CommandContext): string | undefined {
	return context.contexts === undefined ? noFleetReason : undefined;
}

/**
 * Esc (on a pane where it means nothing else) and `:fleet` go back to the fleet view; `:ctx NAME` opens
 * another context's dashboard from anywhere. Keys of the global scope, in the one keymap.
 */
export const contextsKeymap: ReadonlyArray<Binding<ContextsCommand>> = [
	{command: 'fleet', chords: [{named: 'escape'}], description: 'Back to the fleet view', scope: 'global', name: 'fleet', disabled: withoutFleet},
	{command: 'ctx', chords: [], description: 'Open context NAME\'s dashboard', scope: 'global', name: 'ctx', args: [{name: 'NAME', kind: 'text'}], disabled: withoutFleet},
];
