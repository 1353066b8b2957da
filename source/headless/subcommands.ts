/** One subcommand of a headless command: its name, what follows it, and how many operands that is. */
interface Subcommand {
	readonly name: string;
	/** What follows the name, as --help writes it: [PATH], FILE, NAME PEER-URL[,PEER-URL]. */
	readonly operands: string;
	readonly minOperands: number;
	readonly maxOperands: number;
	/** One line on what it does, listed when the subcommand is missing. */
	readonly summary: string;
}

/** The commands that take a subcommand, and theirs: what refusals list and the unknown-command message names. */
export const subcommandTable = {
	member: [
		{name: 'list', operands: '', minOperands: 0, maxOperands: 0, summary: 'members with where each stands and whether it may stop now'},
		{name: 'add', operands: 'NAME PEER-URL[,PEER-URL]', minOperands: 2, maxOperands: 2, summary: 'add a learner (--voter: a voter) and print its settings'},
		{name: 'remove', operands: 'MEMBER', minOperands: 1, maxOperands: 1, summary: 'remove a member (name or ID), never the leader or below quorum'},
	],
	snapshot: [
		{name: 'save', operands: '[PATH]', minOperands: 0, maxOperands: 1, summary: 'stream a snapshot from a healthy member, verify it, keep it'},
		{name: 'verify', operands: 'FILE', minOperands: 1, maxOperands: 1, summary: 'check a snapshot\'s hash, its manifest and etcd\'s status of it'},
		{name: 'drill', operands: 'FILE', minOperands: 1, maxOperands: 1, summary: 'prove a snapshot restores, on loopback, then remove it all'},
	],
} as const satisfies Record<string, readonly Subcommand[]>;

export type CommandWithSubcommands = keyof typeof subcommandTable;

export type SubcommandOf<C extends CommandWithSubcommands> = (typeof subcommandTable)[C][number]['name'];

/** A command line's subcommand and operands, or why it is refused: the message and the lines listed under it. */
export type ChosenSubcommand<C extends CommandWithSubcommands> =
	| {ok: true; name: SubcommandOf<C>; operands: readonly string[]}
	| {ok: false; message: string; details: readonly string[]};

function usage(command: string, subcommand: Subcommand): string {
	return `etcdeck ${command} ${subcommand.name}${subcommand.operands === '' ? '' : ` ${subcommand.operands}`}`;
}

/** "member list|add|remove": the command with its subcommands, for the unknown-command message. */
export function subcommandSummary(command: CommandWithSubcommands): string {
	return `${command} ${subcommandTable[command].map(subcommand => subcommand.name).join('|')}`;
}

/**
 * Picks the subcommand `args` name. A bare `etcdeck snapshot`, or one with a subcommand it has not,
 * lists the subcommands with what each does; a known one with the wrong operands shows its usage.
 */
export function chooseSubcommand<C extends CommandWithSubcommands>(command: C, args: readonly string[]): ChosenSubcommand<C> {
	const [name, ...operands] = args;
	const table: readonly Subcommand[] = subcommandTable[command];
	const subcommand = table.find(candidate => candidate.name === name);
	if (subcommand === undefined) {
		const width = Math.max(...table.map(each => usage(command, each).length));
		const listed = table.map(each => `${usage(command, each).padEnd(width)}  ${each.summary}`);
		const opening = name === undefined ? `"etcdeck ${command}" needs a subcommand` : `"${name}" is no subcommand of "etcdeck ${command}"`;
		return {ok: false, message: `${opening} (see etcdeck --help):`, details: listed};
	}

	if (operands.length < subcommand.minOperands || operands.length > subcommand.maxOperands) {
		const given = [command, ...args].join(' ');
		return {ok: false, message: `expected "${usage(command, subcommand)}", got "etcdeck ${given}"; see etcdeck --help`, details: []};
	}

	return {ok: true, name: subcommand.name as SubcommandOf<C>, operands};
}
