/**
 * Reading the dashboard's screen as text, the way an operator reads it: the header's leader and health
 * counts, and the Endpoints pane's rows by the columns their titles head.
 */

/** One row of the Endpoints pane (2). */
export interface EndpointLine {
	line: string;
	/** The RAFT INDEX cell; undefined when the member did not answer. */
	raftIndex: number | undefined;
	/** IS LEADER: true, false, or undefined when the member did not answer. */
	isLeader: boolean | undefined;
	/** The ERRORS cell (cut with … when the terminal is narrow). */
	errors: string;
}

/** The Endpoints pane's rows by endpoint URL; empty when that pane is not on screen. */
export function endpointLines(screen: string): Map<string, EndpointLine> {
	const lines = screen.split('\n');
	const header = lines.find(line => line.includes(' ENDPOINT ') && line.includes('RAFT INDEX'));
	const rows = new Map<string, EndpointLine>();
	if (header === undefined) {
		return rows;
	}

	// Right-aligned columns end where their title ends; left-aligned ones start where it starts.
	const indexEnd = header.indexOf('RAFT INDEX') + 'RAFT INDEX'.length;
	const leaderStart = header.indexOf('IS LEADER');
	const errorsStart = header.indexOf('ERRORS');
	for (const line of lines.slice(lines.indexOf(header) + 1)) {
		// After the NAME column (blank for an endpoint in no member list).
		const endpoint = /^[› ] (?:\S+)? +(https?:\/\/\S+) /.exec(line)?.[1];
		if (endpoint === undefined) {
			continue;
		}

		const index = /(\d+)$/.exec(line.slice(0, indexEnd))?.[1];
		const leader = leaderStart < 0 ? '' : line.slice(leaderStart, leaderStart + 'IS LEADER'.length).trim();
		rows.set(endpoint, {
			line,
			raftIndex: index === undefined ? undefined : Number(index),
			isLeader: leader === 'true' ? true : leader === 'false' ? false : undefined,
			errors: errorsStart < 0 ? '' : line.slice(errorsStart).trim(),
		});
	}

	return rows;
}

/** The leader the header names ("none" when it knows of none), or undefined before the first refresh. */
export function headerLeader(screen: string): string | undefined {
	return /^etcdeck {2}cluster \S+ {2}leader (\S+)/m.exec(screen)?.[1];
}

/** The header's "healthy N/M" figures. */
export function headerHealthy(screen: string): {answering: number; voters: number} | undefined {
	const match = /healthy (\d+)\/(\d+)/.exec(screen);
	return match === null ? undefined : {answering: Number(match[1]), voters: Number(match[2])};
}

/** Every "refreshed HH:MM:SS UTC in N ms" of the status line: the refresh time and what it took. */
export function statusRefresh(screen: string): {at: string; durationMs: number} | undefined {
	const match = /refreshed (\d\d:\d\d:\d\d) UTC in (\d+) ms/.exec(screen);
	return match === null ? undefined : {at: match[1]!, durationMs: Number(match[2])};
}

/** One row of the Members pane (1). */
export interface MemberLine {
	line: string;
	name: string;
	/** STATUS: started, unstarted, no answer, unreachable. */
	status: string;
	/** ROLE: leader, follower, learner. */
	role: string;
}

/** The Members pane's rows, top to bottom, read by the columns their titles head. */
export function memberLines(screen: string): MemberLine[] {
	const lines = screen.split('\n');
	const header = lines.find(line => /^ {2}ID +STATUS +NAME +ROLE /.test(line));
	if (header === undefined) {
		return [];
	}

	const cell = (line: string, title: string, next: string) => line.slice(header.indexOf(title), header.indexOf(next)).trim();
	return lines.slice(lines.indexOf(header) + 1)
		// IDs in hex as etcdctl prints them, without leading zeros: one in sixteen is shorter than 16 digits.
		.filter(line => /^[› ] [\da-f]{1,16} /.test(line))
		// ROLE ends where the next column starts, whichever it is (PEER ADDRS gives way on narrow screens).
		.map(line => ({line, status: cell(line, 'STATUS', 'NAME'), name: cell(line, 'NAME', 'ROLE'), role: line.slice(header.indexOf('ROLE'), afterRole(header)).trim()}));
}

function afterRole(header: string): number | undefined {
	const start = header.indexOf('ROLE');
	const next = /\S/.exec(header.slice(start + 'ROLE'.length).replace(/^\s*/, match => ' '.repeat(match.length)));
	return next === null ? undefined : start + 'ROLE'.length + next.index;
}
