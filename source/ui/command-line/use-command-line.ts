import {useSyncReducer} from '../../hooks/use-sync-reducer.ts';
import type {Binding, CommandContext, KeyLayer} from '../keymap/binding.ts';
import {routeCommand} from '../keymap/route-key.ts';
import {completeCommand, parseCommand, type CommandLineSources} from './command-line.ts';
import type {CommandLineCommand} from './command-line-keymap.ts';
import {commandLineReducer, initialCommandLineState} from './command-line-state.ts';

export interface CommandLineDeps {
	keymap: readonly Binding[];
	scopeTitles: Readonly<Record<string, string>>;
	/** Members and key prefixes as of now, for completion and for checking arguments. */
	sources: () => CommandLineSources;
	/** The layers a command is routed to, asked once the line has closed (the same as a key's). */
	layers: () => readonly KeyLayer[];
	context: () => CommandContext;
	/** Puts a line on the status line (undefined clears it). */
	notice: (text: string | undefined) => void;
}

/**
 * The `:` line: typing, Tab completion, this session's history, and Enter, which runs the binding the
 * line names with its parsed arguments through the same routing as a key; a line that names no command,
 * or gives a bad argument, or a command that is off now, says so on the status line.
 */
export function useCommandLine({keymap, scopeTitles, sources, layers, context, notice}: CommandLineDeps) {
	const [state, dispatch, read] = useSyncReducer(commandLineReducer, initialCommandLineState);

	const run = () => {
		const parsed = parseCommand(read().draft ?? '', keymap, sources());
		dispatch({type: 'submit'});
		if (!parsed.ok) {
			notice(parsed.message);
			return;
		}

		notice(undefined);
		const outcome = routeCommand(parsed.binding, parsed.args, layers(), context());
		if (outcome.kind === 'refused') {
			notice(outcome.reason);
		} else if (outcome.kind === 'not-here') {
			notice(`:${parsed.binding.name ?? parsed.binding.command} works only ${(scopeTitles[parsed.binding.scope] ?? parsed.binding.scope).toLowerCase()}`);
		}
	};

	const layer = (): KeyLayer<CommandLineCommand> | undefined => (read().draft === undefined ? undefined : {
		scope: 'command-line',
		modal: true,
		run(command) {
			switch (command) {
				case 'command-run': {
					run();
					break;
				}

				case 'command-complete': {
					dispatch({type: 'completed', completion: completeCommand(read().draft ?? '', keymap, sources())});
					break;
				}

				case 'command-history-previous':
				case 'command-history-next': {
					dispatch({type: 'history', step: command === 'command-history-next' ? 1 : -1});
					break;
				}

				case 'command-erase': {
					dispatch({type: 'erase'});
					break;
				}

				case 'command-clear': {
					dispatch({type: 'clear'});
					break;
				}

				case 'command-close':
				case 'command-line': {
					dispatch({type: 'close'});
					break;
				}
			}
		},
		type(text) {
			dispatch({type: 'type', text});
		},
	});

	return {state, layer, open: () => dispatch({type: 'open'})};
}
