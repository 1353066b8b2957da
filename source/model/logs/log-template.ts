import {shellQuote} from '../shared/shell-quote.ts';

/** What a --log-command template may name of a member. */
export const templatePlaceholders = ['name', 'host', 'id', 'unit'] as const;

export type TemplatePlaceholder = typeof templatePlaceholders[number];

/** A member as the log tails need it: the member list's entry. */
export interface LogMember {
	/** Hex, as etcd logs it. */
	id: string;
	/** Empty until an added member has started. */
	name: string;
	peerUrls: readonly string[];
	clientUrls: readonly string[];
}

/** One tail to run: a command for one member, or the journal (the local one, or a copied directory). */
export interface TailPlan {
	/** Stable for the life of the dashboard: the member's ID, or `journal`. */
	key: string;
	/** The member the tail's lines are from, when one is; a copied journal's lines are named by host. */
	member: string | undefined;
	/** The shell command (run with sh -c); undefined: journalctl with the log flags. */
	command: string | undefined;
}

const placeholderPattern = /\{(name|host|id|unit)\}/g;

/** The placeholders a --log-command uses; none: it is one command for the whole cluster, as before. */
export function placeholdersOf(template: string): TemplatePlaceholder[] {
	return [...new Set([...template.matchAll(placeholderPattern)].map(match => match[1] as TemplatePlaceholder))];
}

/** The host of a URL, without IPv6 brackets; undefined if it is no URL. */
export function urlHost(url: string): string | undefined {
	try {
		const {hostname} = new URL(url);
		return hostname === '' ? undefined : hostname.replace(/^\[(.*)\]$/, '$1');
	} catch {
		return undefined;
	}
}

/** The member's host: its first peer URL's (where the server itself listens), else its first client URL's. */
export function memberHost(member: Pick<LogMember, 'peerUrls' | 'clientUrls'>): string | undefined {
	for (const url of [...member.peerUrls, ...member.clientUrls]) {
		const host = urlHost(url);
		if (host !== undefined) {
			return host;
		}
	}

	return undefined;
}

/**
 * The template with the member's values, each shell-quoted: a member name is whatever etcd was given
 * (`--name 'a;b'`), and it must stay one word of the command. Undefined when the template needs a
 * value the member does not have yet (an added member has no name until it starts).
 */
export function expandTemplate(template: string, member: LogMember, unit: string): string | undefined {
	const values: Record<TemplatePlaceholder, string | undefined> = {
		name: member.name === '' ? undefined : member.name,
		host: memberHost(member),
		id: member.id,
		unit,
	};
	if (placeholdersOf(template).some(placeholder => values[placeholder] === undefined)) {
		return undefined;
	}

	return template.replaceAll(placeholderPattern, (_, placeholder: TemplatePlaceholder) => shellQuote(values[placeholder]!));
}

/** What the log flags ask for, as planning needs it. */
export interface TailSettings {
	logCommand?: string;
	/** --log-unit's units: the first is {unit}; etcd when none. */
	units: readonly string[];
	/** A copied journal (--journal-dir, --journal-file): it holds other hosts' lines, not this host's. */
	copiedJournal: boolean;
}

/**
 * Which tails to run for these members. A template: one per member it can be expanded for. A
 * command without placeholders: that one command. Otherwise the journal, its lines named by the
 * member that runs on this host (matched by address) when exactly one does; a copied journal's
 * lines are named by their _HOSTNAME instead.
 */
export function planTails(settings: TailSettings, members: readonly LogMember[], localAddresses: ReadonlySet<string>): TailPlan[] {
	const {logCommand} = settings;
	if (logCommand !== undefined && placeholdersOf(logCommand).length > 0) {
		const unit = settings.units[0] ?? 'etcd';
		return members.flatMap(member => {
			const command = expandTemplate(logCommand, member, unit);
			return command === undefined ? [] : [{key: member.id, member: member.name === '' ? undefined : member.name, command}];
		});
	}

	if (logCommand !== undefined) {
		return [{key: 'command', member: undefined, command: logCommand}];
	}

	const local = settings.copiedJournal ? [] : localMembers(members, localAddresses);
	return [{key: 'journal', member: local.length === 1 && local[0]!.name !== '' ? local[0]!.name : undefined, command: undefined}];
}

/** The members whose URLs point at this machine. */
export function localMembers(members: readonly LogMember[], localAddresses: ReadonlySet<string>): LogMember[] {
	return members.filter(member => [...member.peerUrls, ...member.clientUrls].some(url => {
		const host = urlHost(url)?.toLowerCase();
		return host !== undefined && (localAddresses.has(host) || localAddresses.has(shortHost(host)));
	}));
}

function shortHost(host: string): string {
	return /^[\d.]+$/.test(host) || host.includes(':') ? host : host.split('.')[0]!;
}

/**
 * The member a copied journal's _HOSTNAME belongs to: the one named like the host, or whose URL's
 * host is it (a name or its short form: journald writes the short hostname).
 */
export function memberForHost(host: string, members: readonly LogMember[]): string | undefined {
	const wanted = host.toLowerCase();
	const byName = members.find(member => member.name !== '' && (member.name.toLowerCase() === wanted || shortHost(member.name.toLowerCase()) === wanted));
	if (byName !== undefined) {
		return byName.name;
	}

	const byUrl = members.find(member => member.name !== '' && [...member.peerUrls, ...member.clientUrls].some(url => {
		const urlHostName = urlHost(url)?.toLowerCase();
		return urlHostName !== undefined && (urlHostName === wanted || shortHost(urlHostName) === wanted);
	}));
	return byUrl?.name;
}
