import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {parseEtcdLine} from '../../source/model/logs/etcd-log-line.ts';

/** Debian's systemd-journal-remote: turns journal export format on stdin into a journal file, as journald writes them. */
export const journalRemote = '/usr/lib/systemd/systemd-journal-remote';

export function assertJournalRemote(): void {
	if (!existsSync(journalRemote)) {
		throw new Error(`${journalRemote} is missing: apt-get install -y systemd-journal-remote`);
	}
}

/** One journal entry: etcd's line as MESSAGE, and where journald would say it came from. */
export interface JournalLine {
	message: string;
	host?: string;
	/** The systemd unit, e.g. etcd.service. */
	unit?: string;
	/** Milliseconds since the epoch; etcd's own time in the line, or now, by default. */
	time?: number;
	/** A host's boot: copied journals hold several. */
	bootId?: string;
}

export function newBootId(): string {
	return randomBytes(16).toString('hex');
}

/** Journal export format: NAME=value lines, a blank line after each entry. */
function exportFormat(lines: readonly JournalLine[], bootId: string): string {
	return lines.map((line, index) => {
		if (line.message.includes('\n')) {
			throw new Error('multi-line messages need export format\'s binary fields, which this helper does not write');
		}

		const time = line.time ?? parseEtcdLine(line.message).time ?? Date.now();
		return [
			`__REALTIME_TIMESTAMP=${time * 1000 + index}`,
			`__MONOTONIC_TIMESTAMP=${(index + 1) * 1000}`,
			`_BOOT_ID=${line.bootId ?? bootId}`,
			`_HOSTNAME=${line.host ?? 'node1'}`,
			`_SYSTEMD_UNIT=${line.unit ?? 'etcd.service'}`,
			'SYSLOG_IDENTIFIER=etcd',
			'PRIORITY=6',
			`MESSAGE=${line.message}`,
			'',
			'',
		].join('\n');
	}).join('');
}

/** Writes (or appends to) a journal file; `file` must end in .journal. */
export async function writeJournal(file: string, lines: readonly JournalLine[], bootId = newBootId()): Promise<void> {
	assertJournalRemote();
	await new Promise<void>((resolve, reject) => {
		const child = execFile(journalRemote, ['-o', file, '-'], (error, _stdout, stderr) => {
			if (error) {
				reject(new Error(`systemd-journal-remote -o ${file} failed: ${stderr.trim() || error.message}`));
				return;
			}

			resolve();
		});
		child.stdin?.end(exportFormat(lines, bootId));
	});
}
