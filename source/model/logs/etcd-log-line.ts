/** Severity of a log line, coarsened from zap, capnslog, Go log and syslog levels. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Which of etcd's formats a line was in: zap JSON, capnslog text, raft's Go log beside capnslog, or none of them. */
export type EtcdLineFormat = 'zap' | 'capnslog' | 'go-log' | 'plain';

/** One line as etcd wrote it, whichever of its formats. */
export interface EtcdLine {
	format: EtcdLineFormat;
	/** Undefined when the line does not say (plain text): the journal's PRIORITY decides then. */
	level: LogLevel | undefined;
	/** Milliseconds since the epoch, when the line carries a time. */
	time: number | undefined;
	/** zap's caller ("etcdserver/raft.go:440") or capnslog's package ("etcdserver"). */
	component: string | undefined;
	message: string;
	/** zap's structured fields after msg, in etcd's order, as text. */
	fields: ReadonlyArray<readonly [string, string]>;
}

const zapLevels: Record<string, LogLevel> = {
	debug: 'debug',
	info: 'info',
	warn: 'warn',
	error: 'error',
	dpanic: 'error',
	panic: 'error',
	fatal: 'error',
};

// capnslog's one-letter levels: Critical, Error, Warning, Notice, Info, Debug, Trace.
const capnslogLevels: Record<string, LogLevel> = {C: 'error', E: 'error', W: 'warn', N: 'info', I: 'info', D: 'debug', T: 'debug'};

const goLogLevels: Record<string, LogLevel> = {PANIC: 'error', FATAL: 'error', ERROR: 'error', WARN: 'warn', WARNING: 'warn', INFO: 'info', DEBUG: 'debug'};

/** etcd 3.4's text logger (capnslog): `2026-11-23 13:42:17.376810 W | etcdserver: failed to …`. */
const capnslogLine = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? ([CEWNIDT]) \| (?:([\w./-]+): )?(.*)$/s;

/** raft's Go logger beside capnslog: `raft2026/11/23 13:42:14 INFO: ed3bbaa9ebe1f70b is starting a new election at term 1`. */
const goLogLine = /^(\w*?)(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? ([A-Z]+): (.*)$/s;

const zapKnownKeys = new Set(['level', 'ts', 'caller', 'msg', 'logger']);

/** Parses one line of etcd's own output: zap JSON (etcd 3.4 with --logger=zap, 3.5+), capnslog text, or anything else as plain text. */
export function parseEtcdLine(text: string): EtcdLine {
	const trimmed = text.trim();
	return (trimmed.startsWith('{') ? parseZap(trimmed) : undefined) ?? parseCapnslog(trimmed) ?? parseGoLog(trimmed) ?? {format: 'plain', level: undefined, time: undefined, component: undefined, message: trimmed, fields: []};
}

function parseZap(text: string): EtcdLine | undefined {
	const parsed = parseJsonExact(text);
	if (!isRecord(parsed) || typeof parsed['msg'] !== 'string') {
		return undefined;
	}

	const level = typeof parsed['level'] === 'string' ? zapLevels[parsed['level'].toLowerCase()] : undefined;
	const fields = Object.entries(parsed).filter(([key]) => !zapKnownKeys.has(key)).map(([key, value]) => [key, fieldText(value)] as const);
	return {
		format: 'zap',
		level,
		time: zapTime(parsed['ts']),
		component: typeof parsed['caller'] === 'string' ? parsed['caller'] : undefined,
		message: parsed['msg'],
		fields,
	};
}

function parseCapnslog(text: string): EtcdLine | undefined {
	const match = capnslogLine.exec(text);
	if (match === null) {
		return undefined;
	}

	const [, year, month, day, hour, minute, second, fraction, level, component, message] = match;
	return {
		format: 'capnslog',
		level: capnslogLevels[level!],
		time: localTime(year!, month!, day!, hour!, minute!, second!, fraction),
		component,
		message: message!,
		fields: [],
	};
}

function parseGoLog(text: string): EtcdLine | undefined {
	const match = goLogLine.exec(text);
	const level = match === null ? undefined : goLogLevels[match[9]!];
	if (match === null || level === undefined) {
		return undefined;
	}

	const [, prefix, year, month, day, hour, minute, second, fraction, , message] = match;
	return {
		format: 'go-log',
		level,
		time: localTime(year!, month!, day!, hour!, minute!, second!, fraction),
		component: prefix === '' ? undefined : prefix,
		message: message!,
		fields: [],
	};
}

/** zap writes ISO 8601 (3.4: "…Z", 3.5: "…+0800"), or epoch seconds with some encoders. */
function zapTime(ts: unknown): number | undefined {
	if (typeof ts === 'number') {
		return ts * 1000;
	}

	if (typeof ts !== 'string') {
		return undefined;
	}

	// Date.parse wants the offset as +08:00.
	const time = Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
	return Number.isNaN(time) ? undefined : time;
}

/** capnslog and Go's log write the etcd host's local time without a zone: read as this machine's. */
function localTime(year: string, month: string, day: string, hour: string, minute: string, second: string, fraction: string | undefined): number {
	const milliseconds = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
	return new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), milliseconds).getTime();
}

function fieldText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * JSON.parse, except that integers too large for a double (etcd's request and member IDs:
 * "sent-request-id":14099822691538328849) arrive as exact decimal strings. Undefined if not JSON.
 */
export function parseJsonExact(text: string): unknown {
	try {
		return JSON.parse(/\d{16}/.test(text) ? quoteLongIntegers(text) : text);
	} catch {
		return undefined;
	}
}

const jsonNumber = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Quotes every integer of 16 or more digits outside strings; what is inside strings stays as it is. */
function quoteLongIntegers(json: string): string {
	let result = '';
	let index = 0;
	while (index < json.length) {
		const char = json[index]!;
		if (char === '"') {
			const end = stringEnd(json, index);
			result += json.slice(index, end);
			index = end;
			continue;
		}

		jsonNumber.lastIndex = index;
		const number = char === '-' || (char >= '0' && char <= '9') ? jsonNumber.exec(json) : null;
		if (number !== null) {
			result += /^-?\d{16,}$/.test(number[0]) ? `"${number[0]}"` : number[0];
			index += number[0].length;
			continue;
		}

		result += char;
		index++;
	}

	return result;
}

/** The index just after the string that opens at `start`. */
function stringEnd(json: string, start: number): number {
	let index = start + 1;
	while (index < json.length && json[index] !== '"') {
		index += json[index] === '\\' ? 2 : 1;
	}

	return index + 1;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
