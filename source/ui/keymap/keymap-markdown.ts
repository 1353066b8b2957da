import type {CommandTable} from './binding.ts';
import {chordLabel} from './key-chord.ts';

/** The keymap as a Markdown table per scope, for the README: generated, so the README cannot drift. */
export function keymapMarkdown({keymap, scopeTitles, notes}: CommandTable): string {
	const bindings = keymap.filter(binding => binding.chords.length > 0);
	const scopes = [...new Set(bindings.map(binding => binding.scope))];
	return scopes
		.map(scope => {
			const rows = bindings.filter(binding => binding.scope === scope).map(binding => `| \`${[...new Set(binding.chords.map(chord => chordLabel(chord)))].join('` `')}\` | ${binding.description} |`);
			return [`**${scopeTitles[scope] ?? scope}**`, '', '| Keys | Action |', '|---|---|', ...rows].join('\n');
		})
		.join('\n\n')
		.concat('\n\n**Notes**\n\n', notes.map(note => `- ${note}`).join('\n'));
}
