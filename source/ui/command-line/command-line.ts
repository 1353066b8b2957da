import type {Binding, CommandArgs, CommandArgument} from '../keymap/binding.ts';
import {commandUsage} from '../keymap/command-usage.ts';

export {commandUsage} from '../keymap/command-usage.ts';

/** A member as the command line names and completes it. */
export interface NamedMember {
	id: string;
	/** Empty before the member has started. */
	name: string;
}

/** What arguments are completed and checked against, as of now. */
export interface CommandLineSources {
	/** The members of the current reading; undefined before the first one. */
	members: readonly NamedMember[] | undefined;
	/** Key prefixes to offer for PREFIX (the Keys pane's level), if it has read one. */
	prefixes: readonly string[] | undefined;
}

/** A parsed line: the binding it names and its typed arguments, or the specific reason it cannot run. */
export type ParsedCommand = {ok: true; binding: Binding; args: CommandArgs} | {ok: false; message: string};

/** The bindings the command line knows, once per name, in keymap order. */
export function namedBindings(keymap: readonly Binding[]): Binding[] {
	const seen = new Set<string>();
	return keymap.filter(binding => {
		if (binding.name === undefined || seen.has(binding.name)) {
			return false;
		}

		seen.add(binding.name);
		return true;
	});
}


/**
 * The command name a line starts with: a name of several words (`member add`) when the line starts with
 * all of them, else its first word.
 */
function leadingName(trimmed: string, named: readonly Binding[]): string {
	const multiWord = named
		.map(binding => binding.name!)
		.filter(name => name.includes(' ') && (trimmed === name || (trimmed.startsWith(name) && /^\s/.test(trimmed.slice(name.length)))))
		.sort((a, b) => b.length - a.length);
	return multiWord[0] ?? trimmed.split(/\s+/, 1)[0] ?? '';
}

/**
 * The words of a line. The last argument of a command, when it is a path or text, takes the rest of the
 * line as typed, so a path or a filter may hold spaces.
 */
function words(text: string, binding: Binding | undefined): string[] {
	const trimmed = text.trimStart();
	const name = leadingName(trimmed, binding === undefined ? [] : [binding]);
	const args = binding?.args ?? [];
	const takesRest = args.length > 0 && (args.at(-1)!.kind === 'path' || args.at(-1)!.kind === 'text');
	const parts = [name];
	let remaining = trimmed.slice(name.length).trimStart();
	while (remaining !== '') {
		if (takesRest && parts.length === args.length) {
			parts.push(remaining.trimEnd());
			break;
		}

		const word = /^\S+/.exec(remaining)![0];
		parts.push(word);
		remaining = remaining.slice(word.length).trimStart();
	}

	return parts;
}

function bindingNamed(keymap: readonly Binding[], name: string): Binding | undefined {
	return namedBindings(keymap).find(binding => binding.name === name);
}

function memberNames(members: readonly NamedMember[]): string {
	return members.map(member => member.name || member.id).join(', ');
}

/** A member by its name, or by its hex ID (any case); or why none is. */
export function resolveMember(text: string, members: readonly NamedMember[] | undefined): {ok: true; member: NamedMember} | {ok: false; message: string} {
	if (members === undefined) {
		return {ok: false, message: `no member named ${text}: no member list yet (wait for the first refresh)`};
	}

	const byName = members.filter(member => member.name !== '' && member.name === text);
	if (byName.length > 1) {
		return {ok: false, message: `${byName.length} members are named ${text}: give the hex ID (${byName.map(member => member.id).join(', ')})`};
	}

	const found = byName[0] ?? members.find(member => member.id.toLowerCase() === text.toLowerCase());
	if (found === undefined) {
		return {ok: false, message: members.length === 0 ? `no member named ${text}; the member list is empty` : `no member named ${text}; members: ${memberNames(members)}`};
	}

	return {ok: true, member: found};
}

function argumentFor(arg: CommandArgument, text: string, sources: CommandLineSources): {ok: true; args: CommandArgs} | {ok: false; message: string} {
	switch (arg.kind) {
		case 'member': {
			const found = resolveMember(text, sources.members);
			return found.ok ? {ok: true, args: {member: {id: found.member.id, name: found.member.name}}} : found;
		}

		case 'path': {
			return {ok: true, args: {path: text}};
		}

		case 'prefix': {
			return {ok: true, args: {prefix: text}};
		}

		case 'text': {
			return {ok: true, args: {text}};
		}
	}
}

function describeNeed(arg: CommandArgument, sources: CommandLineSources): string {
	if (arg.kind === 'member') {
		return `${arg.name}: a member's name or hex ID${sources.members === undefined || sources.members.length === 0 ? '' : ` (members: ${memberNames(sources.members)})`}`;
	}

	return arg.name;
}

