/**
 * A new member's settings as etcdeck writes them to a file, read back the way the tool they are meant
 * for reads them: ETCD_* lines as sh or a systemd EnvironmentFile does, flag lines as sh does.
 */

/** `ETCD_NAME="etcd-4"` lines (double quotes, with \" \\ \$ \` escaped) into variables; comments and blank lines skipped. */
export function readEnvironmentLines(text: string): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const line of settingLines(text)) {
		const match = /^(ETCD_[A-Z_]+)="((?:[^"\\]|\\.)*)"$/.exec(line);
		if (match === null) {
			throw new Error(`not an ETCD_* line: ${line}`);
		}

		environment[match[1]!] = match[2]!.replaceAll(/\\(.)/g, '$1');
	}

	return environment;
}

/** `--name=etcd-4` lines, one word a line with POSIX single quotes where a value needs them, into argv words. */
export function readFlagLines(text: string): string[] {
	return settingLines(text).map(line => {
		if (!/^--[a-z-]+=/.test(line)) {
			throw new Error(`not a flag line: ${line}`);
		}

		// A word is plain characters and '…' runs; inside single quotes nothing is special.
		const parts = line.match(/'[^']*'|[^']+/g) ?? [];
		return parts.map(part => (part.startsWith('\'') ? part.slice(1, -1) : part)).join('');
	});
}

/** The lines that say something: not blank, not a comment. */
export function settingLines(text: string): string[] {
	return text.split('\n').filter(line => line.trim() !== '' && !line.startsWith('#'));
}
