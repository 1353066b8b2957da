import {etcdLine, restoreToolFor} from '../shared/etcd-lines.ts';
import {failuresTolerated, quorumSize} from '../cluster/quorum.ts';
import {hasControlCharacters, shellCommand, shellFlag, shellQuote} from '../shared/shell-quote.ts';
import type {KeyCounts, RecordedMember} from '../../cluster/cluster-record.ts';
import type {SnapshotManifest} from '../../backup/manifest.ts';

/** How etcd runs on the hosts: Deephaven's unit, the distributions' etcd unit, or none (the plan starts etcd itself). */
export type RestoreUnit = 'dh-etcd' | 'etcd' | 'none';

export const restoreUnits: readonly RestoreUnit[] = ['dh-etcd', 'etcd', 'none'];

/** A member of the new cluster as the operator named it (--members NAME=PEER-URL). */
export interface MemberSpec {
	name: string;
	peerUrl: string;
}

export interface RestorePlanInput {
	/** Where the snapshot is; the plan expects the same path on every member's host. */
	snapshotPath: string;
	/** SHA-256 of the file, verified. */
	sha256: string;
	manifest: SnapshotManifest | undefined;
	/** --members; undefined: the manifest's voters. */
	members: MemberSpec[] | undefined;
	/** --client-urls NAME=URL; the rest are found from the manifest or the peer URL. */
	clientUrls: ReadonlyMap<string, string>;
	/** --data-dir, with {name} and {token}; undefined: the unit's default. */
	dataDir: string | undefined;
	token: string;
	/** Whether etcdeck made the token up (no --token). */
	tokenGenerated: boolean;
	unit: RestoreUnit;
	/** USER or USER:GROUP the data directory is given to. */
	owner: string;
	/** --etcd-version; undefined: the version the manifest recorded. */
	etcdVersion: string | undefined;
	/** UTC time the plan is made, "20250115T123456Z": the suffix of each old data directory moved aside. */
	stamp: string;
}

export type StepId = 'stop' | 'check-snapshot' | 'move-aside' | 'restore' | 'owner' | 'start';

export const stepIds: readonly StepId[] = ['stop', 'check-snapshot', 'move-aside', 'restore', 'owner', 'start'];

/** One step on one member's host: what it does, and the shell lines that do it. */
export interface PlanStep {
	id: StepId;
	title: string;
	lines: string[];
	/** What the operator must know or check by hand at this step. */
	note: string | undefined;
}

export interface MemberPlan {
	name: string;
	peerUrl: string;
	clientUrl: string;
	dataDir: string;
	steps: PlanStep[];
}

/** A key count to expect once the new cluster runs. */
export interface CountCheck {
	/** The prefix as etcdctl takes it; "" for all keys. */
	prefix: string;
	/** The prefix as printed ("all keys" for ""). */
	label: string;
	keys: number;
	depth: 0 | 1 | 2;
}

export interface RestorePlan {
	snapshotPath: string;
	sha256: string;
	manifest: SnapshotManifest | undefined;
	token: string;
	tokenGenerated: boolean;
	unit: RestoreUnit;
	owner: string;
	dataDirTemplate: string;
	etcdVersion: string;
	tool: 'etcdutl' | 'etcdctl';
	initialCluster: string;
	members: MemberPlan[];
	/** Said before the steps: an even member count, learners left out, guessed client URLs. */
	warnings: string[];
	/** Client URLs of every new member, comma-separated, for etcdctl --endpoints. */
	endpoints: string;
	counts: CountCheck[];
	/** Recorded counts that a shell cannot pass to etcdctl as they are (bytes that are not printable UTF-8). */
	uncheckableCounts: number;
	countsRevision: number | undefined;
}

export type RestorePlanOutcome = {ok: true; plan: RestorePlan} | {ok: false; problems: string[]};

/** Where each unit keeps its data by default (Deephaven: one directory per cluster token). */
export function defaultDataDir(unit: RestoreUnit): string | undefined {
	return unit === 'dh-etcd' ? '/var/lib/etcd/dh/{token}' : unit === 'etcd' ? '/var/lib/etcd' : undefined;
}

/** Deephaven's dh-etcd reads its configuration from here. */
export const dhEtcdConfig = '/etc/etcd/dh/latest/config.yaml';

const defaultClientPort = '2379';

/**
 * Builds the restore plan: every member's steps and the checks after, from the snapshot's manifest
 * and the operator's flags. Pure: checks everything it can (unique names and URLs, URLs etcd accepts,
 * names and paths that are safe in a shell and a path) and refuses with every problem at once.
 */