/** A typed line as a command to run: its binding by name, and each argument checked and typed. */
export function parseCommand(text: string, keymap: readonly Binding[], sources: CommandLineSources): ParsedCommand {
	const name = leadingName(text.trim(), namedBindings(keymap));
	if (name === '') {
		return {ok: false, message: 'Type a command: Tab lists them'};
	}

	const binding = bindingNamed(keymap, name);
	if (binding === undefined) {
		const near = namedBindings(keymap).filter(candidate => candidate.name!.startsWith(name.slice(0, 2)));
		return {ok: false, message: `no command :${name}${near.length === 0 ? '' : ` (did you mean ${near.map(candidate => `:${candidate.name}`).join(', ')}?)`}; Tab lists them`};
	}

	const given = words(text, binding).slice(1);
	const expected = binding.args ?? [];
	if (given.length > expected.length) {
		return {ok: false, message: expected.length === 0 ? `:${name} takes no arguments (got "${given.join(' ')}")` : `too many arguments: ${commandUsage(binding)} (got "${given.join(' ')}")`};
	}

	let args: CommandArgs = {};
	for (const [index, arg] of expected.entries()) {
		const word = given[index];
		if (word === undefined) {
			if (arg.optional !== true) {
				return {ok: false, message: `${commandUsage(binding)} needs ${describeNeed(arg, sources)}`};
			}

			continue;
		}

		const parsed = argumentFor(arg, word, sources);
		if (!parsed.ok) {
			return parsed;
		}

		args = {...args, ...parsed.args};
	}

	return {ok: true, binding, args};
}

/** What Tab did: the line it leaves, and the candidates to show (several matched) or a hint (none did). */
export interface Completion {
	text: string;
	candidates: readonly string[];
	hint: string | undefined;
}

function commonPrefix(values: readonly string[]): string {
	let prefix = values[0] ?? '';
	for (const value of values.slice(1)) {
		while (!value.startsWith(prefix)) {
			prefix = prefix.slice(0, -1);
		}
	}

	return prefix;
}

function candidatesFor(arg: CommandArgument, sources: CommandLineSources): readonly string[] | string {
	switch (arg.kind) {
		case 'member': {
			if (sources.members === undefined) {
				return 'no member list yet (wait for the first refresh)';
			}

			return [...new Set(sources.members.flatMap(member => (member.name === '' ? [member.id] : [member.name, member.id])))];
		}

		case 'prefix': {
			return sources.prefixes === undefined || sources.prefixes.length === 0 ? `${arg.name}: type a key prefix (the Keys pane offers its level's once read)` : sources.prefixes;
		}

		case 'path':
		case 'text': {
			return `${arg.name}: type it`;
		}
	}
}

/** Completes the word being typed (the last): a command's name first, then its arguments by kind. */
export function completeCommand(text: string, keymap: readonly Binding[], sources: CommandLineSources): Completion {
	const named = namedBindings(keymap);
	const trimmed = text.trimStart();
	const name = leadingName(trimmed, named);
	// Still on the name: one word so far, or the first words of a longer name (`member ` → `member add`).
	const onName = !/\s/.test(trimmed) || (!named.some(binding => binding.name === name) && named.some(binding => binding.name!.startsWith(trimmed)));
	const offer = (word: string, options: readonly string[], complete: (value: string) => string, noneHint: string): Completion => {
		const matches = options.filter(option => option.startsWith(word));
		if (matches.length === 0) {
			return {text, candidates: [], hint: noneHint};
		}

		if (matches.length === 1) {
			return {text: complete(matches[0]!), candidates: [], hint: undefined};
		}

		const common = commonPrefix(matches);
		return {text: common.length > word.length ? text.slice(0, text.length - word.length) + common : text, candidates: matches, hint: undefined};
	};

	if (onName) {
		return offer(trimmed, named.map(binding => binding.name!), value => {
			const binding = named.find(candidate => candidate.name === value);
			return `${value}${(binding?.args ?? []).length > 0 ? ' ' : ''}`;
		}, `no command starts with ${trimmed}`);
	}

	const binding = named.find(candidate => candidate.name === name);
	if (binding === undefined) {
		return {text, candidates: [], hint: `no command :${name}`};
	}

	const endsWithSpace = /\s$/.test(text);
	const given = words(text, binding).slice(1);
	const index = endsWithSpace ? given.length : given.length - 1;
	const word = endsWithSpace ? '' : given.at(-1) ?? '';
	const arg = (binding.args ?? [])[index];
	if (arg === undefined) {
		return {text, candidates: [], hint: `${commandUsage(binding)}${(binding.args ?? []).length === 0 ? ' takes no arguments' : ': nothing more to give'}`};
	}

	const options = candidatesFor(arg, sources);
	if (typeof options === 'string') {
		return {text, candidates: [], hint: options};
	}

	const last = index === (binding.args ?? []).length - 1;
	return offer(word, options, value => `${text.slice(0, text.length - word.length)}${value}${last ? '' : ' '}`, `no ${arg.name.toLowerCase()} starts with ${word}`);
}
