/** A table as `etcdctl -w table` draws it, read back: the header's titles and each row's cells, trimmed. */
export interface TextTable {
	header: string[];
	rows: string[][];
}

/**
 * Reads the tables in a text, in order: etcdctl 3.4 draws them with ASCII (`| a | b |`), 3.5 with box
 * drawing (`│ a │ b │`), and etcdeck status as 3.4 did. A table is a run of `|`/`│` lines between rules.
 */
export function parseTextTables(text: string): TextTable[] {
	const tables: TextTable[] = [];
	let current: string[][] | undefined;
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed.startsWith('|') || trimmed.startsWith('│')) {
			const cells = trimmed.slice(1, -1).split(/[|│]/).map(cell => cell.trim());
			current ??= [];
			current.push(cells);
		} else if (!/^[+┌├└]/.test(trimmed) && current !== undefined) {
			tables.push({header: current[0]!, rows: current.slice(1)});
			current = undefined;
		}
	}

	if (current !== undefined) {
		tables.push({header: current[0]!, rows: current.slice(1)});
	}

	return tables;
}