export function buildRestorePlan(input: RestorePlanInput): RestorePlanOutcome {
	const problems: string[] = [];
	const warnings: string[] = [];
	const members = chooseMembers(input, problems, warnings);
	const version = chooseVersion(input, problems);
	const template = input.dataDir ?? defaultDataDir(input.unit);
	checkToken(input.token, problems);
	checkOwner(input.owner, problems);
	checkPath(input.snapshotPath, 'the snapshot path', problems);
	if (template === undefined) {
		problems.push('--unit none has no default data directory: give --data-dir DIR (with {name} when members share a host)');
	} else {
		checkPath(template, '--data-dir', problems);
	}

	if (members === undefined || version === undefined || template === undefined || problems.length > 0) {
		return {ok: false, problems};
	}

	const resolved = resolveMembers(members, input, template, problems, warnings);
	checkUnique(resolved, problems);
	if (problems.length > 0) {
		return {ok: false, problems};
	}

	warnings.unshift(...sizeWarnings(resolved.length));
	if (input.unit === 'none' && resolved.some(member => member.peerUrl.startsWith('https:') || member.clientUrl.startsWith('https:'))) {
		warnings.push('the URLs are https: add to each start command the TLS flags that member used before (--cert-file, --key-file, --trusted-ca-file, --client-cert-auth, --peer-cert-file, --peer-key-file, --peer-trusted-ca-file, --peer-client-cert-auth)');
	}

	const tool = restoreToolFor(etcdLine(version)!);
	const initialCluster = resolved.map(member => `${member.name}=${member.peerUrl}`).join(',');
	const plan: RestorePlan = {
		snapshotPath: input.snapshotPath,
		sha256: input.sha256,
		manifest: input.manifest,
		token: input.token,
		tokenGenerated: input.tokenGenerated,
		unit: input.unit,
		owner: input.owner,
		dataDirTemplate: template,
		etcdVersion: version,
		tool,
		initialCluster,
		members: resolved.map(member => ({...member, steps: memberSteps(member, input, tool, initialCluster)})),
		warnings,
		endpoints: resolved.map(member => member.clientUrl).join(','),
		...countChecks(input.manifest?.cluster?.keyCounts ?? undefined),
	};
	return {ok: true, plan};
}

interface ResolvedMember {
	name: string;
	peerUrl: string;
	clientUrl: string;
	dataDir: string;
}

function chooseMembers(input: RestorePlanInput, problems: string[], warnings: string[]): MemberSpec[] | undefined {
	if (input.members !== undefined) {
		if (input.members.length === 0) {
			problems.push('--members names no member');
			return undefined;
		}

		return input.members;
	}

	const recorded = input.manifest?.cluster?.members;
	if (recorded === undefined || recorded === null) {
		const why = input.manifest === undefined
			? 'the snapshot has no etcdeck manifest beside it'
			: input.manifest.cluster === undefined
				? 'its manifest was written by an etcdeck that did not record them'
				: `its manifest has none (${input.manifest.cluster.gaps.join('; ')})`;
		problems.push(`the members of the new cluster are not known: ${why}; give --members NAME=PEER-URL,...`);
		return undefined;
	}

	const learners = recorded.filter(member => member.isLearner);
	if (learners.length > 0) {
		const one = learners.length === 1;
		warnings.push(`left out ${learners.map(member => describeRecorded(member)).join(', ')}: ${one ? 'it was a learner' : 'they were learners'} when the snapshot was saved; add ${one ? 'it back as a learner' : 'them back as learners'} once the new cluster runs`);
	}

	const voters = recorded.filter(member => !member.isLearner).sort((a, b) => a.name.localeCompare(b.name, 'en', {numeric: true}));
	const specs: MemberSpec[] = [];
	for (const member of voters) {
		if (member.name === '') {
			problems.push(`member ${member.id} has no name (it never started): give --members NAME=PEER-URL,... for the new cluster`);
			continue;
		}

		const [peerUrl, ...otherPeerUrls] = member.peerUrls;
		if (peerUrl === undefined) {
			problems.push(`member ${describeRecorded(member)} has no peer URL in the manifest: give --members`);
			continue;
		}

		if (otherPeerUrls.length > 0) {
			warnings.push(`${describeRecorded(member)} had ${member.peerUrls.length} peer URLs: the plan uses the first, ${peerUrl}`);
		}

		specs.push({name: member.name, peerUrl});
	}

	return specs.length === 0 && problems.length === 0 ? (problems.push('the manifest lists no voter'), undefined) : specs;
}

function describeRecorded(member: RecordedMember): string {
	return member.name === '' || hasControlCharacters(member.name) ? member.id : member.name;
}

function chooseVersion(input: RestorePlanInput, problems: string[]): string | undefined {
	const version = input.etcdVersion ?? input.manifest?.cluster?.etcdVersion ?? undefined;
	if (version === undefined) {
		problems.push('the etcd version the cluster ran is not known (the manifest does not record it): give --etcd-version, e.g. 3.5 or 3.4, so the plan restores with the right tool');
		return undefined;
	}

	const line = etcdLine(version);
	if (line === undefined || !line.startsWith('3.')) {
		problems.push(`--etcd-version ${JSON.stringify(version)} is not an etcd 3 version such as 3.5 or 3.4.23`);
		return undefined;
	}

	return version;
}

