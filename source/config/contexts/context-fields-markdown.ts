import {contextFields} from './context-fields.ts';

/** The README's table of a context's fields, written from the table the parser checks them by. */
export function contextFieldsMarkdown(): string {
	const rows = contextFields.map(field => `| \`${field.name}\` | ${field.description.replaceAll('|', '\\|')} | ${field.flag === undefined ? '—' : `\`${field.flag}\``} |`);
	return ['| Field | What it gives | Flag that overrides it |', '|---|---|---|', '| `name` | what `--context` and `:ctx` take (no spaces) | — |', ...rows].join('\n');
}
