import {etcdLine, restoreToolFor} from '../shared/etcd-lines.ts';
import {hasControlCharacters} from '../shared/shell-quote.ts';
import type {RecordedMember} from '../../cluster/cluster-record.ts';
import {checkOwner, checkPath, checkToken, checkUnique, memberNameProblem, sizeWarnings, urlProblem} from './restore-plan-checks.ts';
import {countChecks, memberSteps} from './restore-plan-steps.ts';
import {defaultDataDir, type MemberSpec, type ResolvedMember, type RestorePlan, type RestorePlanInput, type RestorePlanOutcome} from './restore-plan-types.ts';

export * from './restore-plan-types.ts';
export {urlProblem} from './restore-plan-checks.ts';
export {say} from './restore-plan-steps.ts';

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