function resolveMembers(members: readonly MemberSpec[], input: RestorePlanInput, template: string, problems: string[], warnings: string[]): ResolvedMember[] {
	const recorded = input.manifest?.cluster?.members ?? [];
	const guessed: string[] = [];
	const resolved: ResolvedMember[] = [];
	for (const [name] of input.clientUrls) {
		if (!members.some(member => member.name === name)) {
			problems.push(`--client-urls names ${name}, which is not a member of the new cluster`);
		}
	}

	for (const member of members) {
		const problem = memberNameProblem(member.name) ?? urlProblem(member.peerUrl);
		if (problem !== undefined) {
			problems.push(problem.startsWith('member') ? problem : `the peer URL of ${member.name}: ${problem}`);
			continue;
		}

		const given = input.clientUrls.get(member.name);
		let clientUrl = given;
		if (clientUrl === undefined) {
			const before = recorded.find(candidate => candidate.name === member.name);
			clientUrl = deriveClientUrl(member.peerUrl, before?.clientUrls[0]);
			if (before?.clientUrls[0] !== clientUrl) {
				guessed.push(`${member.name} ${clientUrl}`);
			}
		}

		const clientProblem = urlProblem(clientUrl);
		if (clientProblem !== undefined) {
			problems.push(`the client URL of ${member.name}: ${clientProblem}`);
			continue;
		}

		if (template.includes('{name}') && (member.name.includes('/') || member.name === '.' || member.name === '..')) {
			problems.push(`member name ${member.name} cannot stand for {name} in --data-dir: it is not a file name`);
			continue;
		}

		resolved.push({name: member.name, peerUrl: member.peerUrl, clientUrl, dataDir: template.replaceAll('{name}', member.name).replaceAll('{token}', input.token)});
	}

	if (guessed.length > 0) {
		warnings.push(`client URLs taken from the peer URLs' hosts (port ${defaultClientPort}, or the port the member had): ${guessed.join(', ')}; give --client-urls NAME=URL,... if they differ`);
	}

	return resolved;
}

/** The peer URL's scheme and host with the client port the member had before, else etcd's default 2379. */
function deriveClientUrl(peerUrl: string, before: string | undefined): string {
	const peer = new URL(peerUrl);
	let scheme = peer.protocol;
	let port = defaultClientPort;
	if (before !== undefined && URL.canParse(before)) {
		const old = new URL(before);
		scheme = old.protocol;
		port = old.port === '' ? port : old.port;
	}

	return `${scheme}//${peer.hostname.includes(':') ? `[${peer.hostname.replace(/^\[|\]$/g, '')}]` : peer.hostname}:${port}`;
}

