import {failuresTolerated, quorumSize} from '../cluster/quorum.ts';
import {hasControlCharacters} from '../shared/shell-quote.ts';
import type {ResolvedMember} from './restore-plan-types.ts';

// What the restore plan refuses or warns about before it writes a step: names, URLs, paths, sizes.

export function memberNameProblem(name: string): string | undefined {
	if (name === '') {
		return 'member names cannot be empty';
	}

	if (hasControlCharacters(name)) {
		return `member name ${JSON.stringify(name)} has control characters: refused, since it would act on a terminal and a script; name the new cluster's members with --members NAME=PEER-URL,...`;
	}

	if (name.includes(',') || name.includes('=')) {
		return `member name ${name} holds "," or "=", which --initial-cluster cannot carry`;
	}

	return undefined;
}

/** What etcd's URL parsing would refuse: it takes http or https with host:port and nothing else. */
export function urlProblem(text: string): string | undefined {
	if (hasControlCharacters(text) || text.includes(',') || text.includes(' ')) {
		return `${JSON.stringify(text)} is not a URL etcd accepts`;
	}

	if (!URL.canParse(text)) {
		return `${text} is not a URL`;
	}

	const url = new URL(text);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return `${text}: etcd takes http:// or https://`;
	}

	if (url.port === '' || url.hostname === '') {
		return `${text}: etcd needs host:port (e.g. https://10.0.0.1:2380)`;
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
		return `${text}: etcd takes scheme://host:port only, no path, query or user`;
	}

	return undefined;
}

export function checkUnique(members: readonly ResolvedMember[], problems: string[]): void {
	const seen = (what: string, value: (member: ResolvedMember) => string) => {
		const owners = new Map<string, string>();
		for (const member of members) {
			const key = value(member);
			const first = owners.get(key);
			if (first === undefined) {
				owners.set(key, member.name);
			} else if (first === member.name) {
				problems.push(`member name ${member.name} is given twice: every member needs its own name`);
			} else {
				problems.push(`${what} ${key} is given for both ${first} and ${member.name}`);
			}
		}
	};

	seen('member name', member => member.name);
	seen('peer URL', member => normalUrl(member.peerUrl));
	seen('client URL', member => normalUrl(member.clientUrl));
	const peers = new Set(members.map(member => normalUrl(member.peerUrl)));
	for (const member of members) {
		if (peers.has(normalUrl(member.clientUrl))) {
			problems.push(`the client URL of ${member.name}, ${member.clientUrl}, is also a peer URL`);
		}
	}

	if (problems.length > 0) {
		// Members that share a URL share a host: saying they share a directory too would only repeat it.
		return;
	}

	const dirs = new Map<string, string>();
	for (const member of members) {
		const key = `${new URL(member.peerUrl).hostname} ${member.dataDir}`;
		const first = dirs.get(key);
		if (first !== undefined && first !== member.name) {
			problems.push(`${first} and ${member.name} run on ${new URL(member.peerUrl).hostname} and would share the data directory ${member.dataDir}: put {name} in --data-dir`);
		} else {
			dirs.set(key, member.name);
		}
	}
}

function normalUrl(text: string): string {
	const url = new URL(text);
	return `${url.protocol}//${url.host}`;
}

export function checkToken(token: string, problems: string[]): void {
	if (!/^[\w.-]{1,128}$/.test(token) || token === '.' || token === '..') {
		problems.push(`--token ${JSON.stringify(token)}: a cluster token here may hold letters, digits, ".", "_" and "-" (it names a directory too), up to 128`);
	}
}

export function checkOwner(owner: string, problems: string[]): void {
	if (!/^[\w.-]+\$?(?::[\w.-]+\$?)?$/.test(owner)) {
		problems.push(`--owner ${JSON.stringify(owner)} is not USER or USER:GROUP`);
	}
}

export function checkPath(text: string, what: string, problems: string[]): void {
	if (hasControlCharacters(text)) {
		problems.push(`${what} ${JSON.stringify(text)} has control characters`);
	} else if (!text.startsWith('/')) {
		problems.push(`${what} ${text} is not an absolute path: the plan runs on other hosts`);
	}
}

export function sizeWarnings(count: number): string[] {
	if (count % 2 === 1) {
		return [];
	}

	const quorum = quorumSize(count);
	const tolerated = failuresTolerated(count);
	const odd = count - 1;
	return [`${count} members: quorum is ${quorum} of ${count}, so the cluster tolerates ${tolerated === 1 ? '1 failure' : `${tolerated} failures`}, `
		+ `no more than ${odd} member${odd === 1 ? '' : 's'} would (${odd === 1 ? 'which tolerates none either' : `quorum ${quorumSize(odd)}`}), and every write waits for one more member. `
		+ 'An odd count is the rule: drop or add one unless this is a step on the way to an odd size'];
}
