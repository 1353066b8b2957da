import {isRecord, parseEtcdLine, type LogLevel} from './etcd-log-line.ts';
import {classifyTrouble, type Trouble} from './log-trouble.ts';

/** One line of the log pane: where it came from, etcd's own fields, and the trouble sign it is, if any. */
export interface LogEntry {
	/** Arrival order, unique for the life of the tail. */
	seq: number;
	/** Milliseconds since the epoch: the journal's, else etcd's, else when it arrived. */
	time: number;
	level: LogLevel;
	/** The journal's _HOSTNAME, when the line came through the journal. */
	host: string | undefined;
	/** Which tail it came from (a member's ID, `journal`, `command`); '' when the tail is one. */
	origin: string;
	/** The member it is from: its tail's member, else (a copied journal) the member or host of its _HOSTNAME. */
	label: string | undefined;
	/** The systemd unit, without ".service". */
	unit: string | undefined;
	component: string | undefined;
	message: string;
	fields: ReadonlyArray<readonly [string, string]>;
	trouble: Trouble | undefined;
	/** message and fields as one line: what is drawn and what the text filter searches. */
	text: string;
}

// syslog priorities 0-7: emerg, alert, crit, err, warning, notice, info, debug.
const priorityLevels: readonly LogLevel[] = ['error', 'error', 'error', 'error', 'warn', 'info', 'info', 'debug'];

interface JournalFields {
	message: string;
	priority: number | undefined;
	host: string | undefined;
	unit: string | undefined;
	package: string | undefined;
	time: number | undefined;
}

/**
 * Parses one line of the tail: a `journalctl -o json` entry whose MESSAGE is etcd's line, or etcd's
 * line itself (a --log-command such as `tail -F etcd.log`).
 */
export function parseLogLine(raw: string, seq: number, receivedAt: number, origin: {key: string; member?: string | undefined} = {key: ''}): LogEntry {
	const journal = journalFields(raw);
	const line = parseEtcdLine(journal?.message ?? raw);
	const priorityLevel = journal?.priority === undefined ? undefined : priorityLevels[journal.priority];
	return {
		seq,
		time: journal?.time ?? line.time ?? receivedAt,
		level: line.level ?? priorityLevel ?? 'info',
		host: journal?.host,
		origin: origin.key,
		label: origin.member,
		unit: journal?.unit,
		// capnslog under systemd writes to journald itself, with its package in a field of its own.
		component: line.component ?? journal?.package,
		message: line.message,
		fields: line.fields,
		trouble: classifyTrouble(line),
		text: [line.message, ...line.fields.map(([key, value]) => `${key}=${value}`)].join(' '),
	};
}

function journalFields(raw: string): JournalFields | undefined {
	if (!raw.startsWith('{')) {
		return undefined;
	}

	// journalctl writes every field as a string, so plain JSON.parse loses nothing.
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return undefined;
	}

	if (!isRecord(parsed) || !('MESSAGE' in parsed)) {
		return undefined;
	}

	const text = (name: string) => fieldText(parsed[name]);
	const priority = Number(text('PRIORITY') ?? Number.NaN);
	const realtime = Number(text('__REALTIME_TIMESTAMP') ?? Number.NaN);
	return {
		message: text('MESSAGE') ?? '',
		priority: Number.isInteger(priority) && priority >= 0 && priority <= 7 ? priority : undefined,
		host: text('_HOSTNAME'),
		// systemd's own lines about the unit ("Started etcd.service") carry it in UNIT.
		unit: (text('UNIT') ?? text('_SYSTEMD_UNIT'))?.replace(/\.service$/, ''),
		package: text('PACKAGE'),
		time: Number.isFinite(realtime) && realtime > 0 ? Math.floor(realtime / 1000) : undefined,
	};
}

/** journalctl -o json writes a field with control characters or invalid UTF-8 as an array of bytes, and a repeated field as an array of values. */
function fieldText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value;
	}

	if (Array.isArray(value)) {
		if (value.every(item => typeof item === 'number')) {
			return new TextDecoder().decode(Uint8Array.from(value));
		}

		return fieldText(value[0]);
	}

	return undefined;
}
