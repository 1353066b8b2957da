import type {KeyChord} from './key-chord.ts';

/** A pane as the keymap and the pane bar know it. */
export interface PaneInfo {
	id: string;
	/** The digit that shows it. */
	number: string;
	title: string;
	/** Its rows are members: the member actions (promote, move-leader) act on the selected one. */
	rowsAreMembers: boolean;
}

/** What a binding's disabled() may ask about the dashboard now. */
export interface CommandContext {
	readOnly: boolean;
	/** The pane that has focus. */
	pane: PaneInfo;
	/** Every pane, in the order of the pane bar. */
	panes: readonly PaneInfo[];
}

/** An argument of a `:` command; its kind says what the command line completes it from. */
export interface CommandArgument {
	/** How help writes it: MEMBER, PATH, PREFIX, TEXT. */
	name: string;
	kind: 'member' | 'path' | 'prefix' | 'text';
	optional?: boolean;
}

/**
 * One entry of the keymap, the one table of commands: routing, help, the README's key tables and the
 * tests' key presses all read it. `scope` says where it applies: 'global', a pane, a pane's text field,
 * or a dialog; the layer that has focus is asked first (route-key.ts).
 */
export interface Binding<Command extends string = string> {
	command: Command;
	/** Its keys; empty for a command that only the `:` line runs. */
	chords: readonly KeyChord[];
	description: string;
	scope: string;
	/** Its name on the `:` command line, and what it takes there. */
	name?: string;
	args?: readonly CommandArgument[];
	/** Changes the cluster: off in --read-only mode, and help and the status line say so. */
	writes?: boolean;
	/** Why it cannot run now, if it cannot: the status line shows this instead of doing nothing. */
	disabled?: (context: CommandContext) => string | undefined;
}

/**
 * Where keys can go now, as the router asks them: an open dialog, a pane (or the field it is typing
 * in), the global keys. Each pane and dialog makes its own from its state.
 */
export interface KeyLayer<Command extends string = string> {
	scope: string;
	// A method, so a layer of one feature's commands stands where any layer may.
	run(command: Command): void;
	/** Takes printable text that is no binding here (a text field); without it, such text goes on down. */
	type?: (text: string) => void;
	/** Nothing below is asked: a dialog, or a field being typed (q is a letter then, not quit). */
	modal?: boolean;
}

/** The keymap with what help shows around it: a title per scope, and notes. */
export interface CommandTable {
	keymap: readonly Binding[];
	scopeTitles: Readonly<Record<string, string>>;
	notes: readonly string[];
}
