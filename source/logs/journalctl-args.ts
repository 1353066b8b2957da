/** Which journal journalctl reads: the system's, a copied directory, or one file. */
export interface JournalSelection {
	journalDir?: string;
	journalFile?: string;
}

/** The fields the pane uses; journalctl adds its cursor and timestamps itself. Fewer fields parse faster in a flood. */
export const journalOutputFields: readonly string[] = ['MESSAGE', 'PRIORITY', '_HOSTNAME', '_SYSTEMD_UNIT', 'UNIT', 'SYSLOG_IDENTIFIER', 'PACKAGE'];

/**
 * journalctl's arguments: `-u UNIT… -o json -n LINES`, with `-f` to follow.
 *
 * `--all` keeps fields over 4096 bytes (a slow request's text) that -o json otherwise writes as null.
 * With `-f`, journalctl shows only the latest boot; `--merge` lifts that for copied journals, where the
 * latest boot of one host would hide the others.
 */
export function journalctlArgs(selection: JournalSelection, units: readonly string[], {follow, lines}: {follow: boolean; lines: number}): string[] {
	const copied = selection.journalDir !== undefined || selection.journalFile !== undefined;
	return [
		...(selection.journalDir === undefined ? [] : ['--directory', selection.journalDir]),
		...(selection.journalFile === undefined ? [] : ['--file', selection.journalFile]),
		...(copied ? ['--merge'] : []),
		...units.flatMap(unit => ['--unit', unit]),
		...(follow ? ['--follow'] : []),
		'--output', 'json',
		'--lines', String(lines),
		'--all',
		`--output-fields=${journalOutputFields.join(',')}`,
	];
}
