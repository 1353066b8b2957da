import {helpNotes, keymap, scopeTitles, type KeyScope} from '../app/keymap.ts';

/** The keymap as a Markdown table per scope, for the README: generated, so the README cannot drift. */
export function keymapMarkdown(): string {
	const scopes = [...new Set(keymap.map(binding => binding.scope))] as KeyScope[];
	return scopes
		.map(scope => {
			const rows = keymap.filter(binding => binding.scope === scope).map(binding => `| \`${binding.keys.split(' ').join('` `')}\` | ${binding.description} |`);
			return [`**${scopeTitles[scope]}**`, '', '| Keys | Action |', '|---|---|', ...rows].join('\n');
		})
		.join('\n\n')
		.concat('\n\n**Notes**\n\n', helpNotes.map(note => `- ${note}`).join('\n'));
}