function memberNameProblem(name: string): string | undefined {
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

function checkUnique(members: readonly ResolvedMember[], problems: string[]): void {
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

function checkToken(token: string, problems: string[]): void {
	if (!/^[\w.-]{1,128}$/.test(token) || token === '.' || token === '..') {
		problems.push(`--token ${JSON.stringify(token)}: a cluster token here may hold letters, digits, ".", "_" and "-" (it names a directory too), up to 128`);
	}
}

function checkOwner(owner: string, problems: string[]): void {
	if (!/^[\w.-]+\$?(?::[\w.-]+\$?)?$/.test(owner)) {
		problems.push(`--owner ${JSON.stringify(owner)} is not USER or USER:GROUP`);
	}
}

function checkPath(text: string, what: string, problems: string[]): void {
	if (hasControlCharacters(text)) {
		problems.push(`${what} ${JSON.stringify(text)} has control characters`);
	} else if (!text.startsWith('/')) {
		problems.push(`${what} ${text} is not an absolute path: the plan runs on other hosts`);
	}
}

function sizeWarnings(count: number): string[] {
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

function memberSteps(member: ResolvedMember, input: RestorePlanInput, tool: 'etcdutl' | 'etcdctl', initialCluster: string): PlanStep[] {
	const dir = member.dataDir;
	const aside = `${dir}.before-restore-${input.stamp}`;
	const unit = input.unit;
	const fail = (message: string) => `${say(`etcdeck plan: ${message}`)} >&2; exit 1`;
	const restore = [
		...(tool === 'etcdctl' ? ['ETCDCTL_API=3'] : []),
		tool, 'snapshot', 'restore', shellQuote(input.snapshotPath),
		shellFlag('--name', member.name),
		shellFlag('--initial-cluster', initialCluster),
		shellFlag('--initial-cluster-token', input.token),
		shellFlag('--initial-advertise-peer-urls', member.peerUrl),
		shellFlag('--data-dir', dir),
	].join(' ');
	return [
		{
			id: 'stop',
			title: 'Stop etcd',
			lines: unit === 'none'
				? [`${say(`etcdeck plan: no unit (--unit none): stop any etcd of ${member.name} on this host yourself before the next step`)} >&2`]
				: [shellCommand(['systemctl', 'stop', unit]), `if systemctl is-active --quiet ${shellQuote(unit)}; then ${fail(`${unit} is still active`)}; fi`],
			note: 'every member, before any member restores: the old cluster must not run beside the new one',
		},
		{
			id: 'check-snapshot',
			title: 'Check the snapshot copied to this host',
			lines: [`if [ "$(sha256sum < ${shellQuote(input.snapshotPath)} | cut -d ' ' -f 1)" != ${shellQuote(input.sha256)} ]; then ${fail(`${input.snapshotPath} here is missing or not the snapshot this plan was made from (its sha256 differs)`)}; fi`],
			note: undefined,
		},
		{
			id: 'move-aside',
			title: 'Move the old data directory aside, never deleting it',
			lines: [
				`if [ -e ${shellQuote(dir)} ]; then`,
				`\tif [ -e ${shellQuote(aside)} ]; then ${fail(`${aside} already exists: move one of them yourself`)}; fi`,
				`\tmv ${shellQuote(dir)} ${shellQuote(aside)}`,
				'fi',
			],
			note: input.unit === 'dh-etcd' && input.dataDir === undefined ? 'with a new token the data directory is new: the old one (its old token\'s) stays where it is' : undefined,
		},
		{id: 'restore', title: `Restore (${tool} snapshot restore)`, lines: [restore], note: undefined},
		{id: 'owner', title: 'Give the data to the user etcd runs as', lines: [shellCommand(['chown', '-R', input.owner, dir])], note: undefined},
		startStep(member, input),
	];
}

/** A line printed by the script: printf, since echo in dash turns backslashes in a name into escapes. */
export function say(text: string): string {
	return `printf '%s\\n' ${shellQuote(text)}`;
}

function startStep(member: ResolvedMember, input: RestorePlanInput): PlanStep {
	const dir = member.dataDir;
	const title = 'Start etcd';
	switch (input.unit) {
		case 'dh-etcd': {
			return {
				id: 'start',
				title,
				lines: [
					`if ! grep -qF -- ${shellQuote(dir)} ${dhEtcdConfig}; then ${say(`etcdeck plan: ${dhEtcdConfig} does not name ${dir}: set data-dir: ${dir} and initial-cluster-token: ${input.token} there (and name, URLs) before starting`)} >&2; exit 1; fi`,
					shellCommand(['systemctl', 'start', 'dh-etcd']),
				],
				note: `${dhEtcdConfig} must say data-dir: ${dir}, initial-cluster-token: ${input.token}, name: ${member.name} and this member's URLs`,
			};
		}

		case 'etcd': {
			return {
				id: 'start',
				title,
				lines: [shellCommand(['systemctl', 'start', 'etcd'])],
				note: `the unit must run etcd with data directory ${dir} and name ${member.name} (Debian's etcd.service: ETCD_DATA_DIR and ETCD_NAME in /etc/default/etcd; its default is /var/lib/etcd/default)`,
			};
		}

		case 'none': {
			return {
				id: 'start',
				title: 'Start etcd (in the foreground; the restored data carries the cluster, so no --initial-cluster)',
				lines: [[
					'exec etcd',
					shellFlag('--name', member.name),
					shellFlag('--data-dir', dir),
					shellFlag('--listen-peer-urls', member.peerUrl),
					shellFlag('--initial-advertise-peer-urls', member.peerUrl),
					shellFlag('--listen-client-urls', member.clientUrl),
					shellFlag('--advertise-client-urls', member.clientUrl),
				].join(' ')],
				note: undefined,
			};
		}
	}
}

function countChecks(counts: KeyCounts | undefined): Pick<RestorePlan, 'counts' | 'uncheckableCounts' | 'countsRevision'> {
	if (counts === undefined) {
		return {counts: [], uncheckableCounts: 0, countsRevision: undefined};
	}

	// An escaped prefix without a backslash is its own bytes: printable UTF-8 a shell word can carry.
	const usable = counts.prefixes.filter(entry => !entry.prefix.includes('\\'));
	return {
		counts: [{prefix: '', label: 'all keys', keys: counts.totalKeys, depth: 0}, ...usable.map(entry => ({prefix: entry.prefix, label: entry.prefix, keys: entry.keys, depth: entry.depth}))],
		uncheckableCounts: counts.prefixes.length - usable.length,
		countsRevision: counts.revision,
	};
}
