/** Where the log tail stands; each state that is not `streaming` says what to do about it. */
export type LogSourceState =
	| 'starting'
	| 'streaming'
	| 'journalctl-missing'
	| 'no-journal'
	| 'no-entries'
	| 'permission-denied'
	| 'exited'
	| 'failed';

export interface LogSourceStatus {
	state: LogSourceState;
	/** One line for the operator: what is happening, or what is wrong and how to fix it. */
	message: string;
	/** ok: lines flow or may; warning: nothing yet but still waiting; error: no lines will come. */
	severity: 'ok' | 'warning' | 'error';
}

/** What is being tailed, for messages: "journalctl -u etcd (system journal)". */
export interface TailDescription {
	/** A --log-command: the command line. */
	command?: string;
	units: readonly string[];
	journalDir?: string;
	journalFile?: string;
}

export function where(tail: TailDescription): string {
	if (tail.journalFile !== undefined) {
		return `journal file ${tail.journalFile}`;
	}

	return tail.journalDir === undefined ? 'the system journal' : `journal directory ${tail.journalDir}`;
}

function unitsText(units: readonly string[]): string {
	return units.join(' or ');
}

export const logStatus = {
	starting(tail: TailDescription): LogSourceStatus {
		const what = tail.command === undefined ? `reading ${where(tail)}…` : `starting: ${tail.command}`;
		return {state: 'starting', message: what, severity: 'ok'};
	},
	streaming(tail: TailDescription): LogSourceStatus {
		const what = tail.command ?? `unit ${unitsText(tail.units)} in ${where(tail)}`;
		return {state: 'streaming', message: `tailing ${what}`, severity: 'ok'};
	},
	journalctlMissing(): LogSourceStatus {
		return {state: 'journalctl-missing', message: 'journalctl not found: install systemd (it provides journalctl) or pass --log-command CMD', severity: 'error'};
	},
	emptyJournal(tail: TailDescription): LogSourceStatus {
		const fix = tail.journalDir === undefined && tail.journalFile === undefined ? 'pass --journal-dir DIR for a copied journal, or --log-command CMD' : 'check the path, or pass --log-command CMD';
		return {state: 'no-journal', message: `no journal entries at all in ${where(tail)}: ${fix} (waiting for entries)`, severity: 'warning'};
	},
	noJournal(tail: TailDescription, detail: string): LogSourceStatus {
		return {state: 'no-journal', message: `cannot open ${where(tail)}: ${detail}`, severity: 'error'};
	},
	noEntries(tail: TailDescription): LogSourceStatus {
		return {state: 'no-entries', message: `no entries for unit ${unitsText(tail.units)} in ${where(tail)}: pass --log-unit NAME if etcd runs under another unit (waiting for entries)`, severity: 'warning'};
	},
	permissionDenied(tail: TailDescription, detail: string): LogSourceStatus {
		return {
			state: 'permission-denied',
			message: `permission denied reading ${where(tail)} (${detail}): run etcdeck as a user in the systemd-journal or adm group, or pass --log-command 'sudo journalctl -u etcd -f -o json'`,
			severity: 'error',
		};
	},
	exited(tail: TailDescription, code: number | null, signal: string | null, stderr: string): LogSourceStatus {
		const who = tail.command === undefined ? 'journalctl' : 'the log command';
		const how = signal === null ? `with code ${code ?? '?'}` : `on ${signal}`;
		// A command that ran to its end (cat, tail without -F) leaves its lines to read: nothing failed.
		const severity = code === 0 && signal === null ? 'warning' : 'error';
		return {state: 'exited', message: `${who} exited ${how}${stderr === '' ? '' : `: ${stderr}`}; no more lines will come`, severity};
	},
	failed(tail: TailDescription, reason: string): LogSourceStatus {
		const who = tail.command === undefined ? 'journalctl' : 'the log command';
		return {state: 'failed', message: `cannot run ${who}: ${reason}`, severity: 'error'};
	},
};

const permissionSigns = /permission denied|insufficient permissions|not seeing messages from other users/i;
const missingJournalSigns = /no such file or directory|not a directory|no journal files were found/i;

/**
 * What journalctl's stderr means when it failed or showed nothing. Its words differ by case:
 * "Failed to open files: Permission denied", "No journal files were opened due to insufficient
 * permissions.", "Hint: You are currently not seeing messages from other users and the system.",
 * "Failed to open /x: No such file or directory".
 */
export function classifyJournalctlStderr(stderr: string): 'permission-denied' | 'no-journal' | undefined {
	if (permissionSigns.test(stderr)) {
		return 'permission-denied';
	}

	return missingJournalSigns.test(stderr) ? 'no-journal' : undefined;
}

/** The last lines of stderr, joined, for a one-line message. */
export function stderrSummary(stderr: string, maxLines = 3): string {
	return stderr.trim().split('\n').map(line => line.trim()).filter(line => line !== '').slice(-maxLines).join(' / ');
}
