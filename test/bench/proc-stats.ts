import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

/** Kernel clock ticks a second, the unit of utime and stime in /proc/<pid>/stat. */
export const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid: number): string[] {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU time the process has used, user and system, in seconds. */
export function cpuSeconds(pid: number): number {
	const fields = statFields(pid);
	// utime and stime are fields 14 and 15 of stat(5); the slice starts at field 3.
	return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** The processes whose parent is `pid` (this kernel has no /proc/<pid>/task/<tid>/children). */
export function childPidsOf(pid: number): number[] {
	const children: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			if (Number(statFields(Number(entry))[1]) === pid) {
				children.push(Number(entry));
			}
		} catch {
			// The process ended while we looked.
		}
	}

	return children;
}

/** The issue states memory in MB: 10^6 bytes. */
export const megabyte = 1_000_000;
