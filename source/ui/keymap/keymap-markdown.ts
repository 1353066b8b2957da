import type {Binding, CommandTable} from './binding.ts';
import {commandUsage} from './command-usage.ts';
import {chordLabel} from './key-chord.ts';

/** The keymap as a Markdown table per scope, for the README: generated, so the README cannot drift. */
export function keymapMarkdown({keymap, scopeTitles, notes}: CommandTable): string {
	const bindings = keymap.filter(binding => binding.chords.length > 0 || binding.name !== undefined);
	const scopes = [...new Set(bindings.map(binding => binding.scope))];
	const keysOf = (binding: Binding) => (binding.chords.length === 0 ? '' : `\`${[...new Set(binding.chords.map(chord => chordLabel(chord)))].join('` `')}\``);
	return scopes
		.map(scope => {
			const inScope = bindings.filter(binding => binding.scope === scope);
			// A column for `:` commands where the scope has any.
			const named = inScope.some(binding => binding.name !== undefined);
			const rows = inScope.map(binding => (named
				? `| ${keysOf(binding)} | ${binding.name === undefined ? '' : `\`${commandUsage(binding)}\``} | ${binding.description} |`
				: `| ${keysOf(binding)} | ${binding.description} |`));
			const head = named ? ['| Keys | Command | Action |', '|---|---|---|'] : ['| Keys | Action |', '|---|---|'];
			return [`**${scopeTitles[scope] ?? scope}**`, '', ...head, ...rows].join('\n');
		})
		.join('\n\n')
		.concat('\n\n**Notes**\n\n', notes.map(note => `- ${note}`).join('\n'));
}
