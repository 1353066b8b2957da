import {statSync} from 'node:fs';
import path from 'node:path';
import {ConfigError} from '../config/settings.ts';

/** The log flags as meow parses them; undefined means "not given". */
export interface RawLogOptions {
	logUnit?: string;
	journalDir?: string;
	journalFile?: string;
	logCommand?: string;
	logLines?: number;
}

/** What the log tail reads, validated. */
export interface LogSettings {
	/** Units given with --log-unit; empty: whichever of {@link defaultLogUnits} has entries. */
	units: string[];
	/** Absolute: journalctl --file -f fails on a bare file name ("Destination address required"). */
	journalDir?: string;
	journalFile?: string;
	logCommand?: string;
	/** How many lines the pane keeps (a ring: the oldest go first). */
	lines: number;
}

/** The units etcd runs under: Debian's package and Deephaven's. */
export const defaultLogUnits: readonly string[] = ['etcd', 'dh-etcd'];

export const defaultLogLines = 5000;

/** How many lines of history journalctl is asked for before following. */
export const journalBacklogLines = 500;

/** Validates the log flags; throws ConfigError naming the flag at fault. */
export function resolveLogSettings(flags: RawLogOptions): LogSettings {
	const lines = flags.logLines ?? defaultLogLines;
	if (!Number.isInteger(lines) || lines < 1) {
		throw new ConfigError(`--log-lines must be a whole number of at least 1, got ${String(flags.logLines)}`);
	}

	if (flags.logCommand !== undefined) {
		// A template's {unit} is --log-unit's first unit; without {unit} the flag would go unused.
		const usesUnit = flags.logCommand.includes('{unit}');
		const ignored = ([['--log-unit', usesUnit ? undefined : flags.logUnit], ['--journal-dir', flags.journalDir], ['--journal-file', flags.journalFile]] as const).filter(([, value]) => value !== undefined).map(([flag]) => flag);
		if (ignored.length > 0) {
			throw new ConfigError(`--log-command runs its own command: ${ignored.join(' and ')} would be ignored; put them in the command instead`);
		}

		if (flags.logCommand.trim() === '') {
			throw new ConfigError('--log-command is empty: give a command whose output is log lines, e.g. "ssh node2 journalctl -u etcd -f -o json"');
		}

		return {units: usesUnit ? unitsOf(flags.logUnit) : [], logCommand: flags.logCommand, lines};
	}

	if (flags.journalDir !== undefined && flags.journalFile !== undefined) {
		throw new ConfigError('--journal-dir and --journal-file do not go together: journalctl reads one or the other');
	}

	return {
		units: unitsOf(flags.logUnit),
		...(flags.journalDir === undefined ? {} : {journalDir: existing(flags.journalDir, '--journal-dir', 'directory')}),
		...(flags.journalFile === undefined ? {} : {journalFile: existing(flags.journalFile, '--journal-file', 'file')}),
		lines,
	};
}

function unitsOf(logUnit: string | undefined): string[] {
	const units = logUnit === undefined ? [] : logUnit.split(',').map(unit => unit.trim());
	if (units.some(unit => unit === '' || /\s/.test(unit))) {
		throw new ConfigError(`--log-unit takes unit names separated by commas, got "${logUnit}"`);
	}

	return units;
}

function existing(given: string, flag: string, kind: 'directory' | 'file'): string {
	const absolute = path.resolve(given);
	let isKind: boolean;
	try {
		const stats = statSync(absolute);
		isKind = kind === 'directory' ? stats.isDirectory() : stats.isFile();
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
		throw new ConfigError(`${flag} ${given}: ${reason}`);
	}

	if (!isKind) {
		throw new ConfigError(`${flag} ${given}: not a ${kind}`);
	}

	return absolute;
}
